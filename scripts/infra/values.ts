/**
 * A value only Azure knows at deployment time (a resource's endpoint, `uniqueString(...)`, a
 * secure parameter), kept as readable text so two references to the same thing compare equal.
 */
export class Ref {
  constructor(readonly text: string) {}
}

/** What a Bicep expression evaluates to, offline. */
export type Value = string | number | boolean | null | Ref | Value[] | { [key: string]: Value };

export function isRef(v: unknown): v is Ref {
  return v instanceof Ref;
}

export function isObjectValue(v: Value | undefined): v is { [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Ref);
}

/** Text of a value as it would appear inside a string: concrete text as is, references in braces. */
export function render(v: Value): string {
  if (v instanceof Ref) return `{${v.text}}`;
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_, x: unknown) => (x instanceof Ref ? `{${x.text}}` : x));
}

/** A string when every part is known, otherwise a reference to the whole interpolation. */
export function joinParts(parts: Value[]): Value {
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  return new Ref(`'${parts.map(render).join('')}'`);
}

/** Deep equality over values, references compared by their text. */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a instanceof Ref || b instanceof Ref) return a instanceof Ref && b instanceof Ref && a.text === b.text;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isObjectValue(a) || isObjectValue(b)) {
    if (!isObjectValue(a) || !isObjectValue(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

/** The value at a dotted path (`properties.siteConfig.minTlsVersion`) of an object value. */
export function at(v: Value | undefined, path: string): Value | undefined {
  let node = v;
  for (const key of path.split('.')) node = isObjectValue(node) ? node[key] : undefined;
  return node;
}
