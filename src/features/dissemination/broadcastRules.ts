import type { Member } from '../../directory/model';
import { sightOf } from '../../kit/permissions';
import type { AckDoc, BroadcastDoc, BroadcastKind, Link, Targets } from './model';

/** A broadcast form as the card sent it, after the edge schema. */
export interface ComposeInput {
  broadcastId: string | undefined;
  kind: BroadcastKind;
  title: string;
  text: string;
  links: Link[];
  audience: 'all' | string[];
  audienceBody: string | null;
  partyId: string | null;
  targets: Targets;
  requiresAck: boolean;
  sendAt: Date | null;
}

/** Why a request is refused; the handler turns the reason into a clear card (and writes nothing). */
export type Refusal =
  | { kind: 'forbidden'; reason: 'notSecretariat' | 'notOwnParty' | 'notYours' | 'notAddressed' }
  | { kind: 'bad'; reason: 'unknownParty' | 'unknownBody' | 'orgChangeAudience' | 'sendAtPast' | 'noRecipients' | 'noAckNeeded' | 'notSent' }
  | { kind: 'conflict'; reason: 'alreadySent' | 'cancelled' }
  | { kind: 'stale' };

export type ComposeDecision =
  | { kind: 'ok'; fromPartyId: string | null; sendAt: Date | null }
  | Refusal;

/** How far back a chosen send time may lie and still count as "now" (a form filled in slowly). */
export const SEND_AT_GRACE_MS = 5 * 60_000;

/**
 * Who may compose what: the secretariat sends decisions and information to any parties; anyone in
 * the directory may post an organisational change for their own party, which goes to all others.
 */
export function decideCompose(
  input: ComposeInput,
  actor: Member,
  known: { partyIds: ReadonlySet<string>; bodyIds: ReadonlySet<string> },
  now: Date,
): ComposeDecision {
  const secretariat = actor.roles.includes('secretariat');
  let fromPartyId: string | null = null;
  if (input.kind === 'orgChange') {
    fromPartyId = input.partyId ?? actor.partyId;
    if (fromPartyId !== actor.partyId) return { kind: 'forbidden', reason: 'notOwnParty' };
    if (input.audience !== 'all' || input.audienceBody !== null) return { kind: 'bad', reason: 'orgChangeAudience' };
  } else {
    if (!secretariat) return { kind: 'forbidden', reason: 'notSecretariat' };
    if (input.partyId !== null) return { kind: 'bad', reason: 'orgChangeAudience' };
  }
  if (input.audience !== 'all' && input.audience.some((id) => !known.partyIds.has(id))) return { kind: 'bad', reason: 'unknownParty' };
  if (input.audienceBody !== null && !known.bodyIds.has(input.audienceBody)) return { kind: 'bad', reason: 'unknownBody' };
  let sendAt = input.sendAt;
  if (sendAt && sendAt.getTime() < now.getTime() - SEND_AT_GRACE_MS) return { kind: 'bad', reason: 'sendAtPast' };
  if (sendAt && sendAt.getTime() <= now.getTime()) sendAt = null;
  return { kind: 'ok', fromPartyId, sendAt };
}

/** The broadcast's author or the secretariat may edit, cancel, send, remind and retry it. */
export function mayManage(broadcast: Pick<BroadcastDoc, 'createdBy'>, actor: Member): boolean {
  return sightOf(actor).allParties || broadcast.createdBy.aadObjectId === actor.aadObjectId;
}

/** An edit or cancel is possible until the broadcast is sent. */
export function decideChange(broadcast: BroadcastDoc, actor: Member): { kind: 'ok' } | Refusal {
  if (!mayManage(broadcast, actor)) return { kind: 'forbidden', reason: 'notYours' };
  if (broadcast.status === 'sent') return { kind: 'conflict', reason: 'alreadySent' };
  if (broadcast.status === 'cancelled') return { kind: 'conflict', reason: 'cancelled' };
  return { kind: 'ok' };
}

export type ConfirmDecision =
  | { kind: 'send-now' }
  | { kind: 'schedule'; at: Date }
  | { kind: 'already-sent' }
  | Refusal;

/**
 * Confirming the preview: send now, or at the chosen time. A confirm of an older revision than the
 * one stored (the draft was edited since that preview) is stale.
 */
export function decideConfirm(
  broadcast: BroadcastDoc,
  actor: Member,
  request: { revision: number; when: 'now' | 'scheduled' },
  now: Date,
): ConfirmDecision {
  if (!mayManage(broadcast, actor)) return { kind: 'forbidden', reason: 'notYours' };
  if (broadcast.status === 'sent') return { kind: 'already-sent' };
  if (broadcast.status === 'cancelled') return { kind: 'conflict', reason: 'cancelled' };
  if (request.revision !== broadcast.revision) return { kind: 'stale' };
  const at = broadcast.sendAt ? new Date(broadcast.sendAt) : null;
  if (request.when === 'scheduled' && at && at.getTime() > now.getTime()) return { kind: 'schedule', at };
  return { kind: 'send-now' };
}

export type AckDecision = { kind: 'record'; partyId: string } | { kind: 'already'; ack: AckDoc } | Refusal;

/**
 * "Received and carried into our organisation": any directory member of an addressed party may
 * acknowledge for it; the first acknowledgement per party counts and is kept.
 */
export function decideAck(broadcast: BroadcastDoc, actor: Member, existing: AckDoc | undefined): AckDecision {
  if (broadcast.status !== 'sent' || !broadcast.plan) return { kind: 'bad', reason: 'notSent' };
  if (!broadcast.requiresAck) return { kind: 'bad', reason: 'noAckNeeded' };
  if (!broadcast.plan.parties.some((p) => p.partyId === actor.partyId)) return { kind: 'forbidden', reason: 'notAddressed' };
  if (existing) return { kind: 'already', ack: existing };
  return { kind: 'record', partyId: actor.partyId };
}

/** Reminders are not sent more often than this, however often the button is pressed. */
export const REMINDER_INTERVAL_MS = 10 * 60_000;

export type RemindDecision =
  | { kind: 'remind'; partyIds: string[]; number: number }
  | { kind: 'nobody' }
  | { kind: 'too-soon'; last: Date }
  | Refusal;

/** "Remind those who have not acknowledged": the parties without an acknowledgement, at most every ten minutes. */
export function decideRemind(broadcast: BroadcastDoc, actor: Member, acks: readonly AckDoc[], now: Date): RemindDecision {
  if (!mayManage(broadcast, actor)) return { kind: 'forbidden', reason: 'notYours' };
  if (broadcast.status !== 'sent' || !broadcast.plan) return { kind: 'bad', reason: 'notSent' };
  if (!broadcast.requiresAck) return { kind: 'bad', reason: 'noAckNeeded' };
  const acked = new Set(acks.map((a) => a.partyId));
  const partyIds = broadcast.plan.parties.map((p) => p.partyId).filter((id) => !acked.has(id));
  if (partyIds.length === 0) return { kind: 'nobody' };
  const last = broadcast.lastReminderAt ? new Date(broadcast.lastReminderAt) : null;
  if (last && now.getTime() - last.getTime() < REMINDER_INTERVAL_MS) return { kind: 'too-soon', last };
  return { kind: 'remind', partyIds, number: broadcast.reminders + 1 };
}
