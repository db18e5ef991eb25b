import type { DisputeRoute } from './disputeRules';
import { routeDispute } from './disputeRules';
import type { CaseDoc, CaseEvent, CaseState, DisputeInfo, EventKind, PersonRef } from './model';
import { DISPUTE_FORUM, isFinal, PARTIES_LEVEL } from './model';

/**
 * Who may make a move (docs/domain.md §8). `involved`: a member of a party a dispute is between,
 * who reports for the parties that they cannot agree (§9).
 */
export type Who = 'preparer' | 'holder' | 'submitter' | 'secretariat' | 'involved';

interface Edge {
  from: CaseState;
  to: CaseState;
  kind: EventKind;
  who: readonly Who[];
}

/** The moves of docs/domain.md §8, plus "answered directly" (preparing -> closed) and a dispute's escalation. */
export const EDGES: readonly Edge[] = [
  { from: 'received', to: 'preparing', kind: 'take', who: ['preparer'] },
  { from: 'preparing', to: 'received', kind: 'release', who: ['holder', 'secretariat'] },
  { from: 'preparing', to: 'returned', kind: 'return', who: ['holder'] },
  { from: 'returned', to: 'preparing', kind: 'complete', who: ['submitter'] },
  { from: 'preparing', to: 'placed', kind: 'place', who: ['holder'] },
  { from: 'preparing', to: 'closed', kind: 'answer', who: ['holder'] },
  { from: 'placed', to: 'placed', kind: 'escalate', who: ['involved', 'preparer'] },
  { from: 'placed', to: 'closed', kind: 'close', who: ['holder', 'secretariat'] },
  { from: 'received', to: 'withdrawn', kind: 'withdraw', who: ['submitter', 'secretariat'] },
  { from: 'preparing', to: 'withdrawn', kind: 'withdraw', who: ['submitter', 'secretariat'] },
  { from: 'returned', to: 'withdrawn', kind: 'withdraw', who: ['submitter', 'secretariat'] },
];

/** Moves that need a comment: what is missing, the completion, the answer. */
const COMMENT_REQUIRED: readonly EventKind[] = ['return', 'complete', 'answer'];

export interface Mover extends PersonRef {
  isPreparer: boolean;
  isSecretariat: boolean;
  /** The mover's own party (from the directory): a member of an involved party may report a dispute unsettled. */
  partyId: string | null;
}

export interface TransitionRequest {
  to: CaseState;
  level?: string | undefined;
  comment?: string | undefined;
  /** Disputes: the preparer's confirmation of the principled flag when routing. */
  principled?: boolean | undefined;
  /** Disputes between more than two and fewer than all parties: the preparer's judgement that they are "ett fåtal". */
  few?: boolean | undefined;
  /** Disputes sent to the parties: an optional date to settle by (ISO instant); none by default. */
  settleBy?: string | undefined;
}

export interface TransitionRules {
  now: Date;
  /** Levels a case may be placed at (see `placementLevels`). */
  placementLevels: readonly string[];
  /** The eleven parties, for dispute routing. */
  eleven: readonly string[];
}

export type Refusal =
  | { reason: 'final' }
  | { reason: 'illegal' }
  | { reason: 'forbidden'; who: readonly Who[] }
  | { reason: 'taken'; holder: PersonRef }
  | { reason: 'comment-required' }
  | { reason: 'level-required' }
  | { reason: 'unknown-level' }
  | { reason: 'dispute-route'; route: DisputeRoute }
  | { reason: 'dispute-unroutable' }
  | { reason: 'dispute-undecided' }
  | { reason: 'reason-required' }
  | { reason: 'past-deadline' };

export type TransitionDecision = { kind: 'moved'; next: CaseDoc; event: CaseEvent } | ({ kind: 'refused' } & Refusal);

/** The roles the mover holds for this case. */
export function rolesFor(c: CaseDoc, mover: Mover): Who[] {
  const roles: Who[] = [];
  if (mover.isPreparer) roles.push('preparer');
  if (mover.isSecretariat) roles.push('secretariat');
  if (c.holder?.aadObjectId === mover.aadObjectId) roles.push('holder');
  if (c.submitter.aadObjectId === mover.aadObjectId) roles.push('submitter');
  if (mover.partyId !== null && c.dispute?.involved.includes(mover.partyId)) roles.push('involved');
  return roles;
}

/** The moves the mover may make now (for the buttons a card shows). */
export function movesFor(c: CaseDoc, mover: Mover): EventKind[] {
  const roles = rolesFor(c, mover);
  return EDGES.filter((e) => e.from === c.state && e.who.some((w) => roles.includes(w)))
    .filter((e) => e.kind !== 'escalate' || withTheParties(c))
    .map((e) => e.kind);
}

