import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The Teams manifest schemas shipped in `@microsoft/app-manifest`, read from disk: no network. */
const SCHEMA_ROOT = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

export type SchemaKind = 'manifest' | 'localization';

const FILES: Record<SchemaKind, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

/** Validates manifests and localization files against the schema of a manifest version, offline. */
export interface SchemaValidator {
  /** Problems as `path: message` lines; empty when the document is valid. */
  validate(kind: SchemaKind, manifestVersion: string, document: unknown): string[];
}

/**
 * A validator over the offline schemas. The schemas are draft-04 and their patterns are not
 * valid as Unicode regular expressions, hence `ajv-draft-04` and `unicodeRegExp: false`.
 */
export function createSchemaValidator(): SchemaValidator {
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (kind: SchemaKind, version: string): ValidateFunction => {
    const key = `${kind}@${version}`;
    const known = compiled.get(key);
    if (known) return known;
    const file = join(SCHEMA_ROOT, `v${version}`, FILES[kind]);
    if (!/^\d+\.\d+$|^DevPreview$/.test(version) || !existsSync(file)) {
      throw new Error(`no offline ${kind} schema for manifest version "${version}" in @microsoft/app-manifest`);
    }
    const fn = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    compiled.set(key, fn);
    return fn;
  };
  return {
    validate(kind, manifestVersion, document) {
      const fn = validatorFor(kind, manifestVersion);
      return fn(document) ? [] : (fn.errors ?? []).map(describe);
    },
  };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : '';
  return `${where}: ${error.message ?? error.keyword}${extra}`;
}
