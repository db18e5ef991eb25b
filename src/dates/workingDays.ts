import type { DateTime } from 'luxon';
import { holidayOn } from './holidays';

/**
 * Swedish working days: Monday to Friday, except public holidays and the eves that workplaces
 * treat as holidays (midsummer eve, Christmas eve, New Year's eve).
 */
export function isWorkingDay(date: DateTime): boolean {
  if (date.weekday > 5) return false;
  return holidayOn(date.toISODate() ?? '') === undefined;
}

/** The working day `count` working days before `date` (a local date; its time is kept). */
export function workingDaysBefore(date: DateTime, count: number): DateTime {
  let current = date;
  let left = count;
  while (left > 0) {
    current = current.minus({ days: 1 });
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}
