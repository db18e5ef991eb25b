import type { Doc } from '../../store/types';
import { CASE_INDEX_PK } from '../../store/sharedRecords';

/** What a case is about (the intake form's "type"). */
export const CASE_TYPES = ['question', 'proposal', 'remiss', 'deviation', 'dispute'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Samverkansområden (docs/domain.md §6). */
export const AREAS = ['barn-unga-far-illa', 'funktionsnedsattning', 'missbruk-beroende', 'vard-omsorg'] as const;
export type Area = (typeof AREAS)[number];

export const PERSPECTIVES = ['halsoframjande', 'forebyggande', 'behandlande', 'rehabiliterande'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

/** The states of docs/domain.md §8. */
export const CASE_STATES = ['received', 'preparing', 'returned', 'placed', 'closed', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const OPEN_STATES: readonly CaseState[] = ['received', 'preparing', 'returned', 'placed'];

export function isFinal(state: CaseState): boolean {
  return state === 'closed' || state === 'withdrawn';
}

/** Placement back to the parties themselves (not a body). */
export const PARTIES_LEVEL = 'parties';
/** The forum for disputes (docs/domain.md §9); reached only through `routeDispute`. */
export const DISPUTE_FORUM = 'politiska-ledningsgruppen';

/** What happened in one step; `answer` is "answered directly" (preparing -> closed). */
export const EVENT_KINDS = ['submit', 'take', 'release', 'return', 'complete', 'place', 'answer', 'escalate', 'close', 'withdraw'] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export interface PersonRef {
  aadObjectId: string;
  name: string;
}

/** One step of a case: who, when, why. Stored as its own append-only document. */
export interface CaseEvent {
  seq: number;
  kind: EventKind;
  from: CaseState | null;
  to: CaseState;
  level: string | null;
  actor: PersonRef;
  at: string;
  comment: string | null;
}

export interface DisputeInfo {
  /** Party ids (of the eleven) the dispute is between. */
  involved: string[];
  /** As the submitter marked it. */
  principled: boolean;
  /** As the preparer confirmed it when routing; null until then. */
  confirmedPrincipled: boolean | null;
  /**
   * Between more than two and fewer than all parties: the preparer's confirmation that it concerns
   * only "ett fåtal parter" (docs/domain.md §9); null until then. Absent in disputes stored before
   * it existed (read as null).
   */
  confirmedFew?: boolean | null;
  /**
   * When routed to the parties: the date the preparer asked them to settle by, if any (ISO); the
   * holder and the parties are reminded then. No deadline by default: the parties may report at
   * any time that they cannot agree, and the dispute then goes to Politiska ledningsgruppen.
   * (Disputes routed before this rule carry the 30 days once set for everyone; they are read as
   * such a reminder date, and no longer hold back escalation.)
   */
  settleBy: string | null;
}

/** What the submitter wrote on the intake form, validated. */
export interface Intake {
  title: string;
  description: string;
  caseType: CaseType;
  area: Area;
  perspectives: Perspective[];
  vulnerableGroups: boolean;
  /** Parties concerned (ids). */
  parties: string[];
  /** Wished-for date, `YYYY-MM-DD`. */
  wishedDate: string | null;
  links: string[];
  dispute: { involved: string[]; principled: boolean } | null;
}

/** The case and its current state, in the case's own partition; guarded by its etag. */
export interface CaseDoc extends Doc, Omit<Intake, 'dispute'> {
  type: 'case';
  id: 'case';
  /** The case number, `LV-2026-0042`; also the partition key. */
  caseId: string;
  year: number;
  seq: number;
  dispute: DisputeInfo | null;
  submitter: PersonRef & { partyId: string };
  state: CaseState;
  level: string | null;
  holder: PersonRef | null;
  createdAt: string;
  updatedAt: string;
  /** Number of events so far; the latest is `lastEvent` (written here first, then as its own document). */
  version: number;
  lastEvent: CaseEvent;
}

export interface CaseEventDoc extends Doc, CaseEvent {
  type: 'case-event';
}

/** Partition of the case register: one summary per number, the number's reservation. */
export const INDEX_PK = CASE_INDEX_PK;

/**
 * One entry of the case register (partition `case-index`), id = case number. Creating it reserves
 * the number; it carries what lists and the CSV export show. `void` marks a number whose case
 * could not be written (kept, so the sequence stays accountable).
 */
export interface CaseSummary extends Doc {
  type: 'case-summary';
  pk: typeof INDEX_PK;
  caseId: string;
  year: number;
  seq: number;
  state: CaseState | 'void';
  title: string;
  caseType: CaseType;
  area: Area;
  perspectives: Perspective[];
  prioritised: boolean;
  submitterId: string;
  submitterName: string;
  partyId: string;
  level: string | null;
  holderName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function eventDocId(seq: number): string {
  return `event-${String(seq).padStart(4, '0')}`;
}

/** Health promotion for vulnerable groups has priority (docs/domain.md §6). */
export function isPrioritised(c: Pick<Intake, 'perspectives' | 'vulnerableGroups'>): boolean {
  return c.vulnerableGroups && c.perspectives.includes('halsoframjande');
}
