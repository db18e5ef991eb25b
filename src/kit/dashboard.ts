import type { Locale } from '../config';
import type { Party } from '../directory/model';
import type { Sight } from './permissions';

/**
 * The contract between the features and the Teams tab ("Översikt"): each feature computes the
 * tables and charts of its area with pure rules and registers them with `app.dashboard(...)`; the
 * tab (src/tab) renders them, keeps them live, exports them and decides what a viewer may see from
 * the rows' parties with the same rule the cards use (`Sight`). Nothing here is HTML.
 */
export const DASHBOARD_SECTIONS = ['meetings', 'dissemination', 'cases', 'year'] as const;
export type DashboardSectionId = (typeof DASHBOARD_SECTIONS)[number];

export type Cell = string | number | null;

/** How a column's values read: numbers right-aligned, percentages with a sign, dates as given. */
export type ColumnKind = 'text' | 'count' | 'percent' | 'hours' | 'days';

export interface Column {
  label: string;
  kind: ColumnKind;
}

/**
 * One row. `party` names the party the row is about (its people, its answers): a viewer who does
 * not see every party gets only their own party's rows. Rows about no party in particular (totals,
 * a meeting's sums, cases) have `party: null` and are shown to everyone who sees the section.
 */
export interface Row {
  party: string | null;
  cells: Cell[];
  /** A sum over the rows above (drawn as the table's footer). */
  total?: boolean;
}

export interface Table {
  /** Stable within its section: the export names the table by it. */
  id: string;
  caption: string;
  columns: Column[];
  rows: Row[];
  /** What the table says when it has no rows (for this viewer). */
  empty: string;
}

/** A bar chart drawn from a table: one group per row, one bar per series column. */
export interface BarChart {
  /** The column whose values name the bars' groups. */
  category: number;
  /** The value columns drawn, in order. */
  series: number[];
  /** Bars of a row stacked into one (parts of a whole) or side by side. */
  stacked: boolean;
  /** The scale: percentages run to 100; counts and hours to the largest value. */
  unit: 'count' | 'percent' | 'hours';
}

export type Block =
  | { kind: 'heading'; text: string; note?: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; table: Table }
  /** A chart with its table beside it as the text alternative. */
  | { kind: 'chart'; table: Table; chart: BarChart };

/** What a provider builds from: the same for every viewer, so one build serves them all. */
export interface DashboardInput {
  locale: Locale;
  now: Date;
  parties: readonly Pick<Party, 'id' | 'name' | 'kind'>[];
}

export interface DashboardProvider {
  /** Who may open the section at all (the rows are then narrowed by party). */
  visible(sight: Sight): boolean;
  build(input: DashboardInput): Promise<Block[]>;
}

/** A share as a percentage with one decimal; null when there is nothing to share. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** The middle value with one decimal (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const middle = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(middle * 10) / 10;
}
