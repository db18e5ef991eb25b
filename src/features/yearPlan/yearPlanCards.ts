import { DateTime } from 'luxon';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import { TIME_ZONE } from '../../dates/dates';
import type { Body } from '../../directory/model';
import { formatDay } from '../../common/format';
import { holidayOn, weekdayOf } from '../../dates/holidays';
import type { BodySeries, PlannedMeeting, YearPlan } from './yearPlanRules';
import { defaultFirstDate } from './yearPlanRules';

const INTERVALS = [1, 2, 3, 4, 6, 8];

/** "fre 10 apr." / "Fri 10 Apr". */
export function shortDay(date: string, locale: Locale): string {
  return DateTime.fromISO(date, { zone: TIME_ZONE }).setLocale(locale === 'sv' ? 'sv-SE' : 'en-GB').toFormat('ccc d MMM');
}

/** "09.00–12.00" / "09:00–12:00". */
export function timeSpan(meeting: Pick<PlannedMeeting, 'start' | 'end'>, locale: Locale): string {
  const f = (time: string) => (locale === 'sv' ? time.replace(':', '.') : time);
  return `${f(meeting.start)}–${f(meeting.end)}`;
}

export function weekdayName(date: string, locale: Locale): string {
  return DateTime.fromISO(date, { zone: TIME_ZONE }).setLocale(locale === 'sv' ? 'sv-SE' : 'en-GB').toFormat('cccc');
}

function meetingLine(m: PlannedMeeting, locale: Locale): string {
  const day = shortDay(m.date, locale);
  const holiday = m.movedFrom ? holidayOn(m.movedFrom) : undefined;
  const shown = holiday ? t(locale, 'yearPlan', 'planMoved', { date: day, holiday: holiday.name[locale] }) : day;
  return `${shown} ${timeSpan(m, locale)}`;
}

/** Bodies that meet: every body except the forwarding targets (networks, region group). */
export function meetingBodies(bodies: readonly Body[]): Body[] {
  return bodies.filter((b) => !b.forwardingTarget);
}

/** The secretariat's editor card (`year-plan-editor`). */
export function planEditor(plan: YearPlan, bodies: readonly Body[], members: number, locale: Locale, links: { draftIcs: string }, note = ''): object {
  const name = new Map(bodies.map((b) => [b.id, b.name]));
  const status =
    plan.publishedVersion === null
      ? t(locale, 'yearPlan', 'planDraft', { version: plan.version })
      : plan.publishedVersion === plan.version
        ? t(locale, 'yearPlan', 'planPublished', { date: formatDay(plan.publishedAt ?? '', locale), version: plan.publishedVersion })
        : t(locale, 'yearPlan', 'planChangedSince', { version: plan.publishedVersion });
  return {
    year: plan.year,
    version: plan.version,
    title: t(locale, 'yearPlan', 'planTitle', { year: plan.year }),
    status,
    note,
    empty: plan.series.length === 0 ? t(locale, 'yearPlan', 'planEmpty') : '',
    series: plan.series.map((s) => seriesView(s, name.get(s.bodyId) ?? s.bodyId, locale)),
    bodyChoices: meetingBodies(bodies).map((b) => ({ title: b.name, value: b.id })),
    intervalChoices: INTERVALS.map((n) => ({ title: n === 1 ? t(locale, 'yearPlan', 'proposeEveryWeek') : t(locale, 'yearPlan', 'proposeEveryN', { n }), value: String(n) })),
    firstDate: defaultFirstDate(plan.year),
    publishConfirm: t(locale, 'yearPlan', 'publishConfirm', { count: members }),
    canPublish: plan.series.length > 0,
    draftIcs: links.draftIcs,
  };
}

function seriesView(series: BodySeries, bodyName: string, locale: Locale): object {
  return {
    bodyId: series.bodyId,
    name: bodyName,
    count: t(locale, 'yearPlan', 'planMeetings', { count: series.meetings.length }),
    dates: series.meetings.map((m) => meetingLine(m, locale)).join(' · '),
    removeId: `remove_${series.bodyId}`,
    removeChoices: series.meetings.map((m) => ({ title: meetingLine(m, locale), value: m.date })),
    addId: `add_${series.bodyId}`,
    addStartId: `addStart_${series.bodyId}`,
    addEndId: `addEnd_${series.bodyId}`,
    start: series.meetings[0]?.start ?? '09:00',
    end: series.meetings[0]?.end ?? '12:00',
    year: series.meetings[0]?.date.slice(0, 4) ?? '',
  };
}

/** What a member gets when the plan is published (`year-plan-published`), in their language. */
export function publishedCard(
  plan: YearPlan,
  series: readonly BodySeries[],
  bodyName: (id: string) => string,
  memberBodies: ReadonlySet<string>,
  locale: Locale,
  links: { mine: string; all: string },
): object {
  const mine = series.filter((s) => memberBodies.has(s.bodyId));
  const shown = mine.length > 0 ? mine : series;
  return {
    title: t(locale, 'yearPlan', 'publishedTitle', { year: plan.year }),
    intro: t(locale, 'yearPlan', 'publishedIntro', { year: plan.year }),
    heading: t(locale, 'yearPlan', mine.length > 0 ? 'publishedYours' : 'publishedAll'),
    groups: shown.map((s) => ({ name: bodyName(s.bodyId), lines: s.meetings.map((m) => ({ text: meetingLine(m, locale) })) })),
    version: t(locale, 'yearPlan', 'publishedVersion', { version: plan.version, date: formatDay(plan.publishedAt ?? plan.updatedAt, locale) }),
    mineUrl: mine.length > 0 ? links.mine : '',
    allUrl: links.all,
  };
}

/** The warnings shown before a date that is not a Friday, or a holiday, is added. */
export function confirmLines(date: string, locale: Locale): string[] {
  const out: string[] = [];
  const day = formatDay(date, locale);
  if (weekdayOf(date) !== 5) out.push(t(locale, 'yearPlan', 'confirmNotFriday', { date: day, weekday: weekdayName(date, locale) }));
  const holiday = holidayOn(date);
  if (holiday) out.push(t(locale, 'yearPlan', 'confirmHoliday', { date: day, holiday: holiday.name[locale] }));
  return out;
}
