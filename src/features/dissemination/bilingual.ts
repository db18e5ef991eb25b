import type { Locale } from '../../config';
import { formatDate, formatDateTime } from '../../dates/dates';

/**
 * A line in both languages. Messages sent through the outbox are rendered at send time in each
 * recipient's locale, so card data carries both and the template picks `line[locale]`.
 */
export interface Bi {
  sv: string;
  en: string;
}

export const LOCALES: readonly Locale[] = ['sv', 'en'];

export function bi(line: (locale: Locale) => string): Bi {
  return { sv: line('sv'), en: line('en') };
}

/** A moment as Swedes write it, in each language. */
export function when(date: Date | string, locale: Locale): string {
  return formatDateTime(typeof date === 'string' ? new Date(date) : date, locale);
}

export function day(date: Date | string, locale: Locale): string {
  return formatDate(typeof date === 'string' ? new Date(date) : date, locale);
}

/** Teams' refresh list takes at most 60 users, written as `8:orgid:<AAD object id>`. */
export function refreshUserIds(aadObjectIds: readonly string[]): string[] {
  return [...new Set(aadObjectIds)].slice(0, 60).map((id) => `8:orgid:${id}`);
}
