import { DateTime } from 'luxon';
import { z } from 'zod';
import { TIME_ZONE, parseLocalDateTime } from '../../dates/dates';
import { parseTypedDate } from '../../dates/typedDates';
import { optionalDateField, optionalTimeField } from '../../kit/fields';
import type { MeetingInput } from './meetingRules';
import type { Material, ReadingSchedule } from './model';
import { MEETING_ID_PATTERN, RSVP_RESPONSES } from './model';

/**
 * Card payloads of the meeting verbs. Adaptive Card inputs arrive as strings (a multi-line agenda,
 * materials as "title | url" lines, "true"/"false" toggles); the structured forms of the contract
 * (agenda and materials as lists, ISO 8601 start and end) are accepted too.
 */
export const meetingIdSchema = z.string().trim().regex(MEETING_ID_PATTERN, 'not a meeting id');

/** Fields naming a person other than the one who pressed the button: an answer is only ever one's own. */
const FOREIGN_ACTOR_FIELDS = ['aadObjectId', 'userId', 'memberId', 'onBehalfOf', 'behalfOf', 'delegate', 'substitute', 'substituteId', 'for'];

function refuseForeignActor(data: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const key of FOREIGN_ACTOR_FIELDS) {
    if (key in data) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'an answer is only ever your own' });
  }
}

const blankToNull = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()));

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'notAnAddress');

const optionalUrl = z
  .string()
  .max(2000)
  .optional()
  .nullable()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()))
  .pipe(httpUrl.nullable());

const toggle = z
  .union([z.boolean(), z.enum(['true', 'false', ''])])
  .optional()
  .transform((v) => v === true || v === 'true');

/** Lines of a multi-line input, or a list; empty lines dropped. */
const lines = (maxItems: number, maxLength: number) =>
  z
    .union([z.string().max(maxItems * maxLength), z.array(z.string().max(maxLength)).max(maxItems)])
    .optional()
    .transform((v) => (typeof v === 'string' ? v.split(/\r?\n/) : (v ?? [])))
    .transform((items) => items.map((s) => s.trim().replace(/^(\d+[.)]|[-*•])\s+/, '')).filter((s) => s.length > 0))
    .pipe(z.array(z.string().max(maxLength)).max(maxItems));

const materialObject = z.object({ title: z.string().trim().max(200), url: httpUrl });

/** Materials: a list of {title, url}, or lines "title | url" (a bare address is its own title). */
const materials = z
  .union([z.string().max(20_000), z.array(materialObject).max(30)])
  .optional()
  .transform((v, ctx): Material[] => {
    if (v === undefined) return [];
    if (Array.isArray(v)) return v.map((m) => ({ title: m.title || m.url, url: m.url }));
    const out: Material[] = [];
    for (const [index, raw] of v.split(/\r?\n/).entries()) {
      const line = raw.trim();
      if (line === '') continue;
      const bar = line.lastIndexOf('|');
      const title = bar === -1 ? '' : line.slice(0, bar).trim();
      const url = (bar === -1 ? line : line.slice(bar + 1)).trim();
      const parsed = materialObject.safeParse({ title, url });
      if (!parsed.success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index], message: 'notAnAddress' });
        continue;
      }
      out.push({ title: parsed.data.title || parsed.data.url, url: parsed.data.url });
    }
    if (out.length > 30) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'tooMany', params: { max: 30 } });
    return out;
  });

/** Reading reminders: working days before the meeting ("3, 1" or [3, 1]) and a local time. */
const readingDays = z
  .union([z.string().max(40), z.array(z.number())])
  .optional()
  .transform((v, ctx): number[] | null => {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
    const days = typeof v === 'string' ? v.split(/[,;\s]+/).filter((s) => s !== '').map(Number) : v;
    if (days.length > 5 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 20)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'notAWholeNumber' });
      return z.NEVER;
    }
    return [...new Set(days)].sort((a, b) => b - a);
  });

const localDateTime = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const date = parseLocalDateTime(v);
    if (!date) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'notADate' });
      return z.NEVER;
    }
    return date;
  });

/** A deadline: a date (the end of that day, Swedish time) or a date and time. */
const deadline = z
  .string()
  .max(40)
  .optional()
  .nullable()
  .transform((v, ctx): Date | null => {
    if (v === undefined || v === null || v.trim() === '') return null;
    const text = v.trim();
    const typed = parseTypedDate(text);
    if (typed) return DateTime.fromISO(typed, { zone: TIME_ZONE }).endOf('day').toJSDate();
    const date = parseLocalDateTime(text);
    if (date) return date;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'notADate' });
    return z.NEVER;
  });

