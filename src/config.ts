import { readFileSync } from 'node:fs';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { z } from 'zod';

/** Settings read from the environment. This module is the only reader of `process.env`. */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A number setting: unset or empty gives the fallback; a value `valid` refuses stops the start with `message`. */
const numberSetting = <F extends number | undefined>(fallback: F, valid: (n: number) => boolean, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!valid(n)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return n;
    });

const port = (fallback?: number) => numberSetting(fallback, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'must be a whole number from 0 to 65535');

const count = (fallback: number) => numberSetting(fallback, (n) => Number.isFinite(n) && n >= 0, 'must be a number of 0 or more');

/** A number of days a kind of record is kept: a whole number from 1 to 3650. */
const days = (fallback: number) => numberSetting(fallback, (n) => Number.isInteger(n) && n >= 1 && n <= 3650, 'must be a whole number of days from 1 to 3650');

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

/** An https URL; plain http only to a loopback address (a local stand-in in tests). */
const secureUrl = z
  .string()
  .url({ message: 'must be a URL' })
  .refine(
    (v) => {
      if (!URL.canParse(v)) return true; // .url() has said so
      const url = new URL(v);
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, '')));
    },
    { message: 'must be an https URL (http only to a loopback address)' },
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
    LOG_FORMAT: z
      .enum(['json', 'pretty'], { errorMap: () => ({ message: 'must be json or pretty' }) })
      .optional(),
    PUBLIC_BASE_URL: optionalText.pipe(z.string().url({ message: 'must be a URL' }).optional()),
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.string().url({ message: 'must be a URL' }).optional()),
    BOT_TOKEN_ISSUER: optionalText,
    TAB_CLIENT_ID: optionalText.pipe(
      z
        .string()
        .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be the app registration\'s client id (a GUID)')
        .optional(),
    ),
    TAB_API_URI: optionalText.pipe(z.string().regex(/^api:\/\/\S+$/, 'must be the Application ID URI, api://<host>/<client id>').optional()),
    TAB_OPENID_METADATA_URL: optionalText.pipe(z.string().url({ message: 'must be a URL' }).optional()),
    INBOUND_USER_BURST: count(30),
    INBOUND_USER_RATE: count(5),
    BUSY_EVENT_LOOP_LAG_MS: count(250),
    BUSY_MAX_TURNS: count(100),
    RETENTION_INBOX_DAYS: days(7),
    RETENTION_DELIVERY_DAYS: days(365),
    RETENTION_JOB_DAYS: days(30),
    RETENTION_LINK_DAYS: days(30),
    CALENDAR_ORGANIZER: optionalText.pipe(z.string().email({ message: 'must be an e-mail address (the organizer mailbox)' }).optional()),
    GRAPH_TENANT_ID: optionalText,
    GRAPH_CLIENT_ID: optionalText,
    GRAPH_CLIENT_SECRET: optionalText,
    GRAPH_CLIENT_CERTIFICATE: optionalText,
    GRAPH_BASE_URL: optionalText.pipe(secureUrl.optional()),
    GRAPH_AUTHORITY_HOST: optionalText.pipe(secureUrl.optional()),
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
    calendarProblems(env, ctx);
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
  /** Unset: readable lines when standard output is a terminal, JSON otherwise (Azure, pipes). */
  logFormat: 'json' | 'pretty' | undefined;
  /** Base URL the bot's download links (.ics, CSV) are built on. */
  publicBaseUrl: string;
  /** Per-person limit on incoming activities, per instance (rate 0 turns it off). */
  inboundLimit: { burst: number; perSecond: number };
  /**
   * When new turns are answered "busy, try again in a moment" without any work done
   * (docs/security.md, "Overload"): while the event loop lags more than `lagMs`, or once `maxTurns`
   * turns are in flight on this instance; 0 turns either off.
   */
  busy: { lagMs: number; maxTurns: number };
  /** How long records are kept before the nightly sweep removes them (docs/security.md, "Data protection"). */
  retention: {
    /** Records of processed activities (and the answer given to a card action). */
    inboxDays: number;
    /** Delivery records of proactive messages and their batch pointers, once the batch has settled. */
    deliveryDays: number;
    /** Finished and failed scheduled jobs. */
    jobDays: number;
    /** Records of once-only download links (who made which export link, when it was used), after they expire. */
    linkDays: number;
  };
  /**
   * Teams single sign-on for the tab: the app registration whose API the tab's tokens are for.
   * Undefined while authentication is off (the tab then takes `?user=` on loopback), or when no
   * app registration is known (a managed-identity bot without TAB_CLIENT_ID): the tab then refuses
   * every request.
   */
  tab: { clientId: string; apiUri: string; openIdMetadataUrl: string } | undefined;
  /** Where meetings go into calendars: the form's link field and the .ics file, or Outlook through Microsoft Graph. */
  calendar: CalendarConfig;
}

