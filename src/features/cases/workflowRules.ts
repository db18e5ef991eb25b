import type { DisputeRoute } from './disputeRules';
import { routeDispute, settleBy } from './disputeRules';
import type { CaseDoc, CaseEvent, CaseState, DisputeInfo, EventKind, PersonRef } from './model';
import { DISPUTE_FORUM, isFinal, PARTIES_LEVEL } from './model';

/** Who may make a move (docs/domain.md §8). */
export type Who = 'preparer' | 'holder' | 'submitter' | 'secretariat';

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
  { from: 'placed', to: 'placed', kind: 'escalate', who: ['preparer'] },
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
}

export interface TransitionRequest {
  to: CaseState;
  level?: string | undefined;
  comment?: string | undefined;
  /** Disputes: the preparer's confirmation of the principled flag when routing. */
  principled?: boolean | undefined;
}

export interface TransitionRules {
  now: Date;
  /** Levels a case may be placed at (see `placementLevels`). */
  placementLevels: readonly string[];
  /** The eleven parties, for dispute routing. */
  eleven: readonly string[];
  settleDays?: number;
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
  | { reason: 'too-early'; settleBy: string };

export type TransitionDecision = { kind: 'moved'; next: CaseDoc; event: CaseEvent } | ({ kind: 'refused' } & Refusal);

/** The roles the mover holds for this case. */
export function rolesFor(c: CaseDoc, mover: Mover): Who[] {
  const roles: Who[] = [];
  if (mover.isPreparer) roles.push('preparer');
  if (mover.isSecretariat) roles.push('secretariat');
  if (c.holder?.aadObjectId === mover.aadObjectId) roles.push('holder');
  if (c.submitter.aadObjectId === mover.aadObjectId) roles.push('submitter');
  return roles;
}

/** The moves the mover may make now (for the buttons a card shows). */
export function movesFor(c: CaseDoc, mover: Mover, now: Date): EventKind[] {
  const roles = rolesFor(c, mover);
  return EDGES.filter((e) => e.from === c.state && e.who.some((w) => roles.includes(w)))
    .filter((e) => e.kind !== 'escalate' || escalation(c, now) === 'due')
    .map((e) => e.kind);
}

function escalation(c: CaseDoc, now: Date): 'not-applicable' | 'early' | 'due' {
  if (!c.dispute || c.level !== PARTIES_LEVEL || !c.dispute.settleBy) return 'not-applicable';
  return now.getTime() >= new Date(c.dispute.settleBy).getTime() ? 'due' : 'early';
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
      const due = escalation(c, rules.now);
      if (due === 'not-applicable') return { kind: 'refused', reason: 'illegal' };
      if (due === 'early') return { kind: 'refused', reason: 'too-early', settleBy: c.dispute!.settleBy! };
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

/** A dispute goes only where `routeDispute` sends it, with the principled flag as the preparer confirms it. */
function placeDispute(dispute: DisputeInfo, request: TransitionRequest, rules: TransitionRules): Placement {
  const principled = request.principled ?? dispute.principled;
  const route = routeDispute({ involved: dispute.involved, principled }, rules.eleven);
  if (route.kind === 'rejected') return { reason: 'dispute-unroutable' };
  const level = route.kind === 'forum' ? route.level : PARTIES_LEVEL;
  if (request.level && request.level !== level) return { reason: 'dispute-route', route };
  const deadline = route.kind === 'parties' ? settleBy(rules.now, rules.settleDays).toISOString() : null;
  return { level, dispute: { ...dispute, confirmedPrincipled: principled, settleBy: deadline } };
}
