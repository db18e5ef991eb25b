import { z, type ZodTypeAny } from 'zod';

/**
 * The inputs of a verb's schema that take text as the card sends it, by path (`title`,
 * `materials[].title`): every string the schema would accept from a person, wherever it sits
 * (inside optionals, defaults, unions, transforms, pipelines, lists and nested objects). Closed
 * choices (enums, literals) are not text a person writes and are left out.
 */
export function stringInputs(schema: ZodTypeAny): string[] {
  const found = new Set<string>();
  walk(schema, '', found, new Set());
  return [...found].sort();
}

function walk(schema: ZodTypeAny, path: string, found: Set<string>, open: Set<ZodTypeAny>): void {
  // A schema may be used for several fields; only one that contains itself (lazy) is cut short.
  if (open.has(schema)) return;
  open.add(schema);
  visit(schema, path, found, open);
  open.delete(schema);
}

function visit(schema: ZodTypeAny, path: string, found: Set<string>, seen: Set<ZodTypeAny>): void {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (schema instanceof z.ZodString) found.add(path === '' ? '(value)' : path);
  else if (schema instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(schema.shape as Record<string, ZodTypeAny>)) walk(field, at(key), found, seen);
    const rest = schema._def.catchall as ZodTypeAny;
    if (!(rest instanceof z.ZodNever)) walk(rest, at('*'), found, seen);
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) walk(schema.unwrap() as ZodTypeAny, path, found, seen);
  else if (schema instanceof z.ZodDefault) walk(schema._def.innerType as ZodTypeAny, path, found, seen);
  else if (schema instanceof z.ZodCatch) walk(schema._def.innerType as ZodTypeAny, path, found, seen);
  else if (schema instanceof z.ZodReadonly) walk(schema._def.innerType as ZodTypeAny, path, found, seen);
  else if (schema instanceof z.ZodBranded) walk(schema.unwrap() as ZodTypeAny, path, found, seen);
  else if (schema instanceof z.ZodEffects) walk(schema.innerType() as ZodTypeAny, path, found, seen);
  // What the card sends is what the pipeline's first stage reads.
  else if (schema instanceof z.ZodPipeline) walk(schema._def.in as ZodTypeAny, path, found, seen);
  else if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    for (const option of schema.options as ZodTypeAny[]) walk(option, path, found, seen);
  } else if (schema instanceof z.ZodIntersection) {
    walk(schema._def.left as ZodTypeAny, path, found, seen);
    walk(schema._def.right as ZodTypeAny, path, found, seen);
  } else if (schema instanceof z.ZodArray) walk(schema.element as ZodTypeAny, `${path}[]`, found, seen);
  else if (schema instanceof z.ZodTuple) (schema.items as ZodTypeAny[]).forEach((item, i) => walk(item, `${path}[${i}]`, found, seen));
  else if (schema instanceof z.ZodRecord || schema instanceof z.ZodMap) walk(schema._def.valueType as ZodTypeAny, at('*'), found, seen);
  else if (schema instanceof z.ZodLazy) walk(schema.schema as ZodTypeAny, path, found, seen);
  else if (schema instanceof z.ZodAny || schema instanceof z.ZodUnknown) found.add(path === '' ? '(value)' : `${path}`);
}

/** Whether an object schema lets fields it does not name through to the handler (`.passthrough()`). */
export function passesUnknownFields(schema: ZodTypeAny): boolean {
  let s: ZodTypeAny = schema;
  while (!(s instanceof z.ZodObject)) {
    if (s instanceof z.ZodEffects) s = s.innerType() as ZodTypeAny;
    else if (s instanceof z.ZodPipeline) s = s._def.in as ZodTypeAny;
    else if (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s._def.innerType as ZodTypeAny;
    else return false;
  }
  return s._def.unknownKeys === 'passthrough';
}
