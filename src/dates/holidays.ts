/**
 * Swedish public holidays (allmänna helgdagar) and the eves workplaces keep as holidays
 * (midsommarafton, julafton, nyårsafton). Pure date arithmetic on calendar dates (`YYYY-MM-DD`),
 * independent of time zones.
 */
export interface Holiday {
  date: string;
  name: { sv: string; en: string };
  /** An eve that is not a public holiday by law but is kept as one (de facto). */
  deFacto: boolean;
}

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus), as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
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
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoOf(year, month, day);
}

/** Every holiday of the year, in date order. */
export function swedishHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const h = (date: string, sv: string, en: string, deFacto = false): Holiday => ({ date, name: { sv, en }, deFacto });
  const list = [
    h(isoOf(year, 1, 1), 'Nyårsdagen', "New Year's Day"),
    h(isoOf(year, 1, 6), 'Trettondedag jul', 'Epiphany'),
    h(addDays(easter, -2), 'Långfredagen', 'Good Friday'),
    h(easter, 'Påskdagen', 'Easter Sunday'),
    h(addDays(easter, 1), 'Annandag påsk', 'Easter Monday'),
    h(isoOf(year, 5, 1), 'Första maj', 'May Day'),
    h(addDays(easter, 39), 'Kristi himmelsfärdsdag', 'Ascension Day'),
    h(addDays(easter, 49), 'Pingstdagen', 'Whit Sunday'),
    h(isoOf(year, 6, 6), 'Sveriges nationaldag', 'National Day of Sweden'),
    h(firstWeekdayBetween(year, 6, 19, 5), 'Midsommarafton', 'Midsummer Eve', true),
    h(firstWeekdayBetween(year, 6, 20, 6), 'Midsommardagen', 'Midsummer Day'),
    h(allSaintsDay(year), 'Alla helgons dag', "All Saints' Day"),
    h(isoOf(year, 12, 24), 'Julafton', 'Christmas Eve', true),
    h(isoOf(year, 12, 25), 'Juldagen', 'Christmas Day'),
    h(isoOf(year, 12, 26), 'Annandag jul', 'Boxing Day'),
    h(isoOf(year, 12, 31), 'Nyårsafton', "New Year's Eve", true),
  ];
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

/** The holiday on a date, if it is one. */
export function holidayOn(date: string): Holiday | undefined {
  const year = Number(date.slice(0, 4));
  return swedishHolidays(year).find((x) => x.date === date);
}

/** ISO weekday of a calendar date: 1 = Monday … 5 = Friday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date from `month`-`day` on (within seven days) that falls on `weekday`. */
function firstWeekdayBetween(year: number, month: number, day: number, weekday: number): string {
  const start = isoOf(year, month, day);
  const offset = (weekday - weekdayOf(start) + 7) % 7;
  return addDays(start, offset);
}

/** Alla helgons dag: the Saturday between 31 October and 6 November. */
function allSaintsDay(year: number): string {
  return firstWeekdayBetween(year, 10, 31, 6);
}
