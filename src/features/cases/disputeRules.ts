import { DISPUTE_FORUM } from './model';

/** Where a dispute may be placed (docs/domain.md §9). */
export type DisputeRoute =
  | { kind: 'forum'; level: typeof DISPUTE_FORUM }
  | { kind: 'parties'; parties: string[]; escalateTo: typeof DISPUTE_FORUM }
  /** Between two and all: whether it concerns "ett fåtal parter" is the preparer's judgement to confirm. */
  | { kind: 'undecided'; parties: string[] }
  | { kind: 'rejected' };

export interface DisputeClaim {
  involved: readonly string[];
  principled: boolean;
  /**
   * The preparer's confirmation that a dispute between more than two (and fewer than all) parties
   * concerns only "ett fåtal parter"; null until they say.
   */
  few?: boolean | null;
}

/**
 * The only permitted placement of a dispute, as the agreement tells the two kinds apart:
 * "Politiska ledningsgruppen ska fungera som ett forum för tvister av principiell karaktär eller
 * tvister som berör samtliga parter", and a dispute "som endast berör två eller ett fåtal parter,
 * ska i första hand lösas av dessa i särskild form". Two parties are "två"; all eleven are
 * "samtliga". Between them the text gives no number for "ett fåtal", so the preparer confirms it:
 * a few go first to the parties, and one that is not "a few" is placed with Politiska
 * ledningsgruppen only when it is confirmed as a matter of principle.
 */
export function routeDispute(dispute: DisputeClaim, eleven: readonly string[]): DisputeRoute {
  const involved = [...new Set(dispute.involved)];
  if (dispute.principled || eleven.every((p) => involved.includes(p))) return { kind: 'forum', level: DISPUTE_FORUM };
  if (involved.length < 2) return { kind: 'rejected' };
  if (involved.length === 2 || dispute.few === true) return { kind: 'parties', parties: involved, escalateTo: DISPUTE_FORUM };
  return { kind: 'undecided', parties: involved };
}

/** Whether a dispute between these parties needs the preparer to say if they are "ett fåtal". */
export function needsFewJudgement(involved: readonly string[], eleven: readonly string[]): boolean {
  const unique = new Set(involved);
  return unique.size > 2 && !eleven.every((p) => unique.has(p));
}
