import type { CalendarMeeting, EventChangedPayload, OutlookCalendar } from '../../calendar/port';
import { CALENDAR_JOBS, isTransientCalendarError } from '../../calendar/port';
import type { JobContext } from '../../delivery/types';
import { sendCalendarNote } from './calendarCards';
import { decideCalendarAnswers, noteKey } from './calendarRules';
import { sendNotice } from './meetingDelivery';
import type { MeetingCalendarState, MeetingDoc } from './model';
import type { MeetingServices } from './services';

/** Makes the organizer's event show version `sequence` of a meeting (create, update or cancel). */
export const CALENDAR_SYNC_JOB = 'meeting.calendarSync';

/**
 * Tries of a failed create before the notice goes without its Teams link (the scheduler tries a
 * job five times; the event is still made by a later try or the next change).
 */
const TRIES_BEFORE_NOTICE = 3;

interface SyncPayload {
  meetingId: string;
  sequence: number;
}

/** The Outlook calendar, when the settings name one. */
export function outlookOf(svc: MeetingServices): OutlookCalendar | undefined {
  const calendar = svc.deps.calendar;
  return calendar?.kind === 'outlook' ? calendar : undefined;
}

/** A new meeting's calendar state: with Outlook, the notice waits for the event and its Teams link. */
export function newCalendarState(svc: MeetingServices): MeetingCalendarState | undefined {
  if (!outlookOf(svc)) return undefined;
  return { eventId: null, joinUrl: null, syncedSequence: -1, state: 'pending', problem: null, noticeHeld: true };
}

/**
 * The notice is not sent yet: the calendar job sends it once the event exists. (Should the Graph
 * settings have been removed meanwhile, nothing waits any more.)
 */
export function noticeWaitsForCalendar(svc: MeetingServices, meeting: Pick<MeetingDoc, 'calendar'>): boolean {
  return meeting.calendar?.noticeHeld === true && outlookOf(svc) !== undefined;
}

/**
 * Asks for the event to follow the meeting as it now is. The job id names the version, so a
 * retried turn asks once; the job itself finds what is already done.
 */
export async function followInCalendar(svc: MeetingServices, meeting: Pick<MeetingDoc, 'id' | 'sequence' | 'calendar'>, now: Date): Promise<void> {
  if (!meeting.calendar || !outlookOf(svc)) return;
  await svc.deps.scheduler.schedule<SyncPayload>({
    id: `calendar-sync-${meeting.id}-${meeting.sequence}`,
    kind: CALENDAR_SYNC_JOB,
    runAt: now,
    payload: { meetingId: meeting.id, sequence: meeting.sequence },
  });
}

export function calendarMeeting(meeting: MeetingDoc): CalendarMeeting {
  return {
    meetingId: meeting.id,
    title: meeting.title,
    bodyName: meeting.bodyName,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    onlineUrl: meeting.onlineUrl,
    agenda: meeting.agenda,
    materials: meeting.materials,
    rsvpDeadline: meeting.rsvpDeadline,
    attendees: meeting.invitees.filter((i) => i.email !== '').map((i) => ({ name: i.name, email: i.email })),
  };
}

/** The scheduler's handlers for the calendar: following changes, reading answers, reconciling. */
export function registerCalendarJobs(svc: MeetingServices): void {
  const calendar = outlookOf(svc);
  if (!calendar) return;
  svc.deps.scheduler.handle<SyncPayload>(CALENDAR_SYNC_JOB, (payload, context) => runSync(svc, calendar, payload.meetingId, context));
  svc.deps.scheduler.handle<EventChangedPayload>(CALENDAR_JOBS.eventChanged, (payload, context) => eventChanged(svc, calendar, payload.eventId, context.runAt));
  svc.deps.scheduler.handle(CALENDAR_JOBS.reconcile, (_payload, context) => reconcile(svc, calendar, context.runAt));
}

async function recordCalendar(svc: MeetingServices, meetingId: string, change: (state: MeetingCalendarState) => Partial<MeetingCalendarState>): Promise<MeetingDoc | undefined> {
  return svc.repo.updateMeeting<MeetingDoc | undefined>(
    meetingId,
    (current) => {
      if (!current.calendar) return { result: current };
      const next: MeetingDoc = { ...current, calendar: { ...current.calendar, ...change(current.calendar) } };
      return { next, result: next };
    },
    undefined,
  );
}

/**
 * One run of the calendar job: create the event (found again if an earlier try made it), update
 * it, or cancel it, then record how far it is. A new event's Teams link goes into the notice,
 * which is sent now. A failure that needs a person, or a transient one that outlasts a few tries,
 * lets the notice go without the link and shows the problem on the status card.
 */
