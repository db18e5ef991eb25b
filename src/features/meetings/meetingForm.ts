import { DateTime } from 'luxon';
import { TIME_ZONE, isoDate } from '../../dates/dates';
import type { Body } from '../../directory/model';
import type { MeetingInput, MeetingProblem } from './meetingRules';
import type { MeetingDoc } from './model';
import { DEFAULT_READING } from './reminderRules';
import type { Bi } from './text';
import { biT, weekdayText } from './text';

/** The form's inputs as strings, as Input.Date / Input.Time / Input.Text show them. */
export interface FormValues {
  bodyId: string;
  title: string;
  date: string;
  endDate: string;
  startTime: string;
  endTime: string;
  location: string;
  onlineUrl: string;
  agenda: string;
  materials: string;
  rsvpDeadline: string;
  readingReminderDays: string;
  readingReminderTime: string;
}

export const PROBLEM_TEXT: Record<MeetingProblem, Parameters<typeof biT>[0]> = {
  'unknown-body': 'problemUnknownBody',
  'body-fixed': 'problemBodyFixed',
  'ends-not-after-start': 'problemEndsNotAfterStart',
  'starts-in-past': 'problemStartsInPast',
  'no-place': 'problemNoPlace',
  'deadline-after-start': 'problemDeadlineAfterStart',
  'deadline-past': 'problemDeadlinePast',
  cancelled: 'problemCancelled',
  'already-started': 'problemAlreadyStarted',
};

/** The form's input each problem is shown beside; a problem of the whole meeting has none. */
export const PROBLEM_FIELD: Record<MeetingProblem, keyof FormValues | null> = {
  'unknown-body': 'bodyId',
  'body-fixed': 'bodyId',
  'ends-not-after-start': 'endTime',
  'starts-in-past': 'date',
  'no-place': 'location',
  'deadline-after-start': 'rsvpDeadline',
  'deadline-past': 'rsvpDeadline',
  cancelled: null,
  'already-started': null,
};

const hhmm = (date: Date) => DateTime.fromJSDate(date, { zone: TIME_ZONE }).toFormat('HH:mm');

/** A new form: the first Friday at least a week ahead, 09.00–12.00, default reminders. */
export function newFormValues(now: Date): FormValues {
  let day = DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf('day').plus({ days: 7 });
  while (day.weekday !== 5) day = day.plus({ days: 1 });
  return {
    bodyId: 'lansledning',
    title: '',
    date: day.toISODate() ?? '',
    endDate: '',
    startTime: '09:00',
    endTime: '12:00',
    location: '',
    onlineUrl: '',
    agenda: '',
    materials: '',
    rsvpDeadline: '',
    readingReminderDays: DEFAULT_READING.workingDaysBefore.join(', '),
    readingReminderTime: DEFAULT_READING.time,
  };
}

/** What the secretariat entered, back in the form (after a problem or a weekday warning). */
export function formValuesOf(input: MeetingInput | MeetingDoc): FormValues {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const deadline = input.rsvpDeadline === null ? null : new Date(input.rsvpDeadline);
  return {
    bodyId: input.bodyId,
    title: input.title,
    date: isoDate(startsAt),
    endDate: isoDate(endsAt) === isoDate(startsAt) ? '' : isoDate(endsAt),
    startTime: hhmm(startsAt),
    endTime: hhmm(endsAt),
    location: input.location ?? '',
    onlineUrl: input.onlineUrl ?? '',
    agenda: input.agenda.join('\n'),
    materials: input.materials.map((m) => (m.title === m.url ? m.url : `${m.title} | ${m.url}`)).join('\n'),
    rsvpDeadline: deadline ? isoDate(deadline) : '',
    readingReminderDays: (input.reading ?? DEFAULT_READING).workingDaysBefore.join(', '),
    readingReminderTime: (input.reading ?? DEFAULT_READING).time,
  };
}

/** The create/edit form card (`meeting-create`). */
export function formData(options: {
  bodies: readonly Pick<Body, 'id' | 'name'>[];
  values: FormValues;
  edit?: { meetingId: string; sequence: number };
  problems?: readonly MeetingProblem[];
  weekdayOf?: Date;
}): object {
  const warning: Bi | null = options.weekdayOf ? biT('warningNotFriday', { weekday: weekdayText(options.weekdayOf) }) : null;
  return {
    heading: biT(options.edit ? 'formTitleEdit' : 'formTitleNew'),
    intro: biT(options.edit ? 'formEditIntro' : 'formIntro'),
    problems: (options.problems ?? []).map((p) => ({ text: biT(PROBLEM_TEXT[p]) })),
    warning,
    showConfirm: warning !== null,
    bodies: options.bodies.map((b) => ({ title: b.name, value: b.id })),
    form: options.values,
    isEdit: options.edit !== undefined,
    meetingId: options.edit?.meetingId ?? '',
    sequence: String(options.edit?.sequence ?? ''),
  };
}
