import { IntlMessageFormat } from 'intl-messageformat';
import { isArgumentElement, isNumberElement, isPluralElement, isSelectElement, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Locale } from '../config';

/**
 * A flat table of strings. Each string is an ICU message: `{name}` is a placeholder for text,
 * `{n, number}` a number written the locale's way ("1 234" with a non-breaking space in Swedish),
 * and `{n, plural, one {# part} other {# parter}}` a count with its noun (see docs/architecture.md,
 * "Words and counts").
 */
export type Strings = Record<string, string>;

/** The values a message is filled with: text for `{name}`, numbers for counts. */
export type Values = Record<string, string | number>;

/** The Swedish strings define the keys; the English table must have exactly the same ones. */
export interface Bilingual<T extends Strings> {
  sv: T;
  en: { [K in keyof T]: string };
}

export function defineStrings<T extends Strings>(sv: T, en: { [K in keyof T]: string }): Bilingual<T> {
  return { sv, en };
}

const INTL_LOCALE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Text with no placeholder and nothing quoted reads the same as a message: no need to parse it. */
export function isPlainText(template: string): boolean {
  return !template.includes('{') && !template.includes("''");
}

/** Parsed messages by locale and text; parsing is the costly part, formatting a parsed one is cheap. */
const compiled = new Map<string, IntlMessageFormat | null>();

/** The message `template` parsed for `locale`, or null when it is not a valid ICU message. */
export function compileMessage(template: string, locale: Locale): IntlMessageFormat | null {
  const cacheKey = `${locale}\u0000${template}`;
  let message = compiled.get(cacheKey);
  if (message === undefined) {
    try {
      // ignoreTag: `<namn>` in a string is text, not markup.
      message = new IntlMessageFormat(template, INTL_LOCALE[locale], undefined, { ignoreTag: true });
    } catch {
      message = null;
    }
    compiled.set(cacheKey, message);
  }
  return message;
}

/** The names of a message's placeholders, each marked a count (`plural`, `number`) or text. */
export function placeholders(elements: MessageFormatElement[], into = new Map<string, 'text' | 'count'>()): Map<string, 'text' | 'count'> {
  for (const el of elements) {
    if (isPluralElement(el) || isNumberElement(el)) into.set(el.value, 'count');
    else if ((isArgumentElement(el) || isSelectElement(el)) && !into.has(el.value)) into.set(el.value, 'text');
    if (isPluralElement(el) || isSelectElement(el)) {
      for (const option of Object.values(el.options)) placeholders(option.value, into);
    }
  }
  return into;
}

/**
 * Fills a message in `locale`. A text placeholder without a value stays visible as `{name}`, so a
 * gap shows instead of vanishing; a message that cannot be filled (not valid ICU, or a count
 * without a value) is returned as written rather than failing the card it is part of.
 */
export function format(template: string, values: Values = {}, locale: Locale = 'sv'): string {
  if (isPlainText(template)) return template;
  const message = compileMessage(template, locale);
  if (!message) return template;
  const filled: Values = { ...values };
  for (const [name, kind] of placeholders(message.getAst())) {
    if (filled[name] === undefined && kind === 'text') filled[name] = `{${name}}`;
  }
  try {
    const out = message.format<string>(filled);
    return Array.isArray(out) ? out.join('') : String(out);
  } catch {
    return template;
  }
}

export function pickLocale(candidate: string | undefined, fallback: Locale): Locale {
  if (!candidate) return fallback;
  const lower = candidate.toLowerCase();
  if (lower.startsWith('sv')) return 'sv';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}
