import { readPng } from './png';

/** What an icon file must be. */
export interface IconSpec {
  /** File name, for messages. */
  name: string;
  width: number;
  height: number;
  /** Outline icons are white on a transparent background. */
  outline: boolean;
}

export const COLOR_ICON: Omit<IconSpec, 'name'> = { width: 192, height: 192, outline: false };
export const OUTLINE_ICON: Omit<IconSpec, 'name'> = { width: 32, height: 32, outline: true };

/** Below this alpha a pixel is an edge smoothing remnant and its colour does not matter. */
const FAINT = 16;
const WHITE = 240;

/** Problems with an icon: not a PNG, the wrong size, or (outline) not white on transparent. */
export function iconProblems(file: Buffer, spec: IconSpec): string[] {
  let png;
  try {
    png = readPng(file);
  } catch (err) {
    return [`${spec.name}: ${(err as Error).message}`];
  }
  if (png.width !== spec.width || png.height !== spec.height) {
    return [`${spec.name} is ${png.width}x${png.height}, must be ${spec.width}x${spec.height}`];
  }
  if (!spec.outline) return [];
  if (!png.image) return [`${spec.name}: save it as an 8-bit, non-interlaced PNG so its transparency can be checked`];
  const { pixels } = png.image;
  let transparent = 0;
  let visible = 0;
  let coloured = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const alpha = pixels[i + 3]!;
    if (alpha === 0) transparent++;
    else visible++;
    if (alpha >= FAINT && (pixels[i]! < WHITE || pixels[i + 1]! < WHITE || pixels[i + 2]! < WHITE)) coloured++;
  }
  const problems: string[] = [];
  if (transparent === 0) problems.push(`${spec.name} has no transparent pixels: the background must be transparent`);
  if (visible === 0) problems.push(`${spec.name} is fully transparent: draw the symbol in white`);
  if (coloured > 0) problems.push(`${spec.name} has ${coloured} pixels that are not white: the outline icon is white on transparent`);
  return problems;
}

/** A parsed JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value at a localization key such as `bots[0].commandLists[1].commands[0].title`. */
export function valueAtKey(document: unknown, key: string): unknown {
  let node: unknown = document;
  for (const segment of key.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
    if (!m) return undefined;
    node = isObject(node) ? node[m[1]!] : undefined;
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) {
      node = Array.isArray(node) ? (node as unknown[])[Number(index[1])] : undefined;
    }
  }
  return node;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A bot command as a person sees it in one language and scope list. */
export interface ManifestCommand {
  /** Where it sits, e.g. `bots[0].commandLists[1].commands[0]`. */
  key: string;
  scopes: string[];
  language: string;
  title: string;
  description: string;
}

interface BotShape {
  commandLists?: { scopes?: string[]; commands?: { title?: string; description?: string }[] }[];
}

/** The bot's commands in the default language and in each localization (falling back as Teams does). */
export function manifestCommands(manifest: Record<string, Json>, localizations: Record<string, Record<string, Json>>): ManifestCommand[] {
  const tag = valueAtKey(manifest, 'localizationInfo.defaultLanguageTag');
  const defaultLanguage = typeof tag === 'string' ? tag : 'en-us';
  const bots = (manifest.bots ?? []) as BotShape[];
  const out: ManifestCommand[] = [];
  bots.forEach((bot, b) =>
    (bot.commandLists ?? []).forEach((list, l) =>
      (list.commands ?? []).forEach((command, c) => {
        const key = `bots[${b}].commandLists[${l}].commands[${c}]`;
        const scopes = list.scopes ?? [];
        out.push({ key, scopes, language: defaultLanguage, title: command.title ?? '', description: command.description ?? '' });
        for (const [language, strings] of Object.entries(localizations)) {
          const title = strings[`${key}.title`];
          const description = strings[`${key}.description`];
          out.push({
            key,
            scopes,
            language,
            title: typeof title === 'string' ? title : (command.title ?? ''),
            description: typeof description === 'string' ? description : (command.description ?? ''),
          });
        }
      }),
    ),
  );
  return out;
}

/** Commands people can pick from the menu but the bot would not understand as typed. */
export function commandsWithoutHandler(commands: readonly ManifestCommand[], handles: (title: string) => boolean): string[] {
  return commands
    .filter((c) => !handles(c.title))
    .map((c) => `command "${c.title}" (${c.language}, ${c.scopes.join('/')}, ${c.key}) has no handler in the bot`);
}

/** Teams shows at most this much of a command in the menu. */
const COMMAND_TITLE_MAX = 32;
const COMMAND_DESCRIPTION_MAX = 128;

/** Problems Teams would show as truncated or odd menus: overlong titles, one scope listed twice. */
export function commandListProblems(commands: readonly ManifestCommand[]): string[] {
  const problems: string[] = [];
  for (const c of commands) {
    if (c.title.length > COMMAND_TITLE_MAX) problems.push(`command "${c.title}" (${c.language}) is longer than ${COMMAND_TITLE_MAX} characters`);
    if (c.description.length > COMMAND_DESCRIPTION_MAX) {
      problems.push(`description of "${c.title}" (${c.language}) is longer than ${COMMAND_DESCRIPTION_MAX} characters`);
    }
  }
  const lists = new Map<string, string>();
  for (const c of commands) {
    const list = c.key.replace(/\.commands\[\d+\]$/, '');
    for (const scope of c.scopes) {
      const seen = lists.get(scope);
      if (seen !== undefined && seen !== list) problems.push(`scope ${scope} has more than one command list (${seen}, ${list})`);
      lists.set(scope, list);
    }
  }
  return [...new Set(problems)];
}

/**
 * Problems with a localization file beyond its schema: keys that point at nothing in the manifest,
 * and bot commands left untranslated.
 */
export function localizationProblems(file: string, manifest: Record<string, Json>, strings: Record<string, Json>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(strings)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof valueAtKey(manifest, key) !== 'string') problems.push(`${file}: "${key}" names nothing in the manifest`);
  }
  for (const command of manifestCommands(manifest, {})) {
    for (const field of ['title', 'description']) {
      if (!(`${command.key}.${field}` in strings)) problems.push(`${file}: no translation of ${command.key}.${field} ("${command.title}")`);
    }
  }
  return problems;
}
