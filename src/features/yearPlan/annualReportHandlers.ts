import { DateTime } from 'luxon';
import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { TIME_ZONE } from '../../dates/dates';
import { toCsv } from '../../common/csv';
import type { AnnualReport, Attendance } from './annualReportRules';
import { bar, buildReport } from './annualReportRules';
import { readReportInput } from './annualReportRepo';
import { percent } from '../../common/format';
import { CSV_LINK_MAX_AGE_MS } from '../../links';
import { ELEVEN_PARTY_IDS } from '../../directory/seed';

export const REPORT_CSV = 'year-report';
const LINK_TTL_MS = 3600_000;

const KIND_KEYS: Record<string, 'kindDecision' | 'kindInformation' | 'kindOrgChange'> = { decision: 'kindDecision', information: 'kindInformation', orgChange: 'kindOrgChange' };
const AREA_KEYS: Record<string, 'areaBarnUngaFarIlla' | 'areaFunktionsnedsattning' | 'areaMissbrukBeroende' | 'areaVardOmsorg'> = {
  'barn-unga-far-illa': 'areaBarnUngaFarIlla',
  funktionsnedsattning: 'areaFunktionsnedsattning',
  'missbruk-beroende': 'areaMissbrukBeroende',
  'vard-omsorg': 'areaVardOmsorg',
};
const STATE_KEYS: Record<string, 'stateReceived' | 'statePreparing' | 'stateReturned' | 'statePlaced' | 'stateClosed' | 'stateWithdrawn'> = {
  received: 'stateReceived',
  preparing: 'statePreparing',
  returned: 'stateReturned',
  placed: 'statePlaced',
  closed: 'stateClosed',
  withdrawn: 'stateWithdrawn',
};

