import type { Locale } from '../config';
import type { Bilingual, Strings } from './catalog';
import { compileMessage, format, isPlainText, placeholders, type Values } from './catalog';
import { calendar } from './calendar';
import { yearPlan } from './yearPlan';
import { cases } from './cases';
import { core } from './core';
import { costSharing } from './costSharing';
import { dashboard } from './dashboard';
import { directory } from './directory';
import { meetings } from './meetings';
import { dissemination } from './dissemination';
import { termination } from './termination';
import { introductions } from './introductions';
import { security } from './security';
import { forms } from './forms';
import { parties } from './parties';
import { projects } from './projects';

/**
 * Every namespace of strings. A feature adds its own file beside core.ts and one line here;
 * card templates read them as `${t.<namespace>.<key>}`.
 */
const NAMESPACES = {
  core,
  directory,
  cases,
  meetings,
  dissemination,
  introductions,
  yearPlan,
  costSharing,
  termination,
  security,
  forms,
  dashboard,
  calendar,
  projects,
  parties,
} satisfies Record<string, Bilingual<Strings>>;

export type Namespace = keyof typeof NAMESPACES;
type KeysOf<N extends Namespace> = keyof (typeof NAMESPACES)[N]['sv'] & string;

/**
 * A string as a template shows it: finished text when it has no placeholders (quotes resolved),
 * else as written. Only a quote needs the parser, so starting up parses a handful of strings.
 */
function templateText(text: string, locale: Locale): string {
  if (isPlainText(text)) return text;
  if (!text.includes("'")) return text;
  const message = compileMessage(text, locale);
  return message && placeholders(message.getAst()).size === 0 ? format(text, {}, locale) : text;
}

const catalogs = new Map<Locale, Record<string, Record<string, string>>>();

/**
 * The strings of one locale, by namespace, as card templates see them. A string without
 * placeholders is given as finished text; one with placeholders as written, for a template's
 * `replace(...)` of a `{name}`. A count is never filled in a template: the code formats it with
 * `t(...)` and passes the text as data.
 */
export function catalog(locale: Locale): { [N in Namespace]: Record<KeysOf<N>, string> } {
  let out = catalogs.get(locale);
  if (!out) {
    out = {};
    for (const [name, strings] of Object.entries(NAMESPACES)) {
      const table: Record<string, string> = {};
      for (const [key, text] of Object.entries(strings[locale] as Strings)) table[key] = templateText(text, locale);
      out[name] = table;
    }
    catalogs.set(locale, out);
  }
  return out as { [N in Namespace]: Record<KeysOf<N>, string> };
}

/** The strings of one locale as written (ICU messages), for checks over the whole catalog. */
export function messages(locale: Locale): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, strings] of Object.entries(NAMESPACES)) out[name] = { ...(strings[locale] as Strings) };
  return out;
}

/**
 * One string, filled in: `{name}` with text, counts with the locale's plural rules
 * (`t('sv', 'meetings', 'remindDone', { n: 1 })` -> "Påminnelsen skickas till 1 person.").
 */
export function t<N extends Namespace>(locale: Locale, namespace: N, key: KeysOf<N>, values?: Values): string {
  const table = NAMESPACES[namespace][locale] as Record<string, string>;
  return format(table[key] ?? key, values, locale);
}

export { format, pickLocale } from './catalog';
export type { Values } from './catalog';