const meetingFields = z.object({
  bodyId: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  /** The contract's ISO 8601 start and end (Europe/Stockholm unless an offset is given)… */
  startsAt: localDateTime.optional(),
  endsAt: localDateTime.optional(),
  /** …or the form's date and times (an end date for meetings over several days), as typed or as the inputs send them. */
  date: optionalDateField,
  endDate: optionalDateField,
  startTime: optionalTimeField,
  endTime: optionalTimeField,
  location: blankToNull(300),
  onlineUrl: optionalUrl,
  agenda: lines(40, 500),
  materials,
  rsvpDeadline: deadline,
  readingReminderDays: readingDays,
  readingReminderTime: optionalTimeField,
  confirmNotFriday: toggle,
});

type MeetingFields = z.infer<typeof meetingFields>;

function toMeetingInput(d: MeetingFields, ctx: z.RefinementCtx): MeetingInput {
  const at = (date: string | null, time: string | null, field: string): Date | undefined => {
    if (!date || !time) return undefined;
    const parsed = parseLocalDateTime(`${date}T${time}`);
    if (!parsed) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: 'notADate' });
    return parsed;
  };
  const startsAt = d.startsAt ?? at(d.date, d.startTime, 'startTime');
  const endsAt = d.endsAt ?? at(d.endDate || d.date, d.endTime, 'endTime');
  if (!startsAt && !(d.date && d.startTime)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [d.date ? 'startsAt' : 'date'], message: 'required' });
  if (!endsAt && !(d.date && d.endTime)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [d.date ? 'endsAt' : 'date'], message: 'required' });
  const reading: ReadingSchedule | null =
    d.readingReminderDays || d.readingReminderTime
      ? { workingDaysBefore: d.readingReminderDays ?? [3, 1], time: d.readingReminderTime ?? '08:00' }
      : null;
  return {
    bodyId: d.bodyId,
    title: d.title,
    startsAt: startsAt ?? new Date(0),
    endsAt: endsAt ?? new Date(0),
    location: d.location,
    onlineUrl: d.onlineUrl,
    agenda: d.agenda,
    materials: d.materials,
    rsvpDeadline: d.rsvpDeadline,
    reading,
    confirmNotFriday: d.confirmNotFriday,
  };
}

/** `meeting.create`. */
export const createSchema = meetingFields.transform(toMeetingInput);

const sequence = z.union([z.number().int().min(0), z.string().regex(/^\d{1,6}$/).transform(Number)]);

/** `meeting.update`: the edit form, with the version it was opened on. */
export const updateSchema = meetingFields
  .extend({ meetingId: meetingIdSchema, sequence })
  .transform((d, ctx) => ({ meetingId: d.meetingId, sequence: d.sequence, input: toMeetingInput(d, ctx) }));

/** `meeting.rsvp`: one's own answer. */
export const rsvpSchema = z
  .object({
    meetingId: meetingIdSchema,
    response: z.enum(RSVP_RESPONSES),
    comment: blankToNull(500),
  })
  .passthrough()
  .superRefine(refuseForeignActor)
  .transform((d) => ({ meetingId: d.meetingId, response: d.response, comment: d.comment }));

/** Verbs that only name the meeting (`meeting.read`, `meeting.refresh`, …), and never another person. */
export const meetingRefSchema = z
  .object({ meetingId: meetingIdSchema })
  .passthrough()
  .superRefine(refuseForeignActor)
  .transform((d) => ({ meetingId: d.meetingId }));

/** `meeting.cancel`: confirmed, with the reason the invitees read. */
export const cancelSchema = z.object({ meetingId: meetingIdSchema, reason: z.string().trim().min(1, 'required').max(500), sequence: sequence.optional() });

/** `meeting.remind`: who to remind now. */
export const remindSchema = z.object({ meetingId: meetingIdSchema, kind: z.enum(['rsvp', 'reading', 'followup']) });

/** `meeting.notes`: the notes and the decisions (one per line, or a list). */
export const notesSchema = z.object({
  meetingId: meetingIdSchema,
  notes: z.string().trim().min(1).max(12_000),
  decisions: lines(40, 1000),
  /** The networks ticked to forward to: a multi-select's comma-separated ids. */
  forwardTo: z
    .union([z.string().max(2000), z.array(z.string().max(100)).max(20)])
    .optional()
    .transform((v) => (typeof v === 'string' ? v.split(',') : (v ?? [])).map((s) => s.trim()).filter((s) => s.length > 0))
    .pipe(z.array(z.string().regex(/^[a-z0-9-]{1,100}$/)).max(20))
    .transform((ids) => [...new Set(ids)]),
});