/** `årsrapport`/`annual report`: the year in numbers, for the secretariat, as a card and a CSV file. */
export function registerAnnualReport(app: FeatureApp, deps: AppDeps) {
  const report = async (year: number): Promise<{ report: AnnualReport; names: (id: string) => string }> => {
    const from = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: TIME_ZONE });
    const period = { from: from.toUTC().toISO()!, to: from.plus({ years: 1 }).toUTC().toISO()!, now: deps.clock.now().toISOString() };
    const [input, parties, bodies] = await Promise.all([readReportInput(deps.store.containers, period, deps.log), deps.directory.parties(), deps.directory.bodies()]);
    const names = new Map<string, string>([...parties, ...bodies].map((x) => [x.id, x.name]));
    const known = new Map(parties.map((p) => [p.id, p.isParty]));
    const isParty = (id: string) => known.get(id) ?? ELEVEN_PARTY_IDS.includes(id);
    return { report: buildReport(input, isParty), names: (id) => names.get(id) ?? id };
  };

  const reply = async (turn: TurnInfo, year: number): Promise<Reply> => {
    requireRole(turn, 'secretariat');
    const current = DateTime.fromJSDate(turn.now, { zone: TIME_ZONE }).year;
    if (year < 2000 || year > current) throw new AppError('BAD_REQUEST', { detail: t(turn.actor.locale, 'yearPlan', 'badYear', { min: 2000, max: current }) });
    const { report: r, names } = await report(year);
    const csvUrl = deps.links.url(REPORT_CSV, { year: String(year), locale: turn.actor.locale }, LINK_TTL_MS, turn.actor.aadObjectId);
    return { card: 'year-plan-report', data: cardData(r, year, names, turn.actor.locale, csvUrl) };
  };

  app.command(
    {
      names: ['årsrapport', 'arsrapport', 'annual report', 'statistik', 'statistics'],
      display: { sv: 'årsrapport', en: 'annual report' },
      description: { sv: t('sv', 'yearPlan', 'commandReport'), en: t('en', 'yearPlan', 'commandReport') },
      roles: ['secretariat'],
    },
    async (turn, args) => [await reply(turn, /^\d{4}$/.test(args.trim()) ? Number(args.trim()) : DateTime.fromJSDate(turn.now, { zone: TIME_ZONE }).year)],
  );

  app.download(REPORT_CSV, async (params) => {
    const year = Number(params.year);
    if (!Number.isInteger(year)) return undefined;
    const locale: Locale = params.locale === 'en' ? 'en' : 'sv';
    const { report: r, names } = await report(year);
    return { filename: `arsrapport-${year}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(csvRows(r, names, locale)) };
  }, { maxAgeMs: CSV_LINK_MAX_AGE_MS });

  return {
    yearReport: verb(z.object({ year: z.coerce.number().int() }).passthrough(), (turn, data) => reply(turn, data.year)),
  };
}

function byName(rows: readonly Attendance[], names: (id: string) => string): Attendance[] {
  return [...rows].sort((a, b) => names(a.key).localeCompare(names(b.key), 'sv'));
}

function attendanceRow(a: Attendance, name: string, locale: Locale): object {
  return {
    name,
    rate: `${bar(a.rate)} ${percent(a.rate, locale)}`,
    line: t(locale, 'yearPlan', 'attendanceLine', { attending: a.attending, invited: a.invited, absent: a.absent, noAnswer: a.noAnswer }),
  };
}

function cardData(r: AnnualReport, year: number, names: (id: string) => string, locale: Locale, csvUrl: string): object {
  const label = <K extends string>(keys: Record<string, K>, key: string): string => {
    const k = keys[key];
    return k ? t(locale, 'yearPlan', k as Parameters<typeof t<'yearPlan'>>[2]) : key;
  };
  return {
    title: t(locale, 'yearPlan', 'reportTitle', { year }),
    meetings: t(locale, 'yearPlan', 'reportMeetings', { count: r.meetings }),
    byParty: byName(r.byParty, names).map((a) => attendanceRow(a, names(a.key), locale)),
    byBody: byName(r.byBody, names).map((a) => attendanceRow(a, names(a.key), locale)),
    casesTitle: t(locale, 'yearPlan', 'sectionCases', { count: r.cases.total }),
    byArea: r.cases.byArea.map((c) => ({ title: label(AREA_KEYS, c.key), value: String(c.count) })),
    byState: r.cases.byState.map((c) => ({ title: label(STATE_KEYS, c.key), value: String(c.count) })),
    broadcastsTitle: t(locale, 'yearPlan', 'sectionBroadcasts', { count: r.broadcasts.total }),
    byKind: r.broadcasts.byKind.map((c) => ({ title: label(KIND_KEYS, c.key), value: String(c.count) })),
    acks: r.broadcasts.withAck > 0 ? acksText(r, names, locale) : '',
    remisserTitle: t(locale, 'yearPlan', 'sectionRemisser', { count: r.remisser.total }),
    answers: r.remisser.total > 0 ? answersText(r, names, locale) : '',
    noData: t(locale, 'yearPlan', 'noData'),
    csvUrl,
  };
}

/** The eleven parties' acknowledgements, then each party beside them (HUFB) in a sentence of its own. */
function acksText(r: AnnualReport, names: (id: string) => string, locale: Locale): string {
  const b = r.broadcasts;
  return [
    t(locale, 'yearPlan', 'broadcastAcks', { withAck: b.withAck }),
    ...(b.addressed > 0 || b.apart.length === 0 ? [t(locale, 'yearPlan', 'broadcastAcksEleven', { acknowledged: b.acknowledged, addressed: b.addressed, rate: b.rate })] : []),
    ...b.apart.map((a) => t(locale, 'yearPlan', 'broadcastAcksApart', { name: names(a.key), acknowledged: a.acknowledged, addressed: a.addressed })),
  ].join(' ');
}

/** The eleven parties' answers to remisser, then each party beside them (HUFB) in a sentence of its own. */
function answersText(r: AnnualReport, names: (id: string) => string, locale: Locale): string {
  const m = r.remisser;
  return [
    ...(m.addressed > 0 || m.apart.length === 0 ? [t(locale, 'yearPlan', 'remissAnswers', { answered: m.answered, addressed: m.addressed, declined: m.declined, rate: m.rate })] : []),
    ...m.apart.map((a) => t(locale, 'yearPlan', 'remissAnswersApart', { name: names(a.key), answered: a.answered, addressed: a.addressed, declined: a.declined })),
  ].join(' ');
}

function csvRows(r: AnnualReport, names: (id: string) => string, locale: Locale): (string | number)[][] {
  const s = (key: Parameters<typeof t<'yearPlan'>>[2]) => t(locale, 'yearPlan', key);
  const share = (x: number) => percent(x, locale);
  const rows: (string | number)[][] = [[s('csvSection'), s('csvName'), s('csvMeetings'), s('csvInvited'), s('csvAttending'), s('csvAbsent'), s('csvNoAnswer'), s('csvShare')]];
  for (const a of byName(r.byParty, names)) rows.push([s('sectionByParty'), names(a.key), a.meetings, a.invited, a.attending, a.absent, a.noAnswer, share(a.rate)]);
  for (const a of byName(r.byBody, names)) rows.push([s('sectionByBody'), names(a.key), a.meetings, a.invited, a.attending, a.absent, a.noAnswer, share(a.rate)]);
  rows.push([]);
  rows.push([s('csvSection'), s('csvName'), s('csvCount')]);
  for (const c of r.cases.byArea) rows.push([s('casesByArea'), AREA_KEYS[c.key] ? s(AREA_KEYS[c.key]!) : c.key, c.count]);
  for (const c of r.cases.byState) rows.push([s('casesByState'), STATE_KEYS[c.key] ? s(STATE_KEYS[c.key]!) : c.key, c.count]);
  for (const c of r.broadcasts.byKind) rows.push([t(locale, 'yearPlan', 'sectionBroadcasts', { count: r.broadcasts.total }), KIND_KEYS[c.key] ? s(KIND_KEYS[c.key]!) : c.key, c.count]);
  rows.push([]);
  rows.push([s('csvSection'), s('csvName'), s('csvCount'), s('csvInvited'), s('csvShare')]);
  const broadcasts = t(locale, 'yearPlan', 'sectionBroadcasts', { count: r.broadcasts.total });
  const remisser = t(locale, 'yearPlan', 'sectionRemisser', { count: r.remisser.total });
  const ratio = (part: number, whole: number) => share(whole === 0 ? 0 : part / whole);
  // The eleven parties' rows, then the same for each party beside them (HUFB), named.
  const apart = (label: string, key: string) => `${label}: ${names(key)}`;
  rows.push([broadcasts, s('csvAcknowledged'), r.broadcasts.acknowledged, r.broadcasts.addressed, share(r.broadcasts.rate)]);
  for (const a of r.broadcasts.apart) rows.push([broadcasts, apart(s('csvAcknowledged'), a.key), a.acknowledged, a.addressed, ratio(a.acknowledged, a.addressed)]);
  rows.push([remisser, s('csvAnswered'), r.remisser.answered, r.remisser.addressed, share(r.remisser.rate)]);
  rows.push([remisser, s('csvDeclined'), r.remisser.declined, r.remisser.addressed, ratio(r.remisser.declined, r.remisser.addressed)]);
  for (const a of r.remisser.apart) {
    rows.push([remisser, apart(s('csvAnswered'), a.key), a.answered, a.addressed, ratio(a.answered, a.addressed)]);
    rows.push([remisser, apart(s('csvDeclined'), a.key), a.declined, a.addressed, ratio(a.declined, a.addressed)]);
  }
  return rows;
}
