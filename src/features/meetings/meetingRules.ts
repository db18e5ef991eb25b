import { DateTime } from 'luxon';
import { TIME_ZONE, isoDate, localWeekday } from '../../dates/dates';
import type { Material, MeetingDoc, ReadingSchedule } from './model';
import { DEFAULT_READING } from './reminderRules';
import { workingDaysBefore } from '../../dates/workingDays';

/** A meeting as the secretariat entered it (after the card's strings were parsed). */
export interface MeetingInput {
  bodyId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
  agenda: string[];
  materials: Material[];
  /** Null: the default (end of the day two working days before the meeting). */
  rsvpDeadline: Date | null;
  /** Null: the default reading reminders (or, on an edit, the meeting's current ones). */
  reading: ReadingSchedule | null;
  confirmNotFriday: boolean;
}

export type MeetingProblem =
  | 'unknown-body'
  | 'body-fixed'
  | 'ends-not-after-start'
  | 'starts-in-past'
  | 'no-place'
  | 'deadline-after-start'
  | 'deadline-past'
  | 'cancelled'
  | 'already-started';

/** The meeting's fields once every rule holds. */
export interface MeetingPlan {
  bodyId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
  agenda: string[];
  materials: Material[];
  rsvpDeadline: Date;
  reading: ReadingSchedule;
}

export type MeetingDecision =
  | { kind: 'invalid'; problems: MeetingProblem[] }
  /** Fridays are reserved for collaboration: another weekday needs the secretariat's confirmation. */
  | { kind: 'confirm-weekday'; weekday: number }
  | { kind: 'ok'; plan: MeetingPlan };

/** The default RSVP deadline: the end of the day two working days before the meeting. */
export function defaultRsvpDeadline(startsAt: Date): Date {
  const day = DateTime.fromJSDate(startsAt, { zone: TIME_ZONE }).startOf('day');
  return workingDaysBefore(day, 2).endOf('day').toJSDate();
}

/**
 * Checks a new or changed meeting. `previous` is the meeting being edited: it cannot be edited once
 * cancelled or started, and keeping its (already confirmed) weekday needs no new confirmation.
 */
export function decideMeeting(
  input: MeetingInput,
  context: { now: Date; bodyKnown: boolean; previous?: Pick<MeetingDoc, 'status' | 'startsAt' | 'reading' | 'bodyId'> },
): MeetingDecision {
  const { now, previous } = context;
  const problems: MeetingProblem[] = [];
  if (previous?.status === 'cancelled') problems.push('cancelled');
  else if (previous && new Date(previous.startsAt) <= now) problems.push('already-started');
  if (!context.bodyKnown) problems.push('unknown-body');
  else if (previous && previous.bodyId !== input.bodyId) problems.push('body-fixed');
  if (input.endsAt <= input.startsAt) problems.push('ends-not-after-start');
  if (input.startsAt <= now) problems.push('starts-in-past');
  if (!input.location && !input.onlineUrl) problems.push('no-place');

  let rsvpDeadline = input.rsvpDeadline ?? defaultRsvpDeadline(input.startsAt);
  if (input.rsvpDeadline === null && rsvpDeadline <= now) rsvpDeadline = input.startsAt;
  if (isoDate(rsvpDeadline) === isoDate(input.startsAt) && rsvpDeadline > input.startsAt) rsvpDeadline = input.startsAt;
  if (rsvpDeadline > input.startsAt) problems.push('deadline-after-start');
  else if (rsvpDeadline <= now && input.startsAt > now) problems.push('deadline-past');
  if (problems.length > 0) return { kind: 'invalid', problems };

  const weekday = localWeekday(input.startsAt);
  const sameDayAsBefore = previous !== undefined && isoDate(new Date(previous.startsAt)) === isoDate(input.startsAt);
  if (weekday !== 5 && !input.confirmNotFriday && !sameDayAsBefore) return { kind: 'confirm-weekday', weekday };

  return {
    kind: 'ok',
    plan: {
      bodyId: input.bodyId,
      title: input.title,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      location: input.location,
      onlineUrl: input.onlineUrl,
      agenda: input.agenda,
      materials: input.materials,
      rsvpDeadline,
      reading: input.reading ?? previous?.reading ?? DEFAULT_READING,
    },
  };
}
