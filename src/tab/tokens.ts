import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** What the tab accepts as a Teams single sign-on token. */
export interface TabTokenSettings {
  /** The app registration's client id: the audience of v2.0 tokens. */
  clientId: string;
  /** The app's Application ID URI (`api://<host>/<client id>`): the audience of v1.0 tokens. */
  apiUri: string;
  /** Where the signing keys are announced (OpenID Connect discovery). */
  openIdMetadataUrl: string;
  /** Tenants whose people may sign in; an empty list lets nobody in. */
  allowedTenantIds: readonly string[];
}

/** The person a valid token names. */
export interface TokenIdentity {
  aadObjectId: string;
  tenantId: string;
}

export type TokenCheck = { ok: true; identity: TokenIdentity } | { ok: false; reason: string };

/** The delegated scope the app registration exposes and Teams asks for. */
export const TAB_SCOPE = 'access_as_user';

/** Entra ID's v1.0 token issuer; v2.0 issuers come from the discovery document's template. */
const V1_ISSUER = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;
const CLOCK_TOLERANCE_SEC = 300;
const KEYS_TTL_MS = 24 * 3_600_000;
/** An unknown key id fetches the keys again at most this often (a forged kid cannot make us hammer Entra). */
const REFRESH_AT_MOST_EVERY_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FetchJson = (url: string) => Promise<unknown>;

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.json();
}

interface KeySet {
  issuerTemplate: string;
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

/**
 * Validates the access token the tab gets from `authentication.getAuthToken()`: an RS256 signature
 * by one of the keys the discovery document points to, not expired, for this app (audience: its
 * `api://` URI or its client id), issued by Entra ID for a tenant on the allow-list (the issuer must
 * name the token's own tenant), with the `access_as_user` scope and the person's object id.
 */
export class TabTokenValidator {
  private keySet: KeySet | undefined;
  private loading: Promise<KeySet> | undefined;
  private lastRefresh = 0;

  constructor(
    private readonly settings: TabTokenSettings,
    private readonly now: () => number = Date.now,
    private readonly fetch: FetchJson = fetchJson,
  ) {}

  async validate(token: string): Promise<TokenCheck> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') return { ok: false, reason: 'not a JWT' };
    if (decoded.header.alg !== 'RS256') return { ok: false, reason: `algorithm ${decoded.header.alg} is not accepted` };
    const kid = decoded.header.kid;
    if (!kid) return { ok: false, reason: 'no key id' };
    let keys: KeySet;
    try {
      keys = await this.keysFor(kid);
    } catch (err) {
      return { ok: false, reason: `signing keys unavailable: ${(err as Error).message}` };
    }
    const key = keys.keys.get(kid);
    if (!key) return { ok: false, reason: 'signed with an unknown key' };
    let claims: jwt.JwtPayload;
    try {
      const verified = jwt.verify(token, key, {
        algorithms: ['RS256'],
        audience: [this.settings.apiUri, this.settings.clientId],
        clockTolerance: CLOCK_TOLERANCE_SEC,
        clockTimestamp: Math.floor(this.now() / 1000),
      });
      if (typeof verified === 'string') return { ok: false, reason: 'not a JWT' };
      claims = verified;
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
    if (typeof claims.exp !== 'number') return { ok: false, reason: 'no expiry' };
    const tenantId = typeof claims.tid === 'string' ? claims.tid : '';
    if (!GUID.test(tenantId)) return { ok: false, reason: 'no tenant' };
    const issuers = [keys.issuerTemplate.replace('{tenantid}', tenantId), V1_ISSUER(tenantId)];
    if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss)) return { ok: false, reason: 'issuer does not match the tenant' };
    if (!this.settings.allowedTenantIds.includes(tenantId)) return { ok: false, reason: 'tenant not allowed' };
    const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
    if (!scopes.includes(TAB_SCOPE)) return { ok: false, reason: `scope ${TAB_SCOPE} missing` };
    const oid = typeof claims.oid === 'string' ? claims.oid : '';
    if (!GUID.test(oid)) return { ok: false, reason: 'no object id' };
    return { ok: true, identity: { aadObjectId: oid, tenantId } };
  }

  private async keysFor(kid: string): Promise<KeySet> {
    const at = this.now();
    const current = this.keySet;
    if (current && at - current.fetchedAt < KEYS_TTL_MS && current.keys.has(kid)) return current;
    // An unknown key (Entra rolls its keys) or stale keys: fetch again, unless that was done lately.
    if (current && at - this.lastRefresh < REFRESH_AT_MOST_EVERY_MS) return current;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<KeySet> {
    this.lastRefresh = this.now();
    const metadata = (await this.fetch(this.settings.openIdMetadataUrl)) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof metadata.issuer !== 'string' || typeof metadata.jwks_uri !== 'string') throw new Error('the discovery document names no issuer or keys');
    const jwks = (await this.fetch(metadata.jwks_uri)) as { keys?: unknown };
    const keys = new Map<string, KeyObject>();
    for (const jwk of Array.isArray(jwks.keys) ? (jwks.keys as Record<string, unknown>[]) : []) {
      if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' }));
      } catch {
        // A key that is not a usable RSA key is left out; tokens signed with it are refused.
        continue;
      }
    }
    this.keySet = { issuerTemplate: metadata.issuer, keys, fetchedAt: this.now() };
    return this.keySet;
  }
}
