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

/**
 * A share as people write it: "36 %" (with a non-breaking space) or "36%" in English; with
 * `decimals`, up to that many where they say something ("35,81 %", but "0 %" and "100 %").
 */
export function percent(fraction: number, locale: Locale, decimals = 0): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: decimals }).format(fraction);
}
