import { createHash } from 'node:crypto';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import { FieldError, Refused, type CardReply, type FieldProblem, type FormValues as SubmittedValues } from '../../kit/forms';
import { t } from '../../i18n';
import { requireRole } from '../../kit/permissions';
import { isoDate, localWeekday, parseLocalDate } from '../../dates/dates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { isStoreError } from '../../store/types';
import type { Body } from '../../directory/model';
import type { MeetingDecision, MeetingInput, MeetingPlan } from './meetingRules';
import { decideMeeting } from './meetingRules';
import { followInCalendar, newCalendarState, noticeWaitsForCalendar } from './calendarJobs';
import { heldNoticeBanner } from './calendarCards';
import { sendNotice } from './meetingDelivery';
import { PROBLEM_FIELD, PROBLEM_TEXT, formData, formValuesOf, newFormValues } from './meetingForm';
import type { MeetingDoc, PlannedReminder } from './model';
import { cancelDroppedReminders, scheduleReminders } from './reminderJobs';
import { planReminders } from './reminderRules';
import type { MeetingServices } from './services';
import { statusReply } from './statusReply';
import { asInvitee, refused } from './support';
import { MEETING_ID_PATTERN } from './model';
import { parseTypedDate } from '../../dates/typedDates';
import { biT, weekdayText, whenText } from './text';

/** Bodies that hold meetings (forwarding targets such as the networks do not). */
async function meetingBodies(svc: MeetingServices): Promise<Body[]> {
  return (await svc.deps.directory.bodies()).filter((b) => !b.forwardingTarget);
}

function checkPrivacy(input: MeetingInput): void {
  refuseIdentityNumbers({
    title: input.title,
    location: input.location,
    onlineUrl: input.onlineUrl,
    agenda: input.agenda,
    materials: input.materials.flatMap((m) => [m.title, m.url]),
  });
}

/**
 * The meeting id: the same for a second press on the same form card (its message id), so a
 * double press creates one meeting.
 */
function meetingIdFor(turn: TurnInfo, startsAt: Date): string {
  const seed = createHash('sha256').update(turn.replyToId ?? turn.activityId).digest('hex').slice(0, 10);
  return `m-${isoDate(startsAt)}-${seed}`;
}

/**
 * The form's refusal: each problem beside its input (the meeting's own state above the form), and
 * a day other than Friday as a question beside the confirmation the form then shows.
 */
function refusal(turn: TurnInfo, input: MeetingInput, decision: Exclude<MeetingDecision, { kind: 'ok' }>): FieldError {
  const locale = turn.actor.locale;
  if (decision.kind === 'confirm-weekday') {
    // The form shown again says why (its warning); beside the confirmation, what to do.
    return new FieldError({ confirmNotFriday: { text: t(locale, 'meetings', 'confirmNotFridayNeeded', { weekday: weekdayText(input.startsAt)[locale] }) } });
  }
  const problems: Record<string, FieldProblem> = {};
  for (const problem of decision.problems) {
    const field = PROBLEM_FIELD[problem] ?? `meeting:${problem}`;
    problems[field] ??= { text: t(locale, 'meetings', PROBLEM_TEXT[problem]) };
  }
  return new FieldError(problems);
}

/**
 * The create or edit form as it is shown for submitted values: the meeting's own (an edit, on the
 * version it was opened on) or a new one, with the question about a day other than Friday when
 * the date is one.
 */
export async function showMeetingForm(svc: MeetingServices, turn: TurnInfo, values: SubmittedValues): Promise<CardReply> {
  requireRole(turn, 'secretariat');
  const editing = values.meetingId && MEETING_ID_PATTERN.test(values.meetingId) ? await svc.repo.meeting(values.meetingId) : undefined;
  if (values.meetingId && !editing) throw new Refused(t(turn.actor.locale, 'meetings', 'refusedNotFound'));
  const bodies = (await meetingBodies(svc)).filter((b) => !editing || b.id === editing.bodyId);
  const typed = parseTypedDate(values.date ?? '');
  const day = typed ? parseLocalDate(typed) : undefined;
  const sequence = /^\d{1,6}$/.test(values.sequence ?? '') ? Number(values.sequence) : editing?.sequence;
  return {
    card: 'meeting-create',
    data: formData({
      bodies,
      values: editing ? formValuesOf(editing) : newFormValues(turn.now),
      ...(editing ? { edit: { meetingId: editing.id, sequence: sequence ?? editing.sequence } } : {}),
      ...(day && localWeekday(day) !== 5 ? { weekdayOf: day } : {}),
    }),
  };
}

function plannedFields(plan: MeetingPlan) {
  return {
    bodyId: plan.bodyId,
    title: plan.title,
    startsAt: plan.startsAt.toISOString(),
    endsAt: plan.endsAt.toISOString(),
    location: plan.location,
    onlineUrl: plan.onlineUrl,
    agenda: plan.agenda,
    materials: plan.materials,
    rsvpDeadline: plan.rsvpDeadline.toISOString(),
    reading: plan.reading,
  };
}