async function runSync(svc: MeetingServices, calendar: OutlookCalendar, meetingId: string, context: JobContext): Promise<void> {
  const meeting = await svc.repo.meeting(meetingId);
  const state = meeting?.calendar;
  if (!meeting || !state) return;
  const done = state.eventId !== null ? state.syncedSequence >= meeting.sequence : state.state !== 'pending' && meeting.status === 'cancelled';
  if (done) return;
  const log = svc.deps.log.child({ meetingId, sequence: meeting.sequence });
  try {
    if (meeting.status === 'cancelled') {
      const eventId = state.eventId ?? (await calendar.find(meeting.id))?.eventId ?? null;
      if (eventId) await calendar.cancel(eventId, meeting.cancelReason);
      await recordCalendar(svc, meetingId, (s) => ({ eventId, syncedSequence: Math.max(s.syncedSequence, meeting.sequence), state: 'ready', noticeHeld: false }));
      log.info({ cancelled: eventId !== null }, 'calendar event cancelled');
      return;
    }
    if (!state.eventId) {
      const event = await calendar.publish(calendarMeeting(meeting));
      await svc.repo.indexEvent(event.eventId, meeting.id);
      const recorded = await recordCalendar(svc, meetingId, (s) => ({
        eventId: event.eventId,
        joinUrl: event.joinUrl,
        syncedSequence: Math.max(s.syncedSequence, meeting.sequence),
        state: 'ready',
        problem: null,
      }));
      if (recorded) await releaseNotice(svc, recorded, context.runAt);
      log.info({ teamsMeeting: event.joinUrl !== null }, 'calendar event made for the meeting');
      return;
    }
    await calendar.update(state.eventId, calendarMeeting(meeting));
    await recordCalendar(svc, meetingId, (s) => ({ syncedSequence: Math.max(s.syncedSequence, meeting.sequence), state: 'ready', problem: null }));
    log.info('calendar event updated');
  } catch (err) {
    const problem = (err as Error).message;
    if (isTransientCalendarError(err) && context.attempt < TRIES_BEFORE_NOTICE) throw err;
    const recorded = await recordCalendar(svc, meetingId, () => ({ state: 'failed', problem }));
    if (recorded) await releaseNotice(svc, recorded, context.runAt);
    log.error({ err: problem, attempt: context.attempt }, 'the calendar could not follow the meeting; the notice goes without it');
    if (isTransientCalendarError(err)) throw err;
  }
}

/** Sends the notice that waited for the event (once: the outbox keeps one delivery per batch and person). */
async function releaseNotice(svc: MeetingServices, meeting: MeetingDoc, now: Date): Promise<void> {
  if (!meeting.calendar?.noticeHeld) return;
  if (meeting.status === 'scheduled') await sendNotice(svc, meeting, now);
  await recordCalendar(svc, meeting.id, () => ({ noticeHeld: false }));
}

/** An event of the organizer changed: read its answers into the meeting. */
async function eventChanged(svc: MeetingServices, calendar: OutlookCalendar, eventId: string, now: Date): Promise<void> {
  const meetingId = await svc.repo.meetingOfEvent(eventId);
  if (!meetingId) return;
  const meeting = await svc.repo.meeting(meetingId);
  if (meeting) await readAnswers(svc, calendar, meeting, now);
}

/** Upcoming meetings against their events: a missed notification changes nothing for long. */
async function reconcile(svc: MeetingServices, calendar: OutlookCalendar, now: Date): Promise<void> {
  for (const entry of await svc.repo.upcoming(now)) {
    const meeting = await svc.repo.meeting(entry.id);
    const state = meeting?.calendar;
    if (!meeting || !state) continue;
    if (state.eventId === null || state.syncedSequence < meeting.sequence) await followInCalendar(svc, meeting, now);
    if (state.eventId !== null) await readAnswers(svc, calendar, meeting, now);
  }
}

async function readAnswers(svc: MeetingServices, calendar: OutlookCalendar, meeting: MeetingDoc, now: Date): Promise<void> {
  const eventId = meeting.calendar?.eventId;
  if (!eventId || meeting.status === 'cancelled') return;
  const snapshot = await calendar.snapshot(eventId);
  if (!snapshot) {
    await recordCalendar(svc, meeting.id, () => ({ state: 'failed', problem: 'the event was deleted in the organizer mailbox' }));
    svc.deps.log.warn({ meetingId: meeting.id }, 'the meeting\'s calendar event is gone');
    return;
  }
  const [answers, notes] = await Promise.all([svc.repo.answers(meeting.id), svc.repo.calendarNotes(meeting.id)]);
  const steps = decideCalendarAnswers({
    meeting,
    organizer: calendar.organizer,
    attendees: snapshot.attendees,
    stored: new Map(answers.rsvps.map((r) => [r.aadObjectId, r])),
    noted: new Set(notes.map((n) => noteKey(n.kind, n.email))),
    now,
  });
  for (const step of steps) {
    if (step.kind === 'record') {
      const written = await svc.repo.putCalendarRsvp(meeting.id, step.invitee, step.response, step.respondedAt);
      if (written) svc.deps.log.info({ meetingId: meeting.id, response: step.response, via: 'calendar' }, 'meeting answer recorded');
      continue;
    }
    const fresh = await svc.repo.putCalendarNote(meeting.id, {
      kind: step.note,
      email: step.email,
      name: step.name,
      aadObjectId: step.invitee?.aadObjectId ?? null,
      partyId: step.invitee?.partyId ?? null,
      at: step.at,
    });
    if (fresh) await sendCalendarNote(svc, meeting, step);
  }
}
