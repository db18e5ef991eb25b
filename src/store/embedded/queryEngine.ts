/**
 * The embedded server evaluates Cosmos SQL with @zeit/cosmosdb-query, which compiles a query to a
 * JavaScript function. Two things in it cost time that grows faster than the documents it reads:
 *
 * - the compiled function starts with `$c.reduce(($, c) => [...$, { c }], [])`, which copies the
 *   whole array once per document (quadratic: 12.5 million copies for the 5,000 delivery records
 *   of a large broadcast, on every page of every query);
 * - `exec` compiles that function again with `new Function` on every call.
 *
 * This rewrites the first into the linear `$c.filter(...).map(...)` (the same rows in the same
 * order) and keeps each query's compiled function. The evaluation itself, every operator, function
 * and ordering rule, is the engine's own.
 */

interface QueryInternals {
  _code: string | null;
  code: string;
  exec(collection: unknown[], options?: ExecOptions): unknown;
  compiled?: (...args: unknown[]) => unknown;
}

interface ExecOptions {
  parameters?: { name: string; value: unknown }[];
  udf?: unknown;
  maxItemCount?: number;
  continuation?: unknown;
  compositeIndexes?: unknown;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const createQuery = (require('@zeit/cosmosdb-query') as { default: (sql: string) => QueryInternals }).default;
const aggregateFunctions = require('@zeit/cosmosdb-query/lib/aggregate-functions') as unknown;
const builtinFunctions = require('@zeit/cosmosdb-query/lib/builtin-functions') as unknown;
const helpers = require('@zeit/cosmosdb-query/lib/helpers') as unknown;
/* eslint-enable @typescript-eslint/no-require-imports */

type Prototype = QueryInternals & { linearInput?: true };

const proto = Object.getPrototypeOf(createQuery('SELECT * FROM c')) as Prototype;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with `.call` on a query
const codeGetter = Object.getOwnPropertyDescriptor(proto, 'code')?.get as ((this: QueryInternals) => string) | undefined;

// `$c.reduce(($, c) => typeof c !== "undefined" ? [...$, { c: c }] : $, [])`, as the engine writes it.
const QUADRATIC_INPUT = /\$c\.reduce\(\(\$, (\w+)\) => typeof \1 !== "undefined" \? \[\.\.\.\$, \{\s*\1: \1\s*\}\] : \$, \[\]\)/;

/** The engine's code for `sql` with its input read in linear time. */
export function linearCode(code: string): string {
  return code.replace(QUADRATIC_INPUT, (_all, alias: string) => `$c.filter((${alias}) => typeof ${alias} !== "undefined").map((${alias}) => ({ ${alias}: ${alias} }))`);
}

/** The engine's own code for `sql`, unchanged (for tests that compare). */
export function engineCode(sql: string): string {
  if (!codeGetter) throw new Error('the query engine has no code getter');
  const query = createQuery(sql);
  return codeGetter.call(query);
}

/** Runs compiled query code the way the engine's executor does. */
export function runCode(code: string, collection: unknown[], options: ExecOptions = {}): unknown {
  return call(compile(code), collection, options);
}

/**
 * Applies both changes to every query the engine compiles in this process. False (and nothing
 * changed) when the installed engine is not shaped as expected: queries then run as before.
 */
export function linearQueryInput(): boolean {
  if (proto.linearInput) return true;
  if (!codeGetter || typeof proto.exec !== 'function') return false;
  if (!QUADRATIC_INPUT.test(engineCode('SELECT * FROM c WHERE c.pk = @pk'))) return false;
  Object.defineProperty(proto, 'code', {
    configurable: true,
    get(this: QueryInternals) {
      this._code ??= linearCode(codeGetter.call(this));
      return this._code;
    },
  });
  proto.exec = function exec(this: QueryInternals, collection, options = {}) {
    this.compiled ??= compile(this.code);
    return call(this.compiled, collection, options);
  };
  proto.linearInput = true;
  return true;
}

function compile(code: string): (...args: unknown[]) => unknown {
  // The engine's own way of turning its code into a function (lib/executor.js).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function(`"use strict";return (${code})`) as () => (...args: unknown[]) => unknown;
  return make();
}

function call(fn: (...args: unknown[]) => unknown, collection: unknown[], options: ExecOptions): unknown {
  const params: Record<string, unknown> = {};
  for (const { name, value } of options.parameters ?? []) params[name.slice(1)] = value;
  return fn(aggregateFunctions, builtinFunctions, collection, helpers, options.udf ?? {}, params, options.maxItemCount, options.continuation, options.compositeIndexes);
}
