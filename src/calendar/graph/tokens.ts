import { ManagedIdentityCredential } from '@azure/identity';
import type { Clock } from '../../clock';
import type { GraphCredential } from '../../config';
import { CalendarError } from '../port';
import { certificateAssertion } from './clientAssertion';

/** App-only access tokens for Microsoft Graph. No person's token is ever asked for or kept. */
export interface AccessTokens {
  token(): Promise<string>;
  /** Forgets the cached token (after Graph refused it). */
  reset(): void;
}

/** A token is renewed this long before it expires. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** The audience a managed identity's token needs to stand in for an app registration's secret. */
const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

export interface TokenDeps {
  credential: GraphCredential;
  authorityHost: string;
  /** `https://graph.microsoft.com/.default`, or the fake's origin in tests. */
  scope: string;
  clock: Clock;
  fetch?: typeof fetch;
}

/**
 * Tokens from the client-credentials grant against `authorityHost` (a secret, a certificate, or
 * the managed identity as a federated credential), or from the managed identity directly. The
 * token request is written here rather than through MSAL, which refuses an http authority and so
 * cannot be pointed at a local stand-in; the managed identity's own token comes from
 * `@azure/identity`.
 */
export function createAccessTokens(deps: TokenDeps): AccessTokens {
  const { credential } = deps;
  const managedIdentity = () =>
    new ManagedIdentityCredential(credential.kind === 'managed-identity' || credential.kind === 'federated' ? { clientId: credential.managedIdentityClientId } : {});
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<{ token: string; expiresAt: number }> | undefined;

  async function fromManagedIdentity(scope: string): Promise<{ token: string; expiresAt: number }> {
    try {
      const got = await managedIdentity().getToken(scope);
      return { token: got.token, expiresAt: got.expiresOnTimestamp };
    } catch (err) {
      throw new CalendarError(`the managed identity gave no token: ${(err as Error).message}`, true);
    }
  }

  async function acquire(): Promise<{ token: string; expiresAt: number }> {
    switch (credential.kind) {
      case 'managed-identity':
        return fromManagedIdentity(deps.scope);
      case 'secret':
        return clientCredentials(deps, credential.tenantId, credential.clientId, { client_secret: credential.secret });
      case 'certificate': {
        const tokenUrl = tokenEndpoint(deps.authorityHost, credential.tenantId);
        const assertion = certificateAssertion({ ...credential, audience: tokenUrl, now: deps.clock.now() });
        return clientCredentials(deps, credential.tenantId, credential.clientId, assertionFields(assertion));
      }
      case 'federated': {
        const exchange = await fromManagedIdentity(TOKEN_EXCHANGE_SCOPE);
        return clientCredentials(deps, credential.tenantId, credential.clientId, assertionFields(exchange.token));
      }
    }
  }

  return {
    async token() {
      if (cached && cached.expiresAt - RENEW_BEFORE_MS > deps.clock.now().getTime()) return cached.token;
      pending ??= acquire().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached.token;
    },
    reset() {
      cached = undefined;
    },
  };
}

export function tokenEndpoint(authorityHost: string, tenantId: string): string {
  return `${authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

function assertionFields(assertion: string): Record<string, string> {
  return { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion };
}

/** One client-credentials request; Entra ID's refusals become a `CalendarError` a person can act on. */
async function clientCredentials(
  deps: TokenDeps,
  tenantId: string,
  clientId: string,
  proof: Record<string, string>,
): Promise<{ token: string; expiresAt: number }> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, scope: deps.scope, ...proof });
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(tokenEndpoint(deps.authorityHost, tenantId), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new CalendarError(`the token endpoint did not answer: ${(err as Error).message}`, true);
  }
  const payload = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
  if (!res.ok || typeof payload.access_token !== 'string') {
    const reason = typeof payload.error === 'string' ? payload.error : `HTTP ${res.status}`;
    const detail = typeof payload.error_description === 'string' ? `: ${payload.error_description.split(/\r?\n/)[0]}` : '';
    throw new CalendarError(`Entra ID gave no token (${reason})${detail}`, res.status === 429 || res.status >= 500, res.status, reason);
  }
  const seconds = Number(payload.expires_in);
  return { token: payload.access_token, expiresAt: deps.clock.now().getTime() + (Number.isFinite(seconds) ? seconds : 3_600) * 1_000 };
}
