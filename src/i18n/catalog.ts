import type { Locale } from '../config';

/** A flat table of strings; `{name}` marks a placeholder that `format` fills in. */
export type Strings = Record<string, string>;

/** The Swedish strings define the keys; the English table must have exactly the same ones. */
export interface Bilingual<T extends Strings> {
  sv: T;
  en: { [K in keyof T]: string };
}

export function defineStrings<T extends Strings>(sv: T, en: { [K in keyof T]: string }): Bilingual<T> {
  return { sv, en };
}

/** Fills `{name}` placeholders; an unknown placeholder is left as it is, so a gap is visible. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : String(v);
  });
}

export function pickLocale(candidate: string | undefined, fallback: Locale): Locale {
  if (!candidate) return fallback;
  const lower = candidate.toLowerCase();
  if (lower.startsWith('sv')) return 'sv';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}
