import type { Doc } from '../../store/types';
import type { Division } from './costRules';
import { MAX_AMOUNT, validDivision } from './costRules';

/** One meeting cost as the secretariat recorded it (a room, a meal, a residential session). */
export interface MeetingCostEntry {
  /** The form instance that recorded it: a second press of the same form adds nothing. */
  id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  what: string;
  /** Whole kronor. */
  amount: number;
  byName: string;
  at: string;
}

/** How the parties decided to divide a year's meeting costs, and where they decided it. */
export interface MeetingCostDivision extends Division {
  /** `YYYY-MM-DD`: when the parties decided it. */
  decidedOn: string;
  /** Where: a meeting and paragraph, a reference. */
  basis: string;
  savedByName: string;
  savedAt: string;
}

/**
 * A year's meeting costs: "Fördela omkostnader i samband med möten mellan region Gävleborg och
 * kommunerna årligen" (docs/domain.md §14). The agreement gives no key for it, so the division is
 * recorded as the parties decide it; until then nothing is divided.
 */
export interface MeetingCostYear extends Doc {
  type: 'meeting-costs';
  pk: 'meeting-costs';
  year: number;
  entries: MeetingCostEntry[];
  division: MeetingCostDivision | null;
}

export const MEETING_COSTS_PK = 'meeting-costs';

export function emptyYear(year: number): MeetingCostYear {
  return { id: String(year), pk: MEETING_COSTS_PK, type: 'meeting-costs', year, entries: [], division: null };
}

export type EntryProblem = 'date' | 'what' | 'amount';

/** What is wrong with a cost before it is recorded (the field each problem belongs to). */
export function entryProblems(year: number, entry: { date: string; what: string; amount: number | undefined }): EntryProblem[] {
  const problems: EntryProblem[] = [];
  if (!entry.date.startsWith(`${year}-`)) problems.push('date');
  if (entry.what.trim().length === 0) problems.push('what');
  if (entry.amount === undefined || entry.amount <= 0 || entry.amount > MAX_AMOUNT) problems.push('amount');
  return problems;
}

/** Adds a cost once: a form pressed again (same id) changes nothing. */
export function addEntry(current: MeetingCostYear, entry: MeetingCostEntry): { added: boolean; next: MeetingCostYear } {
  if (current.entries.some((e) => e.id === entry.id)) return { added: false, next: current };
  const entries = [...current.entries, entry].sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at));
  return { added: true, next: { ...current, entries } };
}

export function removeEntry(current: MeetingCostYear, id: string): { removed: MeetingCostEntry | undefined; next: MeetingCostYear } {
  const removed = current.entries.find((e) => e.id === id);
  return { removed, next: { ...current, entries: current.entries.filter((e) => e.id !== id) } };
}

export type DivisionProblem = 'weights' | 'decidedOn' | 'basis';

export function divisionProblems(d: Pick<Division, 'region' | 'municipalities'> & { decidedOn: string; basis: string }, validDate: (s: string) => boolean): DivisionProblem[] {
  const problems: DivisionProblem[] = [];
  if (!validDivision(d)) problems.push('weights');
  if (!validDate(d.decidedOn)) problems.push('decidedOn');
  if (d.basis.trim().length === 0) problems.push('basis');
  return problems;
}

export function yearTotal(doc: Pick<MeetingCostYear, 'entries'>): number {
  return doc.entries.reduce((sum, e) => sum + e.amount, 0);
}
