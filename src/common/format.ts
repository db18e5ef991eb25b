import { DateTime } from 'luxon';
import type { Locale } from '../config';
import { TIME_ZONE } from '../dates/dates';

/** "3 april 2026" / "3 April 2026": a date as Swedes write it in running text, in Swedish local time. */
export function formatDay(date: Date | string, locale: Locale): string {
  const d = typeof date === 'string' ? DateTime.fromISO(date, { zone: TIME_ZONE }) : DateTime.fromJSDate(date, { zone: TIME_ZONE });
  return d.setLocale(locale === 'sv' ? 'sv-SE' : 'en-GB').toFormat('d MMMM yyyy');
}

/** The same text in both languages, for cards rendered later in the recipient's language. */
export function bothLocales(make: (locale: Locale) => string): Record<Locale, string> {
  return { sv: make('sv'), en: make('en') };
}

/** A calendar date `YYYY-MM-DD` that exists (not 2026-02-30). */
export function isValidDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: TIME_ZONE }).isValid;
}

/** "100 001 kr" / "100,001 kr". */
export function money(amount: number, locale: Locale): string {
  return `${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(amount)} kr`;
}

/** A share as Swedes write it, "35,81 %", or "35.81%" in English. */
export function percent(fraction: number, locale: Locale): string {
  const n = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fraction * 100);
  return locale === 'sv' ? `${n} %` : `${n}%`;
}
