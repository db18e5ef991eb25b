import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../dates/dates';
import type { Member } from '../../directory/model';
import type { RemissAnswerDoc, RemissDoc } from './model';
import { MANAGERS_BODY } from './model';

/** The moment answering closes: the end of the answer date in Swedish local time. */
export function remissDeadline(dueDate: string): Date {
  return DateTime.fromISO(dueDate, { zone: TIME_ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** Reminders go out at this local hour: some days before the date, and on the date itself. */
export const REMINDER_HOUR = 9;
export const REMINDER_DAYS_BEFORE = 3;

export type ReminderStage = 'before' | 'due';

/** The reminder times of a remiss that still lie ahead. */
export function reminderTimes(dueDate: string, now: Date): { stage: ReminderStage; at: Date }[] {
  const day = DateTime.fromISO(dueDate, { zone: TIME_ZONE }).set({ hour: REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 });
  const times: { stage: ReminderStage; at: Date }[] = [
    { stage: 'before', at: day.minus({ days: REMINDER_DAYS_BEFORE }).toJSDate() },
    { stage: 'due', at: day.toJSDate() },
  ];
  return times.filter((t) => t.at.getTime() > now.getTime());
}

export type RemissRefusal =
  | { kind: 'forbidden'; reason: 'notSecretariat' | 'notAddressed' | 'notManager' }
  | { kind: 'bad'; reason: 'unknownParty' | 'duePast' | 'answerEmpty' | 'reasonEmpty' | 'noRecipients' }
  | { kind: 'closed'; deadline: Date };

/** Only the secretariat sends remisser; the answer date is today or later. */
export function decideRemissCreate(
  input: { dueDate: string; parties: 'all' | string[] },
  actor: Member,
  knownPartyIds: ReadonlySet<string>,
  now: Date,
): { kind: 'ok' } | RemissRefusal {
  if (!actor.roles.includes('secretariat')) return { kind: 'forbidden', reason: 'notSecretariat' };
  if (input.parties !== 'all' && input.parties.some((id) => !knownPartyIds.has(id))) return { kind: 'bad', reason: 'unknownParty' };
  if (remissDeadline(input.dueDate).getTime() <= now.getTime()) return { kind: 'bad', reason: 'duePast' };
  return { kind: 'ok' };
}

export type AnswerDecision = { kind: 'record'; partyId: string; first: boolean } | RemissRefusal;

/**
 * A party answers (or declines) once, through one of its addressed managers, and may change the
 * answer until the date has passed. A party that had no managers may answer through any member.
 */
export function decideAnswer(
  remiss: RemissDoc,
  actor: Member,
  existing: RemissAnswerDoc | undefined,
  request: { state: 'answered'; answer: string } | { state: 'declined'; reason: string },
  now: Date,
): AnswerDecision {
  const deadline = remissDeadline(remiss.dueDate);
  if (remiss.status === 'closed' || now.getTime() >= deadline.getTime()) return { kind: 'closed', deadline };
  const party = remiss.plan.parties.find((p) => p.partyId === actor.partyId);
  if (!party) return { kind: 'forbidden', reason: 'notAddressed' };
  const manager =
    party.members.length === 0 ||
    party.members.some((m) => m.aadObjectId === actor.aadObjectId) ||
    actor.bodies.includes(MANAGERS_BODY);
  if (!manager) return { kind: 'forbidden', reason: 'notManager' };
  if (request.state === 'answered' && request.answer.length === 0) return { kind: 'bad', reason: 'answerEmpty' };
  if (request.state === 'declined' && request.reason.length === 0) return { kind: 'bad', reason: 'reasonEmpty' };
  return { kind: 'record', partyId: party.partyId, first: existing === undefined };
}

export type PartyAnswerState = 'answered' | 'declined' | 'none';

/** Each addressed party with its state, in plan order. */
export function answerStates(
  remiss: Pick<RemissDoc, 'plan'>,
  answers: readonly RemissAnswerDoc[],
): { partyId: string; name: string; state: PartyAnswerState; answer: RemissAnswerDoc | undefined }[] {
  const byParty = new Map(answers.map((a) => [a.partyId, a]));
  return remiss.plan.parties.map((p) => {
    const answer = byParty.get(p.partyId);
    return { partyId: p.partyId, name: p.name, state: answer?.state ?? 'none', answer };
  });
}

/** The parties that have neither answered nor declined: the only ones reminded. */
export function silentParties(remiss: Pick<RemissDoc, 'plan'>, answers: readonly RemissAnswerDoc[]): string[] {
  return answerStates(remiss, answers)
    .filter((s) => s.state === 'none')
    .map((s) => s.partyId);
}

/**
 * When the secretariat gets the summary: once every party has answered or declined, and when the
 * date has passed (unless that summary already said everything: no answer changed since).
 */
export function decideSummary(
  remiss: Pick<RemissDoc, 'plan' | 'summarySentAt'>,
  answers: readonly RemissAnswerDoc[],
  trigger: 'answer' | 'deadline',
): boolean {
  if (trigger === 'answer') return remiss.summarySentAt === null && silentParties(remiss, answers).length === 0;
  if (remiss.summarySentAt === null) return true;
  const sent = Date.parse(remiss.summarySentAt);
  return answers.some((a) => Date.parse(a.at) > sent);
}

/**
 * Who a remiss goes to: "all" is the eleven parties (the agreement: "till berörda chefer hos de
 * elva parterna"), with anyone else the secretariat ticked beside them (HUFB); otherwise the ticked.
 */
export function remissAddressees(ticked: readonly string[], parties: readonly { id: string; isParty: boolean }[]): string[] {
  if (!ticked.includes('all')) return [...ticked];
  const eleven = parties.filter((p) => p.isParty).map((p) => p.id);
  return [...eleven, ...ticked.filter((id) => id !== 'all' && !eleven.includes(id))];
}
