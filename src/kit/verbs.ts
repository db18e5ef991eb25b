import type { ZodType, ZodTypeDef } from 'zod';
import type { VerbHandler } from './featureApp';
import type { FormDef } from './forms';

/**
 * One card action: the zod schema its data must pass, and the handler that gets the parsed data.
 * The data is parsed before the handler runs; a parse failure answers a clear card (or, for a
 * form, the form again with the problem beside its field) and the handler never runs.
 */
export interface VerbDef<I> {
  readonly input: ZodType<I, ZodTypeDef, unknown>;
  readonly handler: VerbHandler<I>;
  /** The form this verb submits: shown again in place, values kept, when a submit is refused. */
  readonly form?: FormDef;
  /**
   * The verb creates or sends something: a second press of the same form instance (or a retry)
   * returns the first result and changes nothing.
   */
  readonly once?: boolean;
}

/** What a verb says about itself beside its schema and handler. */
export interface VerbOptions {
  form?: FormDef;
  once?: boolean;
}

/** A feature's verbs: the verb string cards carry → its definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own input type
export type VerbMap = Readonly<Record<string, VerbDef<any>>>;

/** The verb strings of a map. */
export type VerbOf<M extends VerbMap> = Extract<keyof M, string>;

/**
 * A verb's definition, with the handler's data typed by the schema; a form's verb names its form
 * (and `once: true` when it creates or sends something).
 */
export function verb<I>(input: ZodType<I, ZodTypeDef, unknown>, handler: VerbHandler<I>, options: VerbOptions = {}): VerbDef<I> {
  return { input, handler, ...(options.form ? { form: options.form } : {}), ...(options.once ? { once: true } : {}) };
}

/**
 * A feature's verb map, declared in one place (as a tRPC router names its procedures):
 * `defineVerbs({ 'meeting.rsvp': verb(rsvpSchema, (turn, data) => rsvp(svc, turn, data)) })`.
 * The verb strings are the contract with the card templates: cards already posted carry them.
 */
export function defineVerbs<const M extends VerbMap>(map: M): M {
  return map;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The maps of several features as one; a verb declared twice stops the start, naming it. */
export function mergeVerbMaps<const T extends readonly VerbMap[]>(...maps: T): UnionToIntersection<T[number]> {
  const merged: Record<string, VerbDef<unknown>> = {};
  for (const map of maps) {
    for (const [name, def] of Object.entries(map)) {
      if (name in merged) throw new Error(`verb ${name} is declared twice`);
      merged[name] = def as VerbDef<unknown>;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}
