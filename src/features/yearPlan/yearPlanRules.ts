import type { Doc } from '../../store/types';
import type { Holiday } from '../../dates/holidays';
import { addDays, holidayOn, isoOf, weekdayOf } from '../../dates/holidays';

/** One planned meeting: a calendar date with local start and end times (Europe/Stockholm). */
export interface PlannedMeeting {
  date: string;
  start: string;
  end: string;
  /** The holiday Friday this date was moved from. */
  movedFrom: string | null;
}

/** A body's meetings in the plan, and how they were proposed. */
export interface BodySeries {
  bodyId: string;
  intervalWeeks: number | null;
  meetings: PlannedMeeting[];
}

/** The year's meeting plan, drafted by the secretariat and published to every member. */
export interface YearPlan extends Doc {
  type: 'year-plan';
  pk: 'yearplan';
  year: number;
  series: BodySeries[];
  /** Counts every change; the published card and the .ics show the version they were made from. */
  version: number;
  publishedVersion: number | null;
  publishedAt: string | null;
  /** The plan as published: what members got and what the calendar feed serves. */
  publishedSeries: BodySeries[] | null;
  updatedAt: string;
}

export function emptyPlan(year: number, now: Date): YearPlan {
  return { id: String(year), pk: 'yearplan', type: 'year-plan', year, series: [], version: 0, publishedVersion: null, publishedAt: null, publishedSeries: null, updatedAt: now.toISOString() };
}

export interface ProposalInput {
  year: number;
  /** The first meeting is on the first Friday on or after this date. */
  firstDate: string;
  intervalWeeks: number;
  start: string;
  end: string;
  /** No meetings in July, when Sweden is on holiday. */
  skipJuly: boolean;
}

/** The default first date of a year's proposal: after the Christmas and Epiphany holidays. */
export function defaultFirstDate(year: number): string {
  return firstFridayFrom(isoOf(year, 1, 7));
}

export function firstFridayFrom(date: string): string {
  return addDays(date, (5 - weekdayOf(date) + 7) % 7);
}

/**
 * Fridays from the first one on or after `firstDate`, every `intervalWeeks` weeks, to the end of
 * the year. A Friday that is a holiday (Good Friday, Midsummer Eve, Christmas Eve …) moves to the
 * next Friday when that one is free and not the next regular date; otherwise it is left out.
 */
export function proposeFridays(input: ProposalInput): PlannedMeeting[] {
  const out: PlannedMeeting[] = [];
  const taken = new Set<string>();
  const inYear = (d: string) => d.startsWith(`${input.year}-`);
  const allowed = (d: string) => inYear(d) && !holidayOn(d) && !(input.skipJuly && d.slice(5, 7) === '07');
  const step = Math.max(1, Math.floor(input.intervalWeeks)) * 7;
  for (let date = firstFridayFrom(input.firstDate); inYear(date); date = addDays(date, step)) {
    if (input.skipJuly && date.slice(5, 7) === '07') continue;
    const holiday = holidayOn(date);
    if (!holiday) {
      if (!taken.has(date)) out.push({ date, start: input.start, end: input.end, movedFrom: null });
      taken.add(date);
      continue;
    }
    const next = addDays(date, 7);
    const nextRegular = addDays(date, step);
    if (allowed(next) && next !== nextRegular && !taken.has(next)) {
      out.push({ date: next, start: input.start, end: input.end, movedFrom: date });
      taken.add(next);
    }
  }
  return out;
}

/** Replaces a body's series in the plan (a new proposal for the body replaces its old dates). */
export function withSeries(plan: YearPlan, series: BodySeries, now: Date): YearPlan {
  const others = plan.series.filter((s) => s.bodyId !== series.bodyId);
  return { ...plan, series: [...others, series].sort((a, b) => a.bodyId.localeCompare(b.bodyId)), version: plan.version + 1, updatedAt: now.toISOString() };
}

/** What to warn about before adding a date by hand: another weekday than Friday, or a holiday. */
export type DateWarning = { kind: 'notFriday'; weekday: number } | { kind: 'holiday'; holiday: Holiday };

export function warningsFor(date: string): DateWarning[] {
  const warnings: DateWarning[] = [];
  const weekday = weekdayOf(date);
  if (weekday !== 5) warnings.push({ kind: 'notFriday', weekday });
  const holiday = holidayOn(date);
  if (holiday) warnings.push({ kind: 'holiday', holiday });
  return warnings;
}

export type AddDecision =
  | { kind: 'added'; plan: YearPlan }
  | { kind: 'confirm'; warnings: DateWarning[] }
  | { kind: 'rejected'; reason: 'otherYear' | 'badTimes' | 'duplicate' };

/** Adds one meeting by hand; a date that is not a Friday, or a holiday, needs the secretariat's confirmation. */
export function decideAddDate(plan: YearPlan, bodyId: string, meeting: Omit<PlannedMeeting, 'movedFrom'>, confirmed: boolean, now: Date): AddDecision {
  if (!meeting.date.startsWith(`${plan.year}-`)) return { kind: 'rejected', reason: 'otherYear' };
  if (!(meeting.start < meeting.end)) return { kind: 'rejected', reason: 'badTimes' };
  const series = plan.series.find((s) => s.bodyId === bodyId) ?? { bodyId, intervalWeeks: null, meetings: [] };
  if (series.meetings.some((m) => m.date === meeting.date)) return { kind: 'rejected', reason: 'duplicate' };
  const warnings = warningsFor(meeting.date);
  if (warnings.length > 0 && !confirmed) return { kind: 'confirm', warnings };
  const meetings = [...series.meetings, { ...meeting, movedFrom: null }].sort((a, b) => a.date.localeCompare(b.date));
  return { kind: 'added', plan: withSeries(plan, { ...series, meetings }, now) };
}

/** Removes dates from a body's series. */
export function withoutDates(plan: YearPlan, bodyId: string, dates: readonly string[], now: Date): YearPlan {
  const series = plan.series.find((s) => s.bodyId === bodyId);
  if (!series) return plan;
  const drop = new Set(dates);
  const meetings = series.meetings.filter((m) => !drop.has(m.date));
  if (meetings.length === series.meetings.length) return plan;
  if (meetings.length === 0) return { ...plan, series: plan.series.filter((s) => s.bodyId !== bodyId), version: plan.version + 1, updatedAt: now.toISOString() };
  return withSeries(plan, { ...series, meetings }, now);
}

/** Every meeting of the plan, in date order, with its body. */
export function allMeetings(plan: Pick<YearPlan, 'series'>, bodies?: ReadonlySet<string>): (PlannedMeeting & { bodyId: string })[] {
  return plan.series
    .filter((s) => !bodies || bodies.has(s.bodyId))
    .flatMap((s) => s.meetings.map((m) => ({ ...m, bodyId: s.bodyId })))
    .sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}
