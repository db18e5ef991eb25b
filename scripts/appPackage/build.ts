import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { COLOR_ICON, OUTLINE_ICON, commandListProblems, type Json, iconProblems, localizationProblems, manifestCommands } from './checks';
import type { SchemaValidator } from './manifestSchema';
import { fillJsonTemplate, placeholdersIn, variableProblems, MissingVariablesError } from './variables';

type JsonObject = Record<string, Json>;

/** The app package, filled and checked, ready to zip. */
export interface AppPackage {
  manifest: JsonObject;
  /** Localization files by language tag. */
  localizations: Record<string, JsonObject>;
  /** Every file of the package by its name in the zip (all at the zip's root, as Teams wants). */
  files: Record<string, Uint8Array>;
}

/** Thrown when the filled package would be refused by Teams; lists every problem found. */
export class AppPackageError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`the app package has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

interface TemplateShape {
  manifestVersion?: string;
  icons?: { color?: string; outline?: string };
  localizationInfo?: { defaultLanguageFile?: string; additionalLanguages?: { languageTag?: string; file?: string }[] };
}

/**
 * Reads `manifest.json` and the files it names from `dir`, fills the `${{NAME}}` placeholders
 * from `values`, and checks the result: schema (offline), localization keys, icons, command lists.
 * Throws `MissingVariablesError` or `AppPackageError`; returns the files to zip.
 */
export function buildAppPackage(dir: string, values: Record<string, string | undefined>, schemas: SchemaValidator): AppPackage {
  const read = (name: string): Buffer => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new AppPackageError([`${name} is named in manifest.json but does not exist in ${dir}`]);
    return readFileSync(path);
  };
  const manifestTemplate = read('manifest.json').toString('utf8');
  const shape = JSON.parse(manifestTemplate) as TemplateShape;
  const languageFiles = (shape.localizationInfo?.additionalLanguages ?? []).map((l) => ({ tag: l.languageTag ?? '', file: l.file ?? '' }));
  const templates: Record<string, string> = { 'manifest.json': manifestTemplate };
  for (const { file } of languageFiles) templates[file] = read(file).toString('utf8');

  const names = [...new Set(Object.values(templates).flatMap(placeholdersIn))];
  const missing = names.filter((n) => !values[n]);
  if (missing.length > 0) throw new MissingVariablesError(missing);
  const badValues = variableProblems(values, names);
  if (badValues.length > 0) throw new AppPackageError(badValues);

  const filled = Object.fromEntries(Object.entries(templates).map(([name, text]) => [name, JSON.parse(fillJsonTemplate(text, values)) as JsonObject]));
  const manifest = filled['manifest.json']!;
  const version = typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : '';
  const problems = schemas.validate('manifest', version, manifest).map((p) => `manifest.json ${p}`);
  const localizations: Record<string, JsonObject> = {};
  for (const { tag, file } of languageFiles) {
    const strings = filled[file]!;
    localizations[tag] = strings;
    problems.push(...schemas.validate('localization', version, strings).map((p) => `${file} ${p}`));
    problems.push(...localizationProblems(file, manifest, strings));
  }
  problems.push(...commandListProblems(manifestCommands(manifest, localizations)));

  const files: Record<string, Uint8Array> = {};
  for (const [name, spec] of [
    [shape.icons?.color, COLOR_ICON],
    [shape.icons?.outline, OUTLINE_ICON],
  ] as const) {
    if (!name) continue;
    const bytes = read(name);
    problems.push(...iconProblems(bytes, { name, ...spec }));
    files[name] = bytes;
  }
  if (problems.length > 0) throw new AppPackageError(problems);

  for (const [name, json] of Object.entries(filled)) files[name] = Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
  return { manifest, localizations, files };
}

/** Fixed entry times, so the same inputs give the same zip. */
const ENTRY_TIME = new Date('2025-01-01T00:00:00Z');

/** The package as a zip archive with every file at its root. */
export function zipAppPackage(pkg: AppPackage): Uint8Array {
  const entries = Object.fromEntries(
    Object.entries(pkg.files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, data]) => [name, [data, { mtime: ENTRY_TIME }] as [Uint8Array, { mtime: Date }]]),
  );
  return zipSync(entries, { level: 9 });
}
