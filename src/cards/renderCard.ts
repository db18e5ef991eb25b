import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Locale } from '../config';
import { catalog } from '../i18n';
import { CARDS_DIR } from '../paths';
import { inputsOf } from './fillForm';

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

/**
 * A message's size as people read it, for the strings that tell it (`previewSize`, `errorTooLarge`):
 * `size` and `limit` in whole kilobytes, and `over`, about how many characters to cut (every
 * character is at least one byte, so cutting this many is enough).
 */
export function sizeForPeople(bytes: number): { size: number; limit: number; over: number } {
  return {
    size: Math.max(1, Math.round(bytes / 1000)),
    limit: Math.round(TEAMS_MESSAGE_LIMIT_BYTES / 1000),
    over: Math.max(0, bytes - TEAMS_MESSAGE_LIMIT_BYTES),
  };
}

/** Parsed templates: preparing one is costly (tens of ms), binding a prepared one to data is cheap. */
const templates = new Map<string, ACData.Template>();

/** Names of every template in cards/ (files `<name>.json`, not the `<name>.data.json` samples). */
export function templateNames(dir: string = CARDS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Templates by their earlier names. Messages queued in the outbox name their template and are
 * rendered when sent, so a message queued before a rename still finds it.
 */
export const RENAMED_TEMPLATES: Readonly<Record<string, string>> = {
  notice: 'text-reply',
  'onboarding-checklist': 'introductions-checklist',
  'onboarding-list': 'introductions-list',
  'onboarding-stalled': 'introductions-stalled',
  'year-confirm': 'year-plan-confirm',
  'year-plan': 'year-plan-editor',
  'year-published': 'year-plan-published',
  'year-reminder': 'year-plan-reminder',
  'year-report': 'year-plan-report',
  'year-settings': 'year-plan-settings',
  'cost-form': 'cost-sharing-form',
  'cost-key': 'cost-sharing-key',
  'cost-result': 'cost-sharing-result',
  'notice-announcement': 'termination-announcement',
  'notice-form': 'termination-form',
  'notice-preview': 'termination-preview',
  'notice-status': 'termination-status',
};

function loadTemplate(requested: string): ACData.Template {
  const name = RENAMED_TEMPLATES[requested] ?? requested;
  let template = templates.get(name);
  if (!template) {
    if (!/^[a-zA-Z0-9.-]+$/.test(name)) throw new Error(`bad card template name: ${name}`);
    template = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')) as object);
    templates.set(name, template);
  }
  return template;
}

/** The inputs a template declares: their ids, and whether some id is only known once data is bound (`${id}`). */
export interface TemplateInputs {
  ids: ReadonlySet<string>;
  anyId: boolean;
}

const templateInputs = new Map<string, TemplateInputs>();

/** The inputs of the template `cards/<name>.json`, read from the template itself (no data bound). */
export function inputsOfTemplate(requested: string): TemplateInputs {
  const name = RENAMED_TEMPLATES[requested] ?? requested;
  let found = templateInputs.get(name);
  if (!found) {
    if (!/^[a-zA-Z0-9.-]+$/.test(name)) throw new Error(`bad card template name: ${name}`);
    const ids = inputsOf(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')) as object).map((input) => String(input.id));
    found = { ids: new Set(ids.filter((id) => !id.includes('${'))), anyId: ids.some((id) => id.includes('${')) };
    templateInputs.set(name, found);
  }
  return found;
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