/** Entra ID's discovery document for tokens of any tenant (the tenant is checked against the allow-list). */
export const ENTRA_OPENID_METADATA_URL = 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** How the bot signs in to Microsoft Graph: always as itself (app-only), never as a person. */
export type GraphCredential =
  | { kind: 'secret'; tenantId: string; clientId: string; secret: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; privateKeyPem: string; certificatePem: string }
  /** The app registration trusts the managed identity (a federated credential): no secret anywhere. */
  | { kind: 'federated'; tenantId: string; clientId: string; managedIdentityClientId: string | undefined }
  /** The managed identity itself holds the Graph permissions. */
  | { kind: 'managed-identity'; managedIdentityClientId: string | undefined };

export type CalendarConfig =
  | { kind: 'links' }
  | {
      kind: 'graph';
      /** The mailbox that organizes every meeting (a shared mailbox of Länsledning). */
      organizer: string;
      graphBaseUrl: string;
      authorityHost: string;
      credential: GraphCredential;
      /** Where Graph delivers change notifications: `${PUBLIC_BASE_URL}/api/graph/notifications`. */
      notificationUrl: string;
    };

/** The path Graph's change notifications are posted to. */
export const GRAPH_NOTIFICATION_PATH = '/api/graph/notifications';

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
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const tabClientId = (e.TAB_CLIENT_ID ?? (e.MICROSOFT_APP_TYPE === 'UserAssignedMSI' ? undefined : e.MICROSOFT_APP_ID))?.toLowerCase();
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
    logFormat: e.LOG_FORMAT,
    publicBaseUrl,
    inboundLimit: { burst: Math.max(1, e.INBOUND_USER_BURST), perSecond: e.INBOUND_USER_RATE },
    busy: { lagMs: e.BUSY_EVENT_LOOP_LAG_MS, maxTurns: Math.floor(e.BUSY_MAX_TURNS) },
    retention: { inboxDays: e.RETENTION_INBOX_DAYS, deliveryDays: e.RETENTION_DELIVERY_DAYS, jobDays: e.RETENTION_JOB_DAYS, linkDays: e.RETENTION_LINK_DAYS },
    tab:
      authEnabled && tabClientId
        ? {
            clientId: tabClientId,
            apiUri: e.TAB_API_URI ?? `api://${new URL(publicBaseUrl).host}/${tabClientId}`,
            openIdMetadataUrl: e.TAB_OPENID_METADATA_URL ?? ENTRA_OPENID_METADATA_URL,
          }
        : undefined,
    calendar: calendarConfig(e, publicBaseUrl),
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

type Env = z.infer<typeof schema>;
type CalendarEnv = Pick<
  Env,
  | 'CALENDAR_ORGANIZER'
  | 'GRAPH_TENANT_ID'
  | 'GRAPH_CLIENT_ID'
  | 'GRAPH_CLIENT_SECRET'
  | 'GRAPH_CLIENT_CERTIFICATE'
  | 'GRAPH_BASE_URL'
  | 'GRAPH_AUTHORITY_HOST'
  | 'MICROSOFT_APP_TENANT_ID'
  | 'AZURE_CLIENT_ID'
  | 'PUBLIC_BASE_URL'
>;

