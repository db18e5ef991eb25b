/**
 * Checks that card data and chat text are plain, printable, reasonably sized values before any
 * schema or handler sees them. Feature schemas decide what a verb accepts; this decides what no
 * verb ever accepts: prototype keys, control and direction-override characters, broken Unicode,
 * deep nesting and huge strings.
 */

/** Longest single string accepted anywhere in card data or chat text: the longest any verb takes (a broadcast's text); features set their own, lower limits. */
export const MAX_STRING_CHARS = 100_000;
const MAX_DEPTH = 8;
const MAX_ENTRIES = 500;

export type RefusalReason = 'forbiddenKey' | 'controlCharacter' | 'brokenText' | 'tooLong' | 'tooDeep' | 'tooMany';

export type Inspection = { ok: true } | { ok: false; reason: RefusalReason; path: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// C0 controls except tab, line feed and carriage return; DEL and C1 controls; and the
// bidirectional overrides and isolates that make text read differently from what it holds.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

// Half of a surrogate pair without the other half: not text, and not storable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Field names shown back to the person are only ever the card's own identifiers, never echoed input.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Refuses a string that no field of the bot stores: unprintable, not well-formed UTF-16, or too long. */
export function inspectText(text: string, path = 'text'): Inspection {
  if (text.length > MAX_STRING_CHARS) return { ok: false, reason: 'tooLong', path };
  if (UNPRINTABLE.test(text)) return { ok: false, reason: 'controlCharacter', path };
  if (LONE_SURROGATE.test(text)) return { ok: false, reason: 'brokenText', path };
  return { ok: true };
}

/** Walks card data (parsed JSON) and returns the first thing no verb accepts, with where it was. */
export function inspectPayload(value: unknown): Inspection {
  return walk(value, 'data', 0);
}

function walk(value: unknown, path: string, depth: number): Inspection {
  if (typeof value === 'string') return inspectText(value, path);
  if (value === null || typeof value !== 'object') return { ok: true };
  if (depth >= MAX_DEPTH) return { ok: false, reason: 'tooDeep', path };
  if (Array.isArray(value)) {
    if (value.length > MAX_ENTRIES) return { ok: false, reason: 'tooMany', path };
    for (const [index, item] of value.entries()) {
      const found = walk(item, `${path}[${index}]`, depth + 1);
      if (!found.ok) return found;
    }
    return { ok: true };
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_ENTRIES) return { ok: false, reason: 'tooMany', path };
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) return { ok: false, reason: 'forbiddenKey', path: `${path}.${key}` };
    const at = IDENTIFIER.test(key) ? `${path}.${key}` : `${path}.?`;
    const keyCheck = inspectText(key, at);
    if (!keyCheck.ok) return keyCheck;
    const found = walk((value as Record<string, unknown>)[key], at, depth + 1);
    if (!found.ok) return found;
  }
  return { ok: true };
}
