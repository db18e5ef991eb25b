import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Locale } from '../config';
import { catalog } from '../i18n';
import { CARDS_DIR } from '../paths';

/** A rendered Adaptive Card (schema 1.5), ready to attach to a message or an invoke response. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  refresh?: { action: unknown; userIds?: string[] };
  [key: string]: unknown;
}

/** Teams refuses a message over about 28 KB; we stay under this many bytes of JSON. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28_000;

/** Parsed templates: preparing one is costly (tens of ms), binding a prepared one to data is cheap. */
const templates = new Map<string, ACData.Template>();

/** Names of every template in cards/ (files `<name>.json`, not the `<name>.data.json` samples). */
export function templateNames(dir: string = CARDS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function loadTemplate(name: string): ACData.Template {
  let template = templates.get(name);
  if (!template) {
    if (!/^[a-zA-Z0-9.-]+$/.test(name)) throw new Error(`bad card template name: ${name}`);
    template = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')) as object);
    templates.set(name, template);
  }
  return template;
}

/**
 * Binds `data` to the template `cards/<name>.json`. The locale's strings are available to the
 * template as `t` (`${t.core.welcomeTitle}`), beside the data's own fields.
 */
export function renderCard(name: string, data: object, locale: Locale): AdaptiveCard {
  const card = loadTemplate(name).expand({ $root: { ...data, t: catalog(locale), locale } }) as AdaptiveCard;
  return card;
}

/** The size Teams counts for a card sent as an attachment, in bytes. */
export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
