import type { Locale } from '../config';
import type { PluralForms } from './plural';
import { plural } from './plural';

/**
 * The agreement speaks of "de elva parterna" (Region Gävleborg and the ten municipalities); HUFB
 * signs beside them and applies the agreement in its own organisation. Every count a party or the
 * secretariat reads counts the eleven, and names anyone else apart: "11 parter och HUFB", never
 * "12 parter" (docs/domain.md, "The eleven parties, and HUFB beside them").
 */
export interface Counted {
  /** The party's name, as it is named apart when it is not one of the eleven. */
  name: string;
  /** One of the eleven parties. */
  isParty: boolean;
}

const forms = (sv: PluralForms, en: PluralForms): Record<Locale, PluralForms> => ({ sv, en });

const PARTIES = forms({ one: '{n} part', other: '{n} parter' }, { one: '{n} party', other: '{n} parties' });
const OF_PARTIES = forms({ one: '{done} av {n} part', other: '{done} av {n} parter' }, { one: '{done} of {n} party', other: '{done} of {n} parties' });
const AND = { sv: 'och', en: 'and' } as const;

/** "A, B och C": names as a sentence lists them. */
export function joinNames(locale: Locale, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${AND[locale]} ${names[names.length - 1]}`;
}

/** "11 parter och HUFB", "3 parter", "1 part", "HUFB": the eleven counted, anyone else named. */
export function partiesText(locale: Locale, addressed: readonly Counted[]): string {
  const eleven = addressed.filter((p) => p.isParty).length;
  const apart = addressed.filter((p) => !p.isParty).map((p) => p.name);
  return joinNames(locale, [...(eleven > 0 || apart.length === 0 ? [plural(locale, eleven, PARTIES)] : []), ...apart]);
}

/**
 * "2 av 11 parter · HUFB: kvitterat": how many of the eleven did something, and for each one
 * apart whether it did. `words` gives the state in the locale ("kvitterat" / "inte kvitterat").
 */
export function partiesDoneText(
  locale: Locale,
  addressed: readonly (Counted & { done: boolean })[],
  words: { done: string; not: string },
): string {
  const eleven = addressed.filter((p) => p.isParty);
  const head = eleven.length > 0 ? plural(locale, eleven.length, OF_PARTIES, { done: eleven.filter((p) => p.done).length }) : '';
  const apart = addressed
    .filter((p) => !p.isParty)
    .map((p) => `${p.name}: ${p.done ? words.done : words.not}`);
  return [head, ...apart].filter((s) => s !== '').join(' · ');
}

const CHANNELS = forms({ one: '{n} kanal', other: '{n} kanaler' }, { one: '{n} channel', other: '{n} channels' });
const PERSONAL_CHATS = forms({ one: '{n} personlig chatt', other: '{n} personliga chattar' }, { one: '{n} personal chat', other: '{n} personal chats' });

/** "1 kanal", "3 personliga chattar": where a message goes. */
export function routeCount(locale: Locale, n: number, what: 'channels' | 'personalChats'): string {
  return plural(locale, n, what === 'channels' ? CHANNELS : PERSONAL_CHATS);
}
