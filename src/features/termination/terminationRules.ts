import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../dates/dates';
import type { Doc } from '../../store/types';

/** Months of notice (docs/domain.md §15). */
export const NOTICE_MONTHS = 6;
/** Reminders before the end date, in days. */
export const REMINDER_DAYS = [90, 30, 7] as const;
/**
 * How long the person who registered a notice may correct it as a mistake (a wrong party or date,
 * a notice that was never given). The agreement has no clause for withdrawing a notice: after this
 * window a registered notice is final.
 */
export const CORRECTION_HOURS = 24;

/**
 * Why a notice no longer stands: struck as a registration mistake by the person who registered it,
 * or (in records from before this rule) withdrawn.
 */
export interface Struck {
  kind: 'correction' | 'withdrawn';
  at: string;
  byName: string;
  reason: string | null;
}

/** A party's notice of termination as the secretariat recorded it. */
export interface Notice {
  id: string;
  partyId: string;
  partyName: string;
  /** `YYYY-MM-DD`: the day the notice was given. */
  noticeDate: string;
  /** `YYYY-MM-DD`: the day the agreement ends for all parties. */
  endDate: string;
  note: string | null;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
  struck: Struck | null;
}

/** The agreement's standing: at most one notice in force, and the history of struck ones. */
export interface AgreementNotice extends Doc {
  type: 'agreement-notice';
  pk: 'notice';
  active: Notice | null;
  history: Notice[];
}

export const NOTICE_DOC_ID = 'agreement';

/** A notice as stored before corrections replaced withdrawal: `withdrawnAt`, `withdrawnByName`, `withdrawReason`. */
type StoredNotice = Omit<Notice, 'struck'> & {
  struck?: Struck | null;
  withdrawnAt?: string | null;
  withdrawnByName?: string | null;
  withdrawReason?: string | null;
};

/** Reads a stored record of any earlier shape as the current one (nothing is rewritten until the next change). */
export function normaliseAgreementNotice<T extends Doc>(doc: T): T & AgreementNotice {
  const raw = doc as unknown as Omit<AgreementNotice, 'active' | 'history'> & { active: StoredNotice | null; history?: StoredNotice[] };
  return { ...doc, active: raw.active ? normaliseNotice(raw.active) : null, history: (raw.history ?? []).map(normaliseNotice) } as T & AgreementNotice;
}

function normaliseNotice(stored: StoredNotice): Notice {
  const { withdrawnAt, withdrawnByName, withdrawReason, struck, ...rest } = stored;
  const legacy: Struck | null = withdrawnAt ? { kind: 'withdrawn', at: withdrawnAt, byName: withdrawnByName ?? '', reason: withdrawReason ?? null } : null;
  return { ...rest, struck: struck ?? legacy };
}

/**
 * The day the agreement ends: six months after the notice, the same day of the month (or the
 * month's last day when it has no such day: a notice on 31 August ends on 28 or 29 February).
 */
export function endDateOf(noticeDate: string): string {
  return DateTime.fromISO(noticeDate, { zone: TIME_ZONE }).plus({ months: NOTICE_MONTHS }).toISODate() ?? noticeDate;
}

export type NoticeDecision = { kind: 'recorded'; next: AgreementNotice } | { kind: 'rejected'; reason: 'alreadyGiven' | 'future' | 'notAParty' };

/** Records a notice, unless one is already in force (the agreement already ends), it has ended, or the date lies ahead. */
export function decideNotice(
  current: AgreementNotice | undefined,
  notice: Omit<Notice, 'endDate' | 'struck'>,
  party: { isParty: boolean } | undefined,
  today: string,
): NoticeDecision {
  if (!party?.isParty) return { kind: 'rejected', reason: 'notAParty' };
  if (notice.noticeDate > today) return { kind: 'rejected', reason: 'future' };
  if (current?.active) return { kind: 'rejected', reason: 'alreadyGiven' };
  const recorded: Notice = { ...notice, endDate: endDateOf(notice.noticeDate), struck: null };
  return {
    kind: 'recorded',
    next: { id: NOTICE_DOC_ID, pk: 'notice', type: 'agreement-notice', active: recorded, history: current?.history ?? [] },
  };
}

/** Until when the person who registered a notice may correct it. */
export function correctionDeadline(notice: Pick<Notice, 'recordedAt'>): Date {
  return new Date(Date.parse(notice.recordedAt) + CORRECTION_HOURS * 3_600_000);
}

/** Whether this person may still correct the notice now. */
export function mayCorrect(notice: Pick<Notice, 'recordedAt' | 'recordedBy' | 'struck'>, actor: string, now: Date): boolean {
  return notice.struck === null && notice.recordedBy === actor && now.getTime() < correctionDeadline(notice).getTime();
}

export type CorrectionDecision =
  | { kind: 'corrected'; next: AgreementNotice; notice: Notice }
  | { kind: 'rejected'; reason: 'notActive' | 'notRecorder' | 'final' | 'reasonRequired' };

/**
 * A registered notice is final, with one exception: the person who registered it may strike it as
 * a mistake within `CORRECTION_HOURS`, saying what the mistake was. A struck notice stays in the
 * history; the right one can then be registered.
 */
export function decideCorrection(
  current: AgreementNotice | undefined,
  request: { noticeId: string; actor: string; actorName: string; reason: string },
  now: Date,
): CorrectionDecision {
  const active = current?.active;
  if (!current || !active || active.id !== request.noticeId) return { kind: 'rejected', reason: 'notActive' };
  if (active.recordedBy !== request.actor) return { kind: 'rejected', reason: 'notRecorder' };
  if (!mayCorrect(active, request.actor, now)) return { kind: 'rejected', reason: 'final' };
  const reason = request.reason.trim();
  if (!reason) return { kind: 'rejected', reason: 'reasonRequired' };
  const notice: Notice = { ...active, struck: { kind: 'correction', at: now.toISOString(), byName: request.actorName, reason } };
  return { kind: 'corrected', notice, next: { ...current, active: null, history: [...current.history, notice] } };
}

/** When the reminders before the end date go out (08:00 Swedish time), leaving out those already past. */
export function reminderTimes(endDate: string, now: Date): { days: number; runAt: Date }[] {
  const end = DateTime.fromISO(endDate, { zone: TIME_ZONE });
  return REMINDER_DAYS.map((days) => ({ days, runAt: end.minus({ days }).set({ hour: 8 }).toJSDate() })).filter((r) => r.runAt.getTime() > now.getTime());
}

