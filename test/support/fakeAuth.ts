import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * A signing key and a loopback server that publishes it as JSON (an OpenID discovery document and
 * its keys), so tests mint tokens offline. Subclasses say what each path answers.
 */
abstract class FakeKeyServer {
  readonly kid = randomUUID();
  protected readonly privateKey: KeyObject;
  protected readonly publicJwk: Record<string, unknown>;
  private server: Server | undefined;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = publicKey.export({ format: 'jwk' });
  }

  /** The JSON a path answers, or undefined for 404. */
  protected abstract answer(path: string): object | undefined;

  protected get base(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake auth not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      const body = this.answer(req.url ?? '/');
      if (!body) res.statusCode = 404;
      res.end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Bot Framework's OpenID metadata and signing keys, served on loopback, so tests can mint tokens
 * the bot accepts (and forged ones it must refuse) without a network.
 */
export class FakeBotFrameworkAuth extends FakeKeyServer {
  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  protected answer(path: string): object | undefined {
    if (path.startsWith('/v1/.well-known/openidconfiguration')) {
      return { issuer: CHANNEL_ISSUER, jwks_uri: `${this.base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] };
    }
    if (path.startsWith('/v1/.well-known/keys')) return { keys: [{ ...this.publicJwk, kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] };
    return undefined;
  }

  /** A token as the Bot Connector service signs it; override claims to forge a bad one. */
  token(appId: string, serviceUrl: string, overrides: { claims?: Record<string, unknown>; key?: KeyObject; expiresInSec?: number } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: CHANNEL_ISSUER,
      aud: appId,
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + (overrides.expiresInSec ?? 3600),
      ...overrides.claims,
    };
    return jwt.sign(claims, overrides.key ?? this.privateKey, { algorithm: 'RS256', keyid: this.kid });
  }

  /** A key nobody trusts, to forge signatures with. */
  static strangerKey(): KeyObject {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}

/**
 * Entra ID's discovery document and signing keys, served on loopback, so tests can mint the tokens
 * Teams single sign-on gives the tab (and forged ones it must refuse) without a network.
 */
export class FakeEntraId extends FakeKeyServer {
  get metadataUrl(): string {
    return `${this.base}/common/v2.0/.well-known/openid-configuration`;
  }

  /** The v2.0 issuer Entra ID names for a tenant. */
  issuer(tenantId: string): string {
    return `${this.base}/${tenantId}/v2.0`;
  }

  protected answer(path: string): object | undefined {
    if (path.startsWith('/common/v2.0/.well-known/openid-configuration')) {
      return { issuer: `${this.base}/{tenantid}/v2.0`, jwks_uri: `${this.base}/common/discovery/v2.0/keys` };
    }
    if (path.startsWith('/common/discovery/v2.0/keys')) return { keys: [{ ...this.publicJwk, kid: this.kid, use: 'sig', kty: 'RSA' }] };
    return undefined;
  }

  /** An access token as Entra ID issues it to Teams for the tab; override claims to forge a bad one. */
  token(
    who: { aadObjectId: string; tenantId: string; audience: string },
    overrides: { claims?: Record<string, unknown>; key?: KeyObject; kid?: string; expiresInSec?: number } = {},
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: this.issuer(who.tenantId),
      aud: who.audience,
      tid: who.tenantId,
      oid: who.aadObjectId,
      scp: 'access_as_user',
      ver: '2.0',
      iat: now - 60,
      nbf: now - 60,
      exp: now + (overrides.expiresInSec ?? 3600),
      ...overrides.claims,
    };
    return jwt.sign(claims, overrides.key ?? this.privateKey, { algorithm: 'RS256', keyid: overrides.kid ?? this.kid });
  }
}
