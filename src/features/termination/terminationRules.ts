import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../dates/dates';
import type { Doc } from '../../store/types';

/** Months of notice (docs/domain.md §15). */
export const NOTICE_MONTHS = 6;
/** Reminders before the end date, in days. */
export const REMINDER_DAYS = [90, 30, 7] as const;

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
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawReason: string | null;
}

/** The agreement's standing: at most one notice in force, and the history of earlier ones. */
export interface AgreementNotice extends Doc {
  type: 'agreement-notice';
  pk: 'notice';
  active: Notice | null;
  history: Notice[];
}

export const NOTICE_DOC_ID = 'agreement';

/**
 * The day the agreement ends: six months after the notice, the same day of the month (or the
 * month's last day when it has no such day: a notice on 31 August ends on 28 or 29 February).
 */
export function endDateOf(noticeDate: string): string {
  return DateTime.fromISO(noticeDate, { zone: TIME_ZONE }).plus({ months: NOTICE_MONTHS }).toISODate() ?? noticeDate;
}

export type NoticeDecision = { kind: 'recorded'; next: AgreementNotice } | { kind: 'rejected'; reason: 'alreadyGiven' | 'future' | 'notAParty' };

/** Records a notice, unless one is already in force (the agreement already ends) or the date lies ahead. */
export function decideNotice(
  current: AgreementNotice | undefined,
  notice: Omit<Notice, 'endDate' | 'withdrawnAt' | 'withdrawnByName' | 'withdrawReason'>,
  party: { isParty: boolean } | undefined,
  today: string,
): NoticeDecision {
  if (!party?.isParty) return { kind: 'rejected', reason: 'notAParty' };
  if (notice.noticeDate > today) return { kind: 'rejected', reason: 'future' };
  if (current?.active) return { kind: 'rejected', reason: 'alreadyGiven' };
  const recorded: Notice = { ...notice, endDate: endDateOf(notice.noticeDate), withdrawnAt: null, withdrawnByName: null, withdrawReason: null };
  return { kind: 'recorded', next: { id: NOTICE_DOC_ID, pk: 'notice', type: 'agreement-notice', active: recorded, history: current?.history ?? [] } };
}

export type WithdrawDecision = { kind: 'withdrawn'; next: AgreementNotice; notice: Notice } | { kind: 'rejected'; reason: 'notActive' };

export function decideWithdraw(current: AgreementNotice | undefined, noticeId: string, by: string, reason: string, now: Date): WithdrawDecision {
  if (!current?.active || current.active.id !== noticeId) return { kind: 'rejected', reason: 'notActive' };
  const notice: Notice = { ...current.active, withdrawnAt: now.toISOString(), withdrawnByName: by, withdrawReason: reason.trim() || null };
  return { kind: 'withdrawn', notice, next: { ...current, active: null, history: [...current.history, notice] } };
}

/** When the reminders before the end date go out (08:00 Swedish time), leaving out those already past. */
export function reminderTimes(endDate: string, now: Date): { days: number; runAt: Date }[] {
  const end = DateTime.fromISO(endDate, { zone: TIME_ZONE });
  return REMINDER_DAYS.map((days) => ({ days, runAt: end.minus({ days }).set({ hour: 8 }).toJSDate() })).filter((r) => r.runAt.getTime() > now.getTime());
}
