import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../i18n/dates';

/**
 * Swedish working days: Monday to Friday, except public holidays and the eves that workplaces
 * treat as holidays (midsummer eve, Christmas eve, New Year's eve).
 */
export function isWorkingDay(date: DateTime): boolean {
  if (date.weekday > 5) return false;
  return !swedishHolidays(date.year).has(date.toISODate() ?? '');
}

/** The dates (`YYYY-MM-DD`) of a year on which Swedish workplaces are closed, weekends aside. */
export function swedishHolidays(year: number): Set<string> {
  const day = (month: number, d: number) => DateTime.fromObject({ year, month, day: d }, { zone: TIME_ZONE });
  const easter = easterSunday(year);
  const midsummerEve = [19, 20, 21, 22, 23, 24, 25].map((d) => day(6, d)).find((d) => d.weekday === 5)!;
  const dates = [
    day(1, 1), // nyårsdagen
    day(1, 6), // trettondedag jul
    easter.minus({ days: 2 }), // långfredagen
    easter.plus({ days: 1 }), // annandag påsk
    day(5, 1), // första maj
    easter.plus({ days: 39 }), // Kristi himmelsfärdsdag
    day(6, 6), // nationaldagen
    midsummerEve, // midsommarafton
    day(12, 24), // julafton
    day(12, 25), // juldagen
    day(12, 26), // annandag jul
    day(12, 31), // nyårsafton
  ];
  return new Set(dates.map((d) => d.toISODate() ?? ''));
}

/** Easter Sunday (Gregorian calendar, the anonymous algorithm). */
export function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day: dayOfMonth }, { zone: TIME_ZONE });
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
