import fc from 'fast-check';

/** One change to valid card data; `hostile` ones must always be refused. */
export type Mutation =
  | { kind: 'drop'; field: string }
  | { kind: 'wrongType'; field: string; value: unknown }
  | { kind: 'huge'; field: string }
  | { kind: 'control'; field: string; char: string }
  | { kind: 'protoKey'; key: string; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'foreignId'; field: string; value: string }
  | { kind: 'badDate'; field: string; value: string }
  | { kind: 'notAnObject'; value: unknown };

/** Mutations that no handler may carry out, whatever the schema says. */
export const SEMANTIC: ReadonlySet<Mutation['kind']> = new Set(['foreignId', 'badDate', 'huge', 'control', 'protoKey']);

const CONTROL = ['\u0000', '\u0007', '\u0008', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\ud800'];
const BAD_DATES = ['0000-01-01T00:00:00', '9999-12-31T23:59:59', '+275760-09-13T00:00:00.000Z', '2026-02-30T10:00', '2026-13-01', 'igår', '', '1970-01-01T00:00:00Z', '2026-03-06T25:61'];
const WRONG = [42, -1, 0, 1e308, true, false, null, [], {}, ['x'], { a: 1 }, '', ' ', 'x', '💥'];

/** Arbitrary data for a field of any type. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

export interface MutationSpace {
  fields: string[];
  idFields: string[];
  dateFields: string[];
  foreignIds: Record<string, string[]>;
}

/** One to three mutations of `space`'s fields. */
export function mutations(space: MutationSpace): fc.Arbitrary<Mutation[]> {
  const field = space.fields.length > 0 ? fc.constantFrom(...space.fields) : fc.constant('text');
  const options: fc.Arbitrary<Mutation>[] = [
    field.map((f) => ({ kind: 'drop' as const, field: f })),
    fc.record({ field, value: fc.oneof(fc.constantFrom(...WRONG), anyJson) }).map((r) => ({ kind: 'wrongType' as const, ...r })),
    field.map((f) => ({ kind: 'huge' as const, field: f })),
    fc.record({ field, char: fc.constantFrom(...CONTROL) }).map((r) => ({ kind: 'control' as const, ...r })),
    fc.record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype'), value: anyJson }).map((r) => ({ kind: 'protoKey' as const, ...r })),
    fc.record({ key: fc.string({ minLength: 1, maxLength: 20 }), value: anyJson }).map((r) => ({ kind: 'extra' as const, ...r })),
    fc.constantFrom<unknown>(null, 42, 'data', [], [{}], true).map((value) => ({ kind: 'notAnObject' as const, value })),
  ];
  const ids = space.idFields.flatMap((f) => [...(space.foreignIds[f] ?? []), 'does-not-exist', '../../etc/passwd', 'x'.repeat(300)].map((value) => ({ field: f, value })));
  if (ids.length > 0) options.push(fc.constantFrom(...ids).map((r) => ({ kind: 'foreignId' as const, ...r })));
  if (space.dateFields.length > 0) {
    options.push(fc.record({ field: fc.constantFrom(...space.dateFields), value: fc.constantFrom(...BAD_DATES) }).map((r) => ({ kind: 'badDate' as const, ...r })));
  }
  return fc.array(fc.oneof(...options), { minLength: 1, maxLength: 3 });
}

/** Applies mutations to a copy of `base`, as JSON would carry it (own `__proto__` keys included). */
export function applyMutations(base: Record<string, unknown>, list: Mutation[]): unknown {
  let out: unknown = structuredClone(base);
  for (const m of list) {
    if (m.kind === 'notAnObject') {
      out = m.value;
      continue;
    }
    if (typeof out !== 'object' || out === null || Array.isArray(out)) out = {};
    const obj = out as Record<string, unknown>;
    switch (m.kind) {
      case 'drop':
        delete obj[m.field];
        break;
      case 'wrongType':
      case 'foreignId':
      case 'badDate':
        obj[m.field] = m.value;
        break;
      case 'huge':
        obj[m.field] = 'x'.repeat(100 * 1024);
        break;
      case 'control': {
        const current = obj[m.field];
        obj[m.field] = `${typeof current === 'string' ? current : 'text'}${m.char}`;
        break;
      }
      case 'protoKey':
      case 'extra':
        Object.defineProperty(obj, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        break;
    }
  }
  return out;
}
