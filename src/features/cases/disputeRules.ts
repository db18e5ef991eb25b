import { DISPUTE_FORUM } from './model';

/** Where a dispute may be placed (docs/domain.md §9). */
export type DisputeRoute =
  | { kind: 'forum'; level: typeof DISPUTE_FORUM }
  | { kind: 'parties'; parties: string[]; escalateTo: typeof DISPUTE_FORUM }
  | { kind: 'rejected' };

/**
 * The only permitted placement of a dispute: a principled one, or one that concerns all eleven
 * parties, goes to Politiska ledningsgruppen; one between two or a few parties goes first to those
 * parties, to settle between themselves, with Politiska ledningsgruppen as the escalation step.
 */
export function routeDispute(dispute: { involved: readonly string[]; principled: boolean }, eleven: readonly string[]): DisputeRoute {
  const involved = [...new Set(dispute.involved)];
  if (dispute.principled || eleven.every((p) => involved.includes(p))) return { kind: 'forum', level: DISPUTE_FORUM };
  if (involved.length >= 2) return { kind: 'parties', parties: involved, escalateTo: DISPUTE_FORUM };
  return { kind: 'rejected' };
}

/** Days the parties have to settle a dispute between themselves before preparers may escalate. */
export const DISPUTE_SETTLE_DAYS = 30;

export function settleBy(now: Date, days: number = DISPUTE_SETTLE_DAYS): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