/** A dispute that lies with its parties, to settle between themselves. */
function withTheParties(c: CaseDoc): boolean {
  return c.dispute !== null && c.level === PARTIES_LEVEL;
}

/** Decides one move of a case: the next version and its event, or why not. */
export function decideTransition(c: CaseDoc, mover: Mover, request: TransitionRequest, rules: TransitionRules): TransitionDecision {
  if (isFinal(c.state)) return { kind: 'refused', reason: 'final' };
  const roles = rolesFor(c, mover);
  const comment = request.comment?.trim() || null;
  const lostTake = request.to === 'preparing' && c.state !== 'received' && !(c.state === 'returned' && roles.includes('submitter'));
  if (lostTake && c.holder && (roles.includes('preparer') || roles.includes('holder'))) {
    return { kind: 'refused', reason: 'taken', holder: c.holder };
  }
  const edge = EDGES.find((e) => e.from === c.state && e.to === request.to);
  if (!edge) return roles.length === 0 ? { kind: 'refused', reason: 'forbidden', who: [] } : { kind: 'refused', reason: 'illegal' };
  if (!edge.who.some((w) => roles.includes(w))) return { kind: 'refused', reason: 'forbidden', who: edge.who };
  if (COMMENT_REQUIRED.includes(edge.kind) && !comment) return { kind: 'refused', reason: 'comment-required' };
  if (edge.kind === 'escalate' && withTheParties(c) && !comment) return { kind: 'refused', reason: 'reason-required' };

  let level: string | null = null;
  let holder = c.holder;
  let dispute = c.dispute;
  switch (edge.kind) {
    case 'take':
      holder = { aadObjectId: mover.aadObjectId, name: mover.name };
      break;
    case 'release':
      holder = null;
      break;
    case 'place': {
      const placed = c.dispute ? placeDispute(c.dispute, request, rules) : placeCase(request, rules);
      if ('reason' in placed) return { kind: 'refused', ...placed };
      level = placed.level;
      dispute = placed.dispute ?? dispute;
      break;
    }
    case 'escalate': {
      // "Politiska ledningsgruppen" once the parties report that they cannot agree: the reason is
      // the report; no period has to pass first (the agreement sets none).
      if (!withTheParties(c)) return { kind: 'refused', reason: 'illegal' };
      if (request.level && request.level !== DISPUTE_FORUM) return { kind: 'refused', reason: 'illegal' };
      level = DISPUTE_FORUM;
      break;
    }
    case 'close':
      level = c.level;
      break;
    case 'submit':
    case 'return':
    case 'complete':
    case 'answer':
    case 'withdraw':
      break;
  }

  const at = rules.now.toISOString();
  const event: CaseEvent = {
    seq: c.version + 1,
    kind: edge.kind,
    from: c.state,
    to: edge.to,
    level,
    actor: { aadObjectId: mover.aadObjectId, name: mover.name },
    at,
    comment,
  };
  const next: CaseDoc = { ...c, state: edge.to, level, holder, dispute, updatedAt: at, version: event.seq, lastEvent: event };
  return { kind: 'moved', next, event };
}

type Placement = { level: string; dispute?: DisputeInfo } | Refusal;

function placeCase(request: TransitionRequest, rules: TransitionRules): Placement {
  if (!request.level) return { reason: 'level-required' };
  if (!rules.placementLevels.includes(request.level)) return { reason: 'unknown-level' };
  return { level: request.level };
}

/**
 * A dispute goes only where `routeDispute` sends it, with the principled flag (and, between more
 * than two and fewer than all parties, "ett fåtal") as the preparer confirms them. A date to settle
 * by is kept only when the preparer gives one.
 */
function placeDispute(dispute: DisputeInfo, request: TransitionRequest, rules: TransitionRules): Placement {
  const principled = request.principled ?? dispute.principled;
  const few = request.few ?? dispute.confirmedFew ?? null;
  const route = routeDispute({ involved: dispute.involved, principled, few }, rules.eleven);
  if (route.kind === 'rejected') return { reason: 'dispute-unroutable' };
  if (route.kind === 'undecided') return { reason: 'dispute-undecided' };
  const level = route.kind === 'forum' ? route.level : PARTIES_LEVEL;
  if (request.level && request.level !== level) return { reason: 'dispute-route', route };
  const deadline = route.kind === 'parties' && request.settleBy ? request.settleBy : null;
  if (deadline && new Date(deadline).getTime() <= rules.now.getTime()) return { reason: 'past-deadline' };
  return { level, dispute: { ...dispute, confirmedPrincipled: principled, confirmedFew: few, settleBy: deadline } };
}
