import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../dates/dates';
import type { Doc } from '../../store/types';

/** The yearly tasks of the agreement the bot reminds about (docs/domain.md §13). */
export const REMINDER_ITEMS = ['agreementReview', 'activityPlanDecided', 'activityPlanFollowUp', 'activityPlanReport', 'actionPlan', 'meetingCosts'] as const;
export type ReminderItem = (typeof REMINDER_ITEMS)[number];

/** Who is reminded: the secretariat and the chair, or each committee (with the secretariat). */
export const AUDIENCE: Record<ReminderItem, 'leadership' | 'committees'> = {
  agreementReview: 'leadership',
  meetingCosts: 'leadership',
  activityPlanDecided: 'committees',
  activityPlanFollowUp: 'committees',
  activityPlanReport: 'committees',
  actionPlan: 'leadership',
};

/** The secretariat's dates (month and day each task is due) and how long before to remind. */
export interface AnnualSettings extends Doc {
  type: 'annual-settings';
  pk: 'settings';
  leadDays: number;
  dates: Record<ReminderItem, string>;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const SETTINGS_ID = 'annual-cycle';

/**
 * Defaults until the secretariat sets its own (the agreement gives no dates): the agreement was
 * last revised in February; committees decide their activity plans early in the year, follow
 * them up in the autumn and report back before the year ends; the action plan is set in December.
 */
export function defaultSettings(): AnnualSettings {
  return {
    id: SETTINGS_ID,
    pk: 'settings',
    type: 'annual-settings',
    leadDays: 14,
    // Meeting costs: "Fördela omkostnader i samband med möten mellan region Gävleborg och kommunerna årligen", the year gone by, in January.
    dates: { agreementReview: '02-28', activityPlanDecided: '02-28', activityPlanFollowUp: '10-31', activityPlanReport: '11-30', actionPlan: '12-15', meetingCosts: '01-31' },
    updatedAt: null,
    updatedBy: null,
  };
}

/** A month and day valid in every year (29 February is not). */
export function validMonthDay(text: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return false;
  return DateTime.fromObject({ year: 2023, month: Number(m[1]), day: Number(m[2]) }).isValid;
}

/** When a task is due in a year: its date, Swedish local midnight. */
export function dueDate(item: ReminderItem, year: number, settings: Pick<AnnualSettings, 'dates'>): string {
  return `${year}-${settings.dates[item]}`;
}

/** When the reminder for a task goes out: `leadDays` before its date, 08:00 Swedish time. */
export function reminderAt(item: ReminderItem, year: number, settings: Pick<AnnualSettings, 'dates' | 'leadDays'>): Date {
  return DateTime.fromISO(dueDate(item, year, settings), { zone: TIME_ZONE }).minus({ days: settings.leadDays }).set({ hour: 8 }).toJSDate();
}

/** The next reminder of a task after `now`: this year's if it is still ahead, else next year's. */
export function nextReminder(item: ReminderItem, settings: Pick<AnnualSettings, 'dates' | 'leadDays'>, now: Date): { year: number; runAt: Date } {
  const year = DateTime.fromJSDate(now, { zone: TIME_ZONE }).year;
  for (const y of [year, year + 1, year + 2]) {
    const runAt = reminderAt(item, y, settings);
    if (runAt.getTime() > now.getTime()) return { year: y, runAt };
  }
  return { year: year + 2, runAt: reminderAt(item, year + 2, settings) };
}

/** A reminder job is current only if it still matches the settings (dates may have changed since). */
export function isCurrent(item: ReminderItem, year: number, runAt: Date, settings: Pick<AnnualSettings, 'dates' | 'leadDays'>): boolean {
  return Math.abs(reminderAt(item, year, settings).getTime() - runAt.getTime()) < 60_000;
}

/** Settings stored before an item joined the annual cycle (the meeting costs) get its default date on read. */
export function withDefaults(stored: AnnualSettings | undefined): AnnualSettings {
  const defaults = defaultSettings();
  return stored ? { ...stored, dates: { ...defaults.dates, ...stored.dates } } : defaults;
}

/** The yearly follow-up of the agreement as recorded: when, by whom, and the minutes (id `followup:<year>`). */
export interface FollowUpRecord extends Doc {
  type: 'agreement-followup';
  pk: 'annual';
  year: number;
  doneOn: string;
  minutesUrl: string;
  note: string;
  recordedBy: { aadObjectId: string; name: string };
  recordedAt: string;
}

export const followUpId = (year: number): string => `followup:${year}`;
