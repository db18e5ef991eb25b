import type { Locale } from '../config';
import { t } from '../i18n';

/**
 * The agreement speaks of "de elva parterna" (Region Gävleborg and the ten municipalities); HUFB
 * signs beside them and applies the agreement in its own organisation. Every count a party or the
 * secretariat reads counts the eleven, and names anyone else apart: "11 parter och HUFB", never
 * "12 parter" (docs/domain.md §3).
 */
export interface Counted {
  /** The party's name, as it is named apart when it is not one of the eleven. */
  name: string;
  /** One of the eleven parties. */
  isParty: boolean;
}

/** "A, B och C": names as a sentence lists them. */
export function joinNames(locale: Locale, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${t(locale, 'parties', 'and')} ${names[names.length - 1]}`;
}

/** "11 parter och HUFB", "3 parter", "1 part", "HUFB": the eleven counted, anyone else named. */
export function partiesText(locale: Locale, addressed: readonly Counted[]): string {
  const eleven = addressed.filter((p) => p.isParty).length;
  const apart = addressed.filter((p) => !p.isParty).map((p) => p.name);
  return joinNames(locale, [...(eleven > 0 || apart.length === 0 ? [t(locale, 'parties', 'eleven', { n: eleven })] : []), ...apart]);
}

/**
 * "2 av 11 parter · HUFB: kvitterat": how many of the eleven did something, and for each one
 * apart whether it did. `words` gives the state in the locale ("kvitterat" / "inte kvitterat").
 */
export function partiesDoneText(locale: Locale, addressed: readonly (Counted & { done: boolean })[], words: { done: string; not: string }): string {
  const eleven = addressed.filter((p) => p.isParty);
  const head = eleven.length > 0 ? t(locale, 'parties', 'ofEleven', { done: eleven.filter((p) => p.done).length, n: eleven.length }) : '';
  const apart = addressed.filter((p) => !p.isParty).map((p) => t(locale, 'parties', 'apart', { name: p.name, state: p.done ? words.done : words.not }));
  return [head, ...apart].filter((s) => s !== '').join(' · ');
}
