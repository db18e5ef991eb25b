import type { Block, DashboardInput, Row, Table } from '../../kit/dashboard';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import { formatShortDate } from '../../dates/dates';
import type { Names } from './labels';
import { levelLabel, partyList, stateLabel } from './labels';
import { levelRank } from './levelRules';
import type { CaseDoc, CaseState, CaseSummary } from './model';
import { CASE_STATES, OPEN_STATES } from './model';

type Key = Parameters<typeof t<'dashboard'>>[2];
const s = (locale: Locale, key: Key, values?: Record<string, string | number>) => t(locale, 'dashboard', key, values);

/** Whole days from `from` to `now` (0 on the day itself). */
export function ageInDays(from: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 86_400_000));
}

/** The age groups of open cases, with the first day each starts on. */
export const AGE_GROUPS: readonly { from: number; key: Key }[] = [
  { from: 0, key: 'age0to7' },
  { from: 8, key: 'age8to30' },
  { from: 31, key: 'age31to90' },
  { from: 91, key: 'ageOver90' },
];

export function ageGroup(days: number): number {
  let group = 0;
  AGE_GROUPS.forEach((g, i) => {
    if (days >= g.from) group = i;
  });
  return group;
}

const counted = (id: string, caption: string, label: string, entries: [string, number][], empty: string): Table => ({
  id,
  caption,
  columns: [
    { label, kind: 'text' },
    { label: '', kind: 'count' },
  ],
  rows: entries.map(([name, n]): Row => ({ party: null, cells: [name, n] })),
  empty,
});

/**
 * The Cases view for the beredningsorgan and the secretariat: the pipeline by state, open cases by
 * age, placed cases by level, the open cases oldest first, and the disputes. Every case is the
 * parties' shared work, so no row is narrowed by party.
 */
export function casesView(summaries: readonly CaseSummary[], disputes: readonly CaseDoc[], names: Names, input: DashboardInput): Block[] {
  const { locale, now } = input;
  const cases = summaries.filter((c): c is CaseSummary & { state: CaseState } => c.state !== 'void');
  const open = cases.filter((c) => OPEN_STATES.includes(c.state)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const count = s(locale, 'colCount');

  const byState = CASE_STATES.map((state): [string, number] => [stateLabel(locale, state), cases.filter((c) => c.state === state).length]);
  const byAge = AGE_GROUPS.map((g, i): [string, number] => [s(locale, g.key), open.filter((c) => ageGroup(ageInDays(c.createdAt, now)) === i).length]);
  const levels = new Map<string, number>();
  for (const c of cases) if (c.state === 'placed' && c.level) levels.set(c.level, (levels.get(c.level) ?? 0) + 1);
  const byLevel = [...levels.entries()]
    .sort(([a], [b]) => levelRank(a) - levelRank(b) || a.localeCompare(b))
    .map(([level, n]): [string, number] => [levelLabel(locale, level, names), n]);

  const withCount = (table: Table): Table => ({ ...table, columns: [table.columns[0]!, { label: count, kind: 'count' }] });
  const openTable: Table = {
    id: 'open',
    caption: s(locale, 'casesOpenCaption'),
    columns: [
      { label: s(locale, 'colCase'), kind: 'text' },
      { label: s(locale, 'colTitle'), kind: 'text' },
      { label: s(locale, 'colState'), kind: 'text' },
      { label: s(locale, 'colAgeDays'), kind: 'count' },
      { label: s(locale, 'colLevel'), kind: 'text' },
      { label: s(locale, 'colHolder'), kind: 'text' },
      { label: s(locale, 'colSubmittedBy'), kind: 'text' },
    ],
    rows: open.map((c) => ({
      party: null,
      cells: [
        c.caseId,
        c.title,
        stateLabel(locale, c.state),
        ageInDays(c.createdAt, now),
        c.level ? levelLabel(locale, c.level, names) : null,
        c.holderName,
        names.parties.get(c.partyId) ?? c.partyId,
      ],
    })),
    empty: s(locale, 'casesNoneOpen'),
  };
  const disputeTable: Table = {
    id: 'disputes',
    caption: s(locale, 'casesDisputesCaption'),
    columns: [
      { label: s(locale, 'colCase'), kind: 'text' },
      { label: s(locale, 'colTitle'), kind: 'text' },
      { label: s(locale, 'colInvolved'), kind: 'text' },
      { label: s(locale, 'colPrincipled'), kind: 'text' },
      { label: s(locale, 'colState'), kind: 'text' },
      { label: s(locale, 'colSettleBy'), kind: 'text' },
    ],
    rows: [...disputes]
      .sort((a, b) => a.caseId.localeCompare(b.caseId))
      .map((c) => ({
        party: null,
        cells: [
          c.caseId,
          c.title,
          partyList(c.dispute?.involved ?? [], names),
          s(locale, (c.dispute?.confirmedPrincipled ?? c.dispute?.principled) ? 'yes' : 'no'),
          stateLabel(locale, c.state),
          c.dispute?.settleBy ? formatShortDate(new Date(c.dispute.settleBy), locale) : null,
        ],
      })),
    empty: s(locale, 'casesNoDisputes'),
  };

  return [
    { kind: 'heading', text: s(locale, 'casesPipelineHeading'), note: s(locale, 'countOpenCases', { n: open.length }) },
    {
      kind: 'chart',
      chart: { category: 0, series: [1], stacked: false, unit: 'count' },
      table: withCount(counted('pipeline', s(locale, 'casesPipelineCaption'), s(locale, 'colState'), byState, s(locale, 'casesNone'))),
    },
    {
      kind: 'chart',
      chart: { category: 0, series: [1], stacked: false, unit: 'count' },
      table: withCount(counted('age', s(locale, 'casesAgeCaption'), s(locale, 'colAge'), byAge, s(locale, 'casesNoneOpen'))),
    },
    {
      kind: 'chart',
      chart: { category: 0, series: [1], stacked: false, unit: 'count' },
      table: withCount(counted('levels', s(locale, 'casesLevelCaption'), s(locale, 'colLevel'), byLevel, s(locale, 'casesNonePlaced'))),
    },
    { kind: 'table', table: openTable },
    { kind: 'table', table: disputeTable },
  ];
}
