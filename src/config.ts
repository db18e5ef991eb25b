import { z } from 'zod';

/** Settings read from the environment. This module is the only reader of `process.env`. */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = (fallback?: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a whole number from 0 to 65535' });
        return z.NEVER;
      }
      return n;
    });

const count = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a number of 0 or more' });
        return z.NEVER;
      }
      return n;
    });

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

const schema = z
  .object({
    PORT: port(3978),
    HOST: optionalText,
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        errorMap: () => ({ message: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }),
      })
      .optional(),
    COSMOS_ENDPOINT: optionalText.pipe(z.string().url({ message: 'must be a URL' }).optional()),
    COSMOS_KEY: optionalText,
    AZURE_CLIENT_ID: optionalText,
    COSMOS_DATABASE: optionalText.transform((v) => v ?? 'lansledning').pipe(
      z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'must be letters, digits, - or _'),
    ),
    DATA_DIR: optionalText.transform((v) => v ?? '.data'),
    EMBEDDED_COSMOS_PORT: port(),
    DIRECTORY_FILE: optionalText,
    DEFAULT_LOCALE: z
      .enum(['sv', 'en'], { errorMap: () => ({ message: 'must be sv or en' }) })
      .optional()
      .transform((v) => v ?? 'sv'),
    ALLOWED_TENANT_IDS: csv,
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        errorMap: () => ({ message: 'must be one of fatal, error, warn, info, debug, trace, silent' }),
      })
      .optional()
      .transform((v) => v ?? 'info'),
    PUBLIC_BASE_URL: optionalText.pipe(z.string().url({ message: 'must be a URL' }).optional()),
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.string().url({ message: 'must be a URL' }).optional()),
    BOT_TOKEN_ISSUER: optionalText,
    INBOUND_USER_BURST: count(30),
    INBOUND_USER_RATE: count(5),
  })
  .superRefine((env, ctx) => {
    if (env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_PASSWORD && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_PASSWORD'],
        message: 'is required when MICROSOFT_APP_ID is set (unless MICROSOFT_APP_TYPE is UserAssignedMSI)',
      });
    }
    if (env.MICROSOFT_APP_TYPE === 'SingleTenant' && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_TENANT_ID'],
        message: 'is required when MICROSOFT_APP_TYPE is SingleTenant',
      });
    }
    if (env.MICROSOFT_APP_ID && !isHttpsUrl(env.PUBLIC_BASE_URL)) {
      // Download links are bearer links: a deployed bot must hand out links that reach it, over TLS.
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PUBLIC_BASE_URL'],
        message: 'must be an https URL (the address people reach the bot at) when MICROSOFT_APP_ID is set',
      });
    }
    if (env.COSMOS_KEY && !env.COSMOS_ENDPOINT) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['COSMOS_ENDPOINT'],
        message: 'is required when COSMOS_KEY is set',
      });
    }
  });

/** The environment variables the service reads; deployment templates are checked against them. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.innerType().shape);

export type Locale = 'sv' | 'en';

export interface Config {
  port: number;
  /** Address to bind; without an app id the server is local and binds to loopback only. */
  host: string;
  auth:
    | { enabled: false }
    | {
        enabled: true;
        appId: string;
        appPassword: string | undefined;
        appTenantId: string | undefined;
        appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
        openIdMetadataUrl: string | undefined;
        tokenIssuer: string | undefined;
      };
  /** Tenants whose activities are accepted; empty accepts any (local development only). */
  allowedTenantIds: string[];
  cosmos:
    | { kind: 'embedded'; database: string; dataDir: string; port: number | undefined }
    | {
        kind: 'remote';
        endpoint: string;
        key: string | undefined;
        database: string;
        /** Client id of the user-assigned managed identity used when there is no key. */
        managedIdentityClientId?: string | undefined;
      };
  directoryFile: string | undefined;
  defaultLocale: Locale;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Base URL the bot's download links (.ics, CSV) are built on. */
  publicBaseUrl: string;
  /** Per-person limit on incoming activities, per instance (rate 0 turns it off). */
  inboundLimit: { burst: number; perSecond: number };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws a `ConfigError` naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`));
  }
  const e = parsed.data;
  const authEnabled = e.MICROSOFT_APP_ID !== undefined;
  const host = e.HOST ?? (authEnabled ? '0.0.0.0' : '127.0.0.1');
  if (!authEnabled && !isLoopback(host)) {
    throw new ConfigError([`HOST must be a loopback address while MICROSOFT_APP_ID is unset (got ${host})`]);
  }
  const port = e.PORT ?? 3978;
  const appTenantId = e.MICROSOFT_APP_TENANT_ID;
  return {
    port,
    host,
    auth: authEnabled
      ? {
          enabled: true,
          appId: e.MICROSOFT_APP_ID!,
          appPassword: e.MICROSOFT_APP_PASSWORD,
          appTenantId,
          appType: e.MICROSOFT_APP_TYPE ?? 'MultiTenant',
          openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
          tokenIssuer: e.BOT_TOKEN_ISSUER,
        }
      : { enabled: false },
    allowedTenantIds: e.ALLOWED_TENANT_IDS.length > 0 ? e.ALLOWED_TENANT_IDS : appTenantId ? [appTenantId] : [],
    cosmos: e.COSMOS_ENDPOINT
      ? {
          kind: 'remote',
          endpoint: e.COSMOS_ENDPOINT,
          key: e.COSMOS_KEY,
          database: e.COSMOS_DATABASE,
          managedIdentityClientId: e.AZURE_CLIENT_ID,
        }
      : { kind: 'embedded', database: e.COSMOS_DATABASE, dataDir: e.DATA_DIR, port: e.EMBEDDED_COSMOS_PORT },
    directoryFile: e.DIRECTORY_FILE,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    inboundLimit: { burst: Math.max(1, e.INBOUND_USER_BURST), perSecond: e.INBOUND_USER_RATE },
  };
}

function isHttpsUrl(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