/** `meeting.new` and the `nytt möte` command: the empty form. */
export async function openNewForm(svc: MeetingServices, turn: TurnInfo): Promise<Reply> {
  requireRole(turn, 'secretariat');
  return { card: 'meeting-create', data: formData({ bodies: await meetingBodies(svc), values: newFormValues(turn.now) }) };
}

/** `meeting.create`: checks the meeting, plans its reminders, stores it and sends the notice. */
export async function createMeeting(svc: MeetingServices, turn: TurnInfo, input: MeetingInput): Promise<Reply> {
  const organizer = requireRole(turn, 'secretariat');
  checkPrivacy(input);
  const bodies = await meetingBodies(svc);
  const body = bodies.find((b) => b.id === input.bodyId);
  const decision = decideMeeting(input, { now: turn.now, bodyKnown: body !== undefined });
  if (decision.kind !== 'ok' || !body) throw refusal(turn, input, decision.kind === 'ok' ? { kind: 'invalid', problems: ['unknown-body'] } : decision);

  const id = meetingIdFor(turn, decision.plan.startsAt);
  const existing = await svc.repo.meeting(id);
  if (existing) return finishCreation(svc, turn, existing);
  const reminders = planReminders({ id, ...decision.plan }, turn.now);
  const members = await svc.deps.directory.membersOfBody(body.id);
  const now = turn.now.toISOString();
  const calendar = newCalendarState(svc);
  const meeting: MeetingDoc = {
    id,
    pk: id,
    type: 'meeting',
    ...plannedFields(decision.plan),
    bodyName: body.name,
    status: 'scheduled',
    sequence: 0,
    invitees: members.map(asInvitee),
    channel: body.channel,
    organizer: { aadObjectId: organizer.aadObjectId, name: organizer.name, email: organizer.email },
    reminders,
    notes: null,
    cancelReason: null,
    createdAt: now,
    updatedAt: now,
    readMarks: 'in-answer',
    ...(calendar ? { calendar } : {}),
  };
  await scheduleReminders(svc, id, reminders);
  try {
    await svc.repo.createMeeting(meeting);
  } catch (err) {
    if (!isStoreError(err, 'conflict')) throw err;
    const raced = await svc.repo.meeting(id);
    if (raced) return finishCreation(svc, turn, raced);
    throw err;
  }
  if (noticeWaitsForCalendar(svc, meeting)) {
    await followInCalendar(svc, meeting, turn.now);
    return statusReply(svc, turn, meeting, heldNoticeBanner(meeting.invitees.length));
  }
  const sent = await sendNotice(svc, meeting, turn.now);
  turn.log.info({ meetingId: id, body: body.id, invitees: sent.members, reminders: reminders.length }, 'meeting notice created');
  return statusReply(svc, turn, meeting, {
    text: biT('createdBanner', { n: sent.members, channel: sent.channel ? biT('channelSuffix') : '' }),
    style: 'good',
  });
}

/**
 * The same form pressed again after its meeting was stored: a first press that failed part-way
 * (the store went down after the meeting was written) may have left the index entry or the notice
 * undone. Both are idempotent (an upsert; the outbox keeps one delivery per batch and recipient),
 * so they are done again before the status is shown.
 */
async function finishCreation(svc: MeetingServices, turn: TurnInfo, meeting: MeetingDoc): Promise<Reply> {
  await svc.repo.reindex(meeting);
  await followInCalendar(svc, meeting, turn.now);
  if (meeting.sequence === 0 && meeting.status === 'scheduled' && !noticeWaitsForCalendar(svc, meeting)) await sendNotice(svc, meeting, turn.now);
  return statusReply(svc, turn, meeting);
}

/** `meeting.edit`: the form, filled in with the meeting as it stands. */
export async function openEditForm(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string }): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  const bodies = (await meetingBodies(svc)).filter((b) => b.id === meeting.bodyId);
  return {
    card: 'meeting-create',
    data: formData({ bodies, values: formValuesOf(meeting), edit: { meetingId: meeting.id, sequence: meeting.sequence } }),
  };
}

/**
 * `meeting.update`: a changed notice. Members get the change in the card they have (the notice is
 * updated in place), the .ics sequence goes up, and reminders move with the meeting. A form opened
 * on an older version is refused, so two editors cannot overwrite each other.
 */
