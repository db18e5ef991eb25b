import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../dates/dates';
import type { Invitee, PlannedReminder, ReadingSchedule, RsvpResponse } from './model';
import { workingDaysBefore } from '../../dates/workingDays';

/** The default reading reminders: 3 working days before and the working day before, at 08:00. */
export const DEFAULT_READING: ReadingSchedule = { workingDaysBefore: [3, 1], time: '08:00' };

/** The RSVP reminder goes out the working day before the deadline, at this local time. */
export const RSVP_REMINDER_TIME = '08:00';

export const READING_REMINDER_JOB = 'meeting.reading-reminder';
export const RSVP_REMINDER_JOB = 'meeting.rsvp-reminder';

/** What a reminder job carries: enough to check, when it runs, that it is still the one planned. */
export interface ReminderPayload {
  meetingId: string;
  slot: string;
  runAt: string;
}

function atLocalTime(day: DateTime, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour: hour ?? 8, minute: minute ?? 0, second: 0, millisecond: 0 }).toJSDate();
}

function jobId(meetingId: string, slot: string, runAt: Date): string {
  const stamp = DateTime.fromJSDate(runAt, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmm");
  return `${meetingId}-${slot}-${stamp}`;
}

/**
 * The reminders a meeting needs, from now on: reading reminders at the schedule's working days
 * before the meeting, and an RSVP reminder the working day before the deadline (or on the
 * deadline's morning when that is too late). Times already past, or not before the meeting, are
 * left out. Job ids carry the time, so a moved reminder is a new job and never reuses a finished one.
 */
export function planReminders(
  meeting: { id: string; startsAt: Date; rsvpDeadline: Date; reading: ReadingSchedule },
  now: Date,
): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  const add = (slot: string, kind: PlannedReminder['kind'], runAt: Date, notAfter: Date) => {
    if (runAt <= now || runAt >= notAfter) return;
    if (planned.some((p) => p.runAt === runAt.toISOString() && p.kind === kind)) return;
    planned.push({ slot, kind, jobId: jobId(meeting.id, slot, runAt), runAt: runAt.toISOString() });
  };

  const meetingDay = DateTime.fromJSDate(meeting.startsAt, { zone: TIME_ZONE }).startOf('day');
  for (const days of [...new Set(meeting.reading.workingDaysBefore)].sort((a, b) => b - a)) {
    add(`reading-${days}`, 'reading', atLocalTime(workingDaysBefore(meetingDay, days), meeting.reading.time), meeting.startsAt);
  }

  const deadlineDay = DateTime.fromJSDate(meeting.rsvpDeadline, { zone: TIME_ZONE }).startOf('day');
  const dayBefore = atLocalTime(workingDaysBefore(deadlineDay, 1), RSVP_REMINDER_TIME);
  const sameMorning = atLocalTime(deadlineDay, RSVP_REMINDER_TIME);
  add('rsvp', 'rsvp', dayBefore > now ? dayBefore : sameMorning, meeting.rsvpDeadline);
  return planned.sort((a, b) => a.runAt.localeCompare(b.runAt));
}

/** Who is reminded to read: invited, not marked read, and not absent. */
export function readingReminderRecipients(
  participants: readonly Invitee[],
  answers: ReadonlyMap<string, RsvpResponse>,
  read: ReadonlySet<string>,
): Invitee[] {
  return participants.filter((p) => !read.has(p.aadObjectId) && answers.get(p.aadObjectId) !== 'absent');
}

/** Who is reminded to answer: invited and not answered. */
export function rsvpReminderRecipients(participants: readonly Invitee[], answers: ReadonlyMap<string, RsvpResponse>): Invitee[] {
  return participants.filter((p) => !answers.has(p.aadObjectId));
}

/** Who gets the follow-up after the meeting: those who were absent or did not answer. */
export function followUpGroup(participants: readonly Invitee[], answers: ReadonlyMap<string, RsvpResponse>): Invitee[] {
  return participants.filter((p) => answers.get(p.aadObjectId) !== 'attend');
}

/** Who in the follow-up group has not yet said "I have taken note". */
export function followUpNotAcknowledged(
  participants: readonly Invitee[],
  answers: ReadonlyMap<string, RsvpResponse>,
  acks: ReadonlySet<string>,
): Invitee[] {
  return followUpGroup(participants, answers).filter((p) => !acks.has(p.aadObjectId));
}
