import type { Locale } from '../config';
import type { Bilingual, Strings } from './catalog';
import { format } from './catalog';
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
  dashboard,
  calendar,
  projects,
} satisfies Record<string, Bilingual<Strings>>;

export type Namespace = keyof typeof NAMESPACES;
type KeysOf<N extends Namespace> = keyof (typeof NAMESPACES)[N]['sv'] & string;

/** The strings of one locale, by namespace, as card templates see them. */
export function catalog(locale: Locale): { [N in Namespace]: Record<KeysOf<N>, string> } {
  const out = {} as Record<string, Record<string, string>>;
  for (const [name, strings] of Object.entries(NAMESPACES)) out[name] = strings[locale];
  return out as { [N in Namespace]: Record<KeysOf<N>, string> };
}

/** One string, with `{placeholders}` filled in. */
export function t<N extends Namespace>(
  locale: Locale,
  namespace: N,
  key: KeysOf<N>,
  values?: Record<string, string | number>,
): string {
  const table = NAMESPACES[namespace][locale] as Record<string, string>;
  return format(table[key] ?? key, values);
}

export { format, pickLocale } from './catalog';
