import type { Locale } from '../config';
import { format } from './catalog';

const RULES: Record<Locale, Intl.PluralRules> = { sv: new Intl.PluralRules('sv'), en: new Intl.PluralRules('en') };

/** The two forms Swedish and English count with: "1 möte" and "{n} möten". */
export interface PluralForms {
  one: string;
  other: string;
}

/** A count in words with the form its number takes in the locale (never "1 möten"), `{n}` filled in. */
export function plural(locale: Locale, n: number, forms: Record<Locale, PluralForms>, values: Record<string, string | number> = {}): string {
  const form = RULES[locale].select(n) === 'one' ? forms[locale].one : forms[locale].other;
  return format(form, { ...values, n: n.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB') });
}