export async function updateMeeting(
  svc: MeetingServices,
  turn: TurnInfo,
  data: { meetingId: string; sequence: number; input: MeetingInput },
): Promise<Reply> {
  requireRole(turn, 'secretariat');
  checkPrivacy(data.input);
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  // What was typed is judged before anything else: the stale answer below remembers its status
  // card on the meeting, and a refused edit must leave the meeting as it was.
  const bodies = await meetingBodies(svc);
  const body = bodies.find((b) => b.id === data.input.bodyId);
  const decision = decideMeeting(data.input, { now: turn.now, bodyKnown: body !== undefined, previous: meeting });
  if (decision.kind !== 'ok' || !body) throw refusal(turn, data.input, decision.kind === 'ok' ? { kind: 'invalid', problems: ['unknown-body'] } : decision);
  if (meeting.sequence !== data.sequence) return statusReply(svc, turn, meeting, { text: biT('staleEdit'), style: 'attention' });
  const reminders = planReminders({ id: meeting.id, ...decision.plan }, turn.now);
  const members = await svc.deps.directory.membersOfBody(body.id);
  await scheduleReminders(svc, meeting.id, reminders);
  const outcome = await svc.repo.updateMeeting<{ updated: MeetingDoc; previous: PlannedReminder[] } | 'stale'>(
    meeting.id,
    (current) => {
      if (current.sequence !== data.sequence) return { result: 'stale' };
      const updated: MeetingDoc = {
        ...current,
        ...plannedFields(decision.plan),
        sequence: current.sequence + 1,
        invitees: members.map(asInvitee),
        channel: body.channel,
        reminders,
        updatedAt: turn.now.toISOString(),
      };
      return { next: updated, result: { updated, previous: current.reminders } };
    },
    'stale',
  );
  if (outcome === 'stale') {
    const latest = await svc.repo.meeting(meeting.id);
    return latest ? statusReply(svc, turn, latest, { text: biT('staleEdit'), style: 'attention' }) : refused(turn, 'refusedNotFound');
  }
  await cancelDroppedReminders(svc, outcome.previous, reminders);
  await followInCalendar(svc, outcome.updated, turn.now);
  const sent = noticeWaitsForCalendar(svc, outcome.updated) ? { members: outcome.updated.invitees.length } : await sendNotice(svc, outcome.updated, turn.now);
  turn.log.info({ meetingId: meeting.id, sequence: outcome.updated.sequence }, 'meeting notice changed');
  return statusReply(svc, turn, outcome.updated, { text: biT('updatedBanner', { n: sent.members }), style: 'good' });
}

/**
 * `meeting.cancelForm`: the confirmation before a meeting is cancelled, which cannot be undone, with
 * the reason every invitee will read.
 */
export async function openCancelForm(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string }): Promise<CardReply> {
  requireRole(turn, 'secretariat');
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  if (meeting.status === 'cancelled') return refused(turn, 'alreadyCancelled');
  if (new Date(meeting.startsAt) <= turn.now) return refused(turn, 'problemAlreadyStarted');
  return {
    card: 'meeting-cancel',
    data: { meetingId: meeting.id, sequence: String(meeting.sequence), title: meeting.title, bodyName: meeting.bodyName, when: whenText(meeting) },
  };
}

/** `meeting.cancel`: the notice turns into a cancellation in place, reminders stop, the .ics says CANCEL. */
export async function cancelMeeting(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string; reason: string | null }): Promise<Reply> {
  requireRole(turn, 'secretariat');
  refuseIdentityNumbers({ reason: data.reason });
  type Outcome = { cancelled: MeetingDoc; previous: PlannedReminder[] } | 'missing' | 'already' | 'started';
  const outcome = await svc.repo.updateMeeting<Outcome>(
    data.meetingId,
    (current) => {
      if (current.status === 'cancelled') return { result: 'already' };
      if (new Date(current.startsAt) <= turn.now) return { result: 'started' };
      const cancelled: MeetingDoc = {
        ...current,
        status: 'cancelled',
        sequence: current.sequence + 1,
        cancelReason: data.reason,
        reminders: [],
        updatedAt: turn.now.toISOString(),
      };
      return { next: cancelled, result: { cancelled, previous: current.reminders } };
    },
    'missing',
  );
  if (outcome === 'missing') return refused(turn, 'refusedNotFound');
  if (outcome === 'already' || outcome === 'started') {
    const meeting = await svc.repo.meeting(data.meetingId);
    if (!meeting) return refused(turn, 'refusedNotFound');
    const text = outcome === 'already' ? biT('alreadyCancelled') : biT('problemAlreadyStarted');
    return statusReply(svc, turn, meeting, { text, style: 'attention' });
  }
  await cancelDroppedReminders(svc, outcome.previous, []);
  await followInCalendar(svc, outcome.cancelled, turn.now);
  const sent = noticeWaitsForCalendar(svc, outcome.cancelled) ? { members: outcome.cancelled.invitees.length } : await sendNotice(svc, outcome.cancelled, turn.now);
  turn.log.info({ meetingId: data.meetingId }, 'meeting cancelled');
  return statusReply(svc, turn, outcome.cancelled, { text: biT('cancelledBanner', { n: sent.members }), style: 'good' });
}