/** The Graph settings belong together: each problem names the variable to fix. */
function calendarProblems(env: CalendarEnv, ctx: z.RefinementCtx): void {
  const problem = (variable: keyof CalendarEnv, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [variable], message });
  const graphSettings = ['GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_CLIENT_CERTIFICATE'] as const;
  if (!env.CALENDAR_ORGANIZER) {
    for (const name of graphSettings) if (env[name]) problem('CALENDAR_ORGANIZER', `is required when ${name} is set (the mailbox that organizes the meetings)`);
    return;
  }
  if (env.GRAPH_CLIENT_SECRET && env.GRAPH_CLIENT_CERTIFICATE) problem('GRAPH_CLIENT_CERTIFICATE', 'cannot be set together with GRAPH_CLIENT_SECRET: choose one');
  if ((env.GRAPH_CLIENT_SECRET || env.GRAPH_CLIENT_CERTIFICATE) && !env.GRAPH_CLIENT_ID) {
    problem('GRAPH_CLIENT_ID', 'is required with GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE (the app registration they belong to)');
  }
  if (env.GRAPH_CLIENT_ID && !(env.GRAPH_TENANT_ID ?? env.MICROSOFT_APP_TENANT_ID)) {
    problem('GRAPH_TENANT_ID', 'is required when GRAPH_CLIENT_ID is set (the tenant of the organizer mailbox)');
  }
  if (env.GRAPH_CLIENT_CERTIFICATE) {
    const parsed = readCertificate(env.GRAPH_CLIENT_CERTIFICATE);
    if (typeof parsed === 'string') problem('GRAPH_CLIENT_CERTIFICATE', parsed);
  }
  const publicUrl = env.PUBLIC_BASE_URL ? new URL(env.PUBLIC_BASE_URL) : undefined;
  const graphIsLocal = env.GRAPH_BASE_URL !== undefined && new URL(env.GRAPH_BASE_URL).protocol === 'http:';
  if (!graphIsLocal && publicUrl?.protocol !== 'https:') {
    problem('PUBLIC_BASE_URL', 'must be the https address of the bot when CALENDAR_ORGANIZER is set (Graph sends change notifications to https only)');
  }
}

function calendarConfig(env: CalendarEnv, publicBaseUrl: string): CalendarConfig {
  if (!env.CALENDAR_ORGANIZER) return { kind: 'links' };
  const tenantId = env.GRAPH_TENANT_ID ?? env.MICROSOFT_APP_TENANT_ID ?? '';
  const clientId = env.GRAPH_CLIENT_ID;
  const certificate = env.GRAPH_CLIENT_CERTIFICATE ? readCertificate(env.GRAPH_CLIENT_CERTIFICATE) : undefined;
  const credential: GraphCredential = !clientId
    ? { kind: 'managed-identity', managedIdentityClientId: env.AZURE_CLIENT_ID }
    : env.GRAPH_CLIENT_SECRET
      ? { kind: 'secret', tenantId, clientId, secret: env.GRAPH_CLIENT_SECRET }
      : certificate && typeof certificate !== 'string'
        ? { kind: 'certificate', tenantId, clientId, ...certificate }
        : { kind: 'federated', tenantId, clientId, managedIdentityClientId: env.AZURE_CLIENT_ID };
  return {
    kind: 'graph',
    organizer: env.CALENDAR_ORGANIZER.toLowerCase(),
    graphBaseUrl: (env.GRAPH_BASE_URL ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, ''),
    authorityHost: (env.GRAPH_AUTHORITY_HOST ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, ''),
    credential,
    notificationUrl: `${publicBaseUrl}${GRAPH_NOTIFICATION_PATH}`,
  };
}

/**
 * A certificate credential: PEM text, or the path of a PEM file, holding the private key and the
 * certificate. Returns what is wrong with it as a sentence.
 */
function readCertificate(value: string): { privateKeyPem: string; certificatePem: string } | string {
  let pem = value.replace(/\\n/g, '\n');
  if (!pem.includes('-----BEGIN')) {
    try {
      pem = readFileSync(value, 'utf8');
    } catch {
      return 'must be PEM text or the path of a readable PEM file with the private key and the certificate';
    }
  }
  const keyBlock = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!keyBlock || !certificateBlock) return 'must hold both the private key and the certificate (PEM, the key not encrypted)';
  try {
    const key = createPrivateKey(keyBlock);
    const certificate = new X509Certificate(certificateBlock);
    if (key.asymmetricKeyType !== 'rsa') return 'must hold an RSA key (Entra ID signs client assertions with RSA)';
    if (!certificate.checkPrivateKey(key)) return 'holds a private key that does not belong to its certificate';
  } catch {
    return 'holds a key or certificate that cannot be read';
  }
  return { privateKeyPem: keyBlock, certificatePem: certificateBlock };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
