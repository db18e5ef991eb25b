/** `${{NAME}}` placeholders in the app package's templates. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Every variable a template names, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Thrown when templates name variables that have no value; lists them all at once. */
export class MissingVariablesError extends Error {
  constructor(public readonly missing: readonly string[]) {
    super(`missing variable${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`);
    this.name = 'MissingVariablesError';
  }
}

/**
 * Replaces the placeholders of a JSON template with the values, escaped for a JSON string.
 * Throws a `MissingVariablesError` naming every variable without a (non-empty) value.
 */
export function fillJsonTemplate(template: string, values: Record<string, string | undefined>): string {
  const missing = placeholdersIn(template).filter((name) => !values[name]);
  if (missing.length > 0) throw new MissingVariablesError(missing);
  return template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(values[name]).slice(1, -1));
}

/**
 * Reads a `.env`-style file: `NAME=value` lines, `#` comments, optional `export ` and quotes.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    let value = m[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '');
    out[m[1]!] = value;
  }
  return out;
}

/** What each variable must look like, checked before any file is written. */
const FORMATS: Record<string, { test: (v: string) => boolean; hint: string }> = {
  BOT_DOMAIN: {
    test: (v) => /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(v),
    hint: 'a host name without scheme or path, e.g. lvbot-prod-app.azurewebsites.net',
  },
  APP_VERSION: { test: (v) => /^\d+\.\d+\.\d+$/.test(v), hint: 'a version like 1.2.0 (raise it for every upload)' },
  TAB_CLIENT_ID: {
    test: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
    hint: "the tab's app registration client id, a GUID",
  },
};

/** Problems with the values of known variables, e.g. a domain given as a URL. */
export function variableProblems(values: Record<string, string | undefined>, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const format = FORMATS[name];
    const value = values[name];
    return format && value && !format.test(value) ? [`${name} must be ${format.hint} (got "${value}")`] : [];
  });
}
