import { DateTime } from 'luxon';
import type { Locale } from '../config';

/** The collaboration's time zone: every date shown or entered is Swedish local time. */
export const TIME_ZONE = 'Europe/Stockholm';

function local(date: Date, locale: Locale): DateTime {
  return DateTime.fromJSDate(date, { zone: TIME_ZONE }).setLocale(locale === 'sv' ? 'sv-SE' : 'en-GB');
}

/** "fredag 27 november 2026" / "Friday 27 November 2026". */
export function formatDate(date: Date, locale: Locale): string {
  return local(date, locale).toFormat(locale === 'sv' ? 'cccc d MMMM yyyy' : 'cccc d MMMM yyyy');
}

/** "09.00" as Swedes write times, "09:00" in English. */
export function formatTime(date: Date, locale: Locale): string {
  return local(date, locale).toFormat(locale === 'sv' ? 'HH.mm' : 'HH:mm');
}

/** "fredag 27 november 2026 kl. 09.00" / "Friday 27 November 2026 at 09:00". */
export function formatDateTime(date: Date, locale: Locale): string {
  return `${formatDate(date, locale)} ${locale === 'sv' ? 'kl.' : 'at'} ${formatTime(date, locale)}`;
}

/** "2026-11-27" in Swedish local time (ISO, as Swedish forms write dates). */
export function isoDate(date: Date): string {
  return local(date, 'sv').toISODate() ?? '';
}

/** The years a date entered on a card can fall in: anything else (9999, year 0) is a slip or a tampered card. */
const ENTERED_YEARS = { min: 2000, max: 2099 };

/**
 * Reads a date-time entered in Swedish local time ("2026-11-27T09:00", with or without seconds or
 * an offset; an explicit offset wins). Undefined when it is not a valid date-time, or lies outside
 * the years 2000–2099.
 */
export function parseLocalDateTime(text: string): Date | undefined {
  const dt = DateTime.fromISO(text.trim(), { zone: TIME_ZONE, setZone: false });
  if (!dt.isValid || dt.year < ENTERED_YEARS.min || dt.year > ENTERED_YEARS.max) return undefined;
  return dt.toJSDate();
}

/** A date ("2026-11-27") as the start of that day in Swedish local time. */
export function parseLocalDate(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return undefined;
  return parseLocalDateTime(text.trim());
}

/** The weekday in Swedish local time, 1 = Monday … 5 = Friday … 7 = Sunday. */
export function localWeekday(date: Date): number {
  return DateTime.fromJSDate(date, { zone: TIME_ZONE }).weekday;
}

/** "4 dec. 2026" / "4 Dec 2026": a date in a table column. */
export function formatShortDate(date: Date, locale: Locale): string {
  return local(date, locale).toFormat('d MMM yyyy');
}

/** "4 dec. 2026 09.00" / "4 Dec 2026 09:00": a moment in a table column. */
export function formatShortDateTime(date: Date, locale: Locale): string {
  return `${formatShortDate(date, locale)} ${formatTime(date, locale)}`;
}
