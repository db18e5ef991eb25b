import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listenOnLoopback, readBody } from './loopback';
import { constants, createPublicKey, randomUUID, verify, type KeyObject } from 'node:crypto';

/** One request the bot made to the fake Graph or its token endpoint. */
export interface GraphCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

interface FakeAttendee {
  type: string;
  emailAddress: { address: string; name: string };
  status: { response: string; time: string };
}

export interface FakeEvent {
  id: string;
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  location: { displayName: string };
  body: { contentType: string; content: string };
  attendees: FakeAttendee[];
  isOnlineMeeting: boolean;
  onlineMeeting: { joinUrl: string } | null;
  isCancelled: boolean;
  cancelComment: string | null;
  transactionId: string | null;
  singleValueExtendedProperties: { id: string; value: string }[];
  /** How many PATCHes changed it (Exchange sends an update each time). */
  updates: number;
}

interface FakeSubscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string;
  expirationDateTime: string;
}

const NO_TIME = '0001-01-01T00:00:00Z';

/**
 * A loopback stand-in for Microsoft Graph and the Entra ID token endpoint, as the fake Bot
 * Connector is for Teams: events in mailboxes (attendees, answers, Teams meetings, cancellation),
 * subscriptions with Graph's validation handshake, change and lifecycle notifications posted to
 * the bot, and throttling on demand. Graph's origin serves `/v1.0/...`; the token endpoint is
 * `/{tenant}/oauth2/v2.0/token` on the same server.
 */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  readonly events = new Map<string, FakeEvent>();
  readonly subscriptions = new Map<string, FakeSubscription>();
  /** Notifications posted to the bot, with the status it answered. */
  readonly delivered: { body: unknown; status: number }[] = [];
  private server: Server | undefined;
  private readonly throttles: { status: number; retryAfterSec: number | null; times: number; match: RegExp }[] = [];
  private readonly tokens = new Set<string>();
  private deliverOrigin: string | undefined;
  private certificateKey: KeyObject | undefined;
  private allowedMailbox: string | undefined;

  constructor(private readonly client: { tenantId: string; clientId: string; secret?: string } = { tenantId: 'tenant-1', clientId: 'graph-app', secret: 'graph-secret' }) {}

  get origin(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake Graph not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The settings that point the bot at this fake (client secret credentials). */
  env(organizer = 'lansledning@region.example'): Record<string, string> {
    return {
      CALENDAR_ORGANIZER: organizer,
      GRAPH_TENANT_ID: this.client.tenantId,
      GRAPH_CLIENT_ID: this.client.clientId,
      ...(this.client.secret ? { GRAPH_CLIENT_SECRET: this.client.secret } : {}),
      GRAPH_BASE_URL: `${this.origin}/v1.0`,
      GRAPH_AUTHORITY_HOST: this.origin,
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    this.server = undefined;
  }

  /**
   * Where notifications go: the bot's `PUBLIC_BASE_URL` is a public https name in production; in
   * tests the bot listens on a port chosen at start, so the fake delivers to this origin instead,
   * keeping the path (as the public name's reverse proxy would).
   */
  deliverTo(origin: string): void {
    this.deliverOrigin = origin.replace(/\/+$/, '');
  }

  /** Accept client assertions signed with this certificate's key instead of a secret. */
  trustCertificate(certificatePem: string): void {
    this.certificateKey = createPublicKey(certificatePem);
  }

  /** An application access policy: the app may reach this mailbox only (403 for any other). */
  restrictTo(mailbox: string): void {
    this.allowedMailbox = mailbox.toLowerCase();
  }

  /** The next `times` Graph calls whose path matches answer `status` (429 or 503) with Retry-After. */
  throttle(options: { status?: 429 | 503; retryAfterSec?: number | null; times?: number; path?: RegExp } = {}): void {
    this.throttles.push({ status: options.status ?? 429, retryAfterSec: options.retryAfterSec === undefined ? 1 : options.retryAfterSec, times: options.times ?? 1, match: options.path ?? /./ });
  }

  graphCalls(method?: string, path?: RegExp): GraphCall[] {
    return this.calls.filter((c) => c.path.startsWith('/v1.0') && (!method || c.method === method) && (!path || path.test(c.path)));
  }

  tokenRequests(): GraphCall[] {
    return this.calls.filter((c) => c.path.endsWith('/oauth2/v2.0/token'));
  }

  /** The only event there is (most tests make one meeting). */
  onlyEvent(): FakeEvent {
    const all = [...this.events.values()];
    if (all.length !== 1) throw new Error(`expected one event, found ${all.length}`);
    return all[0]!;
  }

  /**
   * An attendee answers in Outlook: Exchange records it on the organizer's event and Graph notifies
   * every subscription on the mailbox's events. Returns what the bot answered each notification.
   */
  async answer(eventId: string, email: string, response: 'accepted' | 'declined' | 'tentativelyAccepted', at: Date): Promise<number[]> {
    const event = this.requireEvent(eventId);
    const attendee = event.attendees.find((a) => a.emailAddress.address.toLowerCase() === email.toLowerCase());
    if (!attendee) throw new Error(`${email} is not an attendee`);
    attendee.status = { response, time: at.toISOString() };
    return this.notifyChange(eventId, 'updated');
  }

  /**
   * An attendee forwards the invitation: Exchange adds the new person to the organizer's event
   * (with a "meeting forward notification") and Graph notifies the change.
   */
  async forward(eventId: string, to: { email: string; name: string }): Promise<number[]> {
    const event = this.requireEvent(eventId);
    event.attendees.push({ type: 'required', emailAddress: { address: to.email, name: to.name }, status: { response: 'none', time: NO_TIME } });
    return this.notifyChange(eventId, 'updated');
  }

  /** A change notification for an event, as Graph sends it (no resource data). */
  async notifyChange(eventId: string, changeType: 'updated' | 'deleted'): Promise<number[]> {
    const out: number[] = [];
    for (const sub of this.subscriptions.values()) {
      out.push(
        await this.post(sub.notificationUrl, {
          value: [
            {
              subscriptionId: sub.id,
              subscriptionExpirationDateTime: sub.expirationDateTime,
              changeType,
              resource: `Users/${encodeURIComponent(this.mailboxOf(sub))}/Events/${eventId}`,
              resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/x/Events/${eventId}`, id: eventId },
              clientState: sub.clientState,
              tenantId: this.client.tenantId,
            },
          ],
        }),
      );
    }
    return out;
  }

  /** A lifecycle notification (`reauthorizationRequired`, `subscriptionRemoved`, `missed`) for a subscription. */
  async lifecycle(subscriptionId: string, lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed'): Promise<number> {
    const sub = this.subscriptions.get(subscriptionId);
    if (!sub) throw new Error(`no subscription ${subscriptionId}`);
    if (lifecycleEvent === 'subscriptionRemoved') this.subscriptions.delete(subscriptionId);
    return this.post(sub.lifecycleNotificationUrl ?? sub.notificationUrl, {
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          lifecycleEvent,
          resource: sub.resource,
          clientState: sub.clientState,
          tenantId: this.client.tenantId,
        },
      ],
    });
  }

  /** Posts any body to the bot's notification URL (a forged or malformed notification). */
  postRaw(url: string, body: unknown): Promise<number> {
    return this.post(url, body);
  }

  private mailboxOf(sub: FakeSubscription): string {
    return /^users\/([^/]+)\/events$/i.exec(sub.resource)?.[1] ?? 'unknown';
  }

  private requireEvent(eventId: string): FakeEvent {
    const event = this.events.get(eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    return event;
  }

  private target(url: string): string {
    if (!this.deliverOrigin) return url;
    const parsed = new URL(url);
    return `${this.deliverOrigin}${parsed.pathname}${parsed.search}`;
  }

  private async post(url: string, body: unknown): Promise<number> {
    const res = await fetch(this.target(url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.text();
    this.delivered.push({ body, status: res.status });
    return res.status;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      try {
        body = (req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')
          ? Object.fromEntries(new URLSearchParams(raw))
          : (JSON.parse(raw) as Record<string, unknown>);
      } catch {
        body = { unparsable: raw };
      }
    }
    const call: GraphCall = { method, path: url.pathname, query: url.searchParams, body, status: 0, at: Date.now() };
    this.calls.push(call);
    const answer = await this.answerFor(method, url, body, req.headers.authorization);
    call.status = answer.status;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.payload === undefined ? '' : JSON.stringify(answer.payload));
  }

  private async answerFor(
    method: string,
    url: URL,
    body: Record<string, unknown>,
    authorization: string | undefined,
  ): Promise<{ status: number; payload?: unknown; headers?: Record<string, string> }> {
    if (url.pathname === `/${this.client.tenantId}/oauth2/v2.0/token` && method === 'POST') return this.token(body, url);
    if (!url.pathname.startsWith('/v1.0/')) return error(404, 'NotFound', 'no such route');
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) return error(401, 'InvalidAuthenticationToken', 'Access token is empty or not valid.');
    const throttle = this.throttles.find((t) => t.match.test(`${method} ${url.pathname}`));
    if (throttle) {
      throttle.times -= 1;
      if (throttle.times <= 0) this.throttles.splice(this.throttles.indexOf(throttle), 1);
      return {
        ...error(throttle.status, throttle.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'Please retry later.'),
        ...(throttle.retryAfterSec === null ? {} : { headers: { 'retry-after': String(throttle.retryAfterSec) } }),
      };
    }
    const path = url.pathname.slice('/v1.0'.length);
    const events = /^\/users\/([^/]+)\/events(?:\/([^/]+))?(?:\/(cancel))?$/.exec(path);
    if (events && this.allowedMailbox && decodeURIComponent(events[1]!).toLowerCase() !== this.allowedMailbox) {
      return error(403, 'ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.');
    }
    if (events) return this.eventsRoute(method, decodeURIComponent(events[2] ?? ''), events[3], url, body);
    const subs = /^\/subscriptions(?:\/([^/]+))?(?:\/(reauthorize))?$/.exec(path);
    if (subs) return this.subscriptionsRoute(method, decodeURIComponent(subs[1] ?? ''), subs[2], body);
    return error(404, 'NotFound', 'no such route');
  }

  private token(body: Record<string, unknown>, url: URL): { status: number; payload: unknown } {
    if (body.grant_type !== 'client_credentials' || body.client_id !== this.client.clientId) return oauthError('unauthorized_client', 'unknown client');
    if (typeof body.scope !== 'string' || !body.scope.endsWith('/.default')) return oauthError('invalid_scope', 'scope must end with /.default');
    const bySecret = this.client.secret !== undefined && body.client_secret === this.client.secret;
    const byCertificate = typeof body.client_assertion === 'string' && this.assertionValid(body.client_assertion, `${this.origin}${url.pathname}`);
    if (!bySecret && !byCertificate) return oauthError('invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    const token = `fake-graph-token-${randomUUID()}`;
    this.tokens.add(token);
    return { status: 200, payload: { token_type: 'Bearer', expires_in: 3599, access_token: token } };
  }

  private assertionValid(assertion: string, audience: string): boolean {
    if (!this.certificateKey) return false;
    const [header, claims, signature] = assertion.split('.');
    if (!header || !claims || !signature) return false;
    const ok = verify('sha256', Buffer.from(`${header}.${claims}`), { key: this.certificateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Buffer.from(signature, 'base64url'));
    // The bot's clock may be a test's manual one: the lifetime is checked, not the wall clock.
    const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { aud?: string; iss?: string; nbf?: number; exp?: number };
    return ok && parsed.aud === audience && parsed.iss === this.client.clientId && (parsed.exp ?? 0) > (parsed.nbf ?? 0);
  }

  private eventsRoute(method: string, id: string, action: string | undefined, url: URL, body: Record<string, unknown>): { status: number; payload?: unknown } {
    if (!id && method === 'GET') {
      const wanted = /ep\/value eq '((?:[^']|'')*)'/.exec(url.searchParams.get('$filter') ?? '')?.[1]?.replace(/''/g, "'");
      const value = [...this.events.values()].filter((e) => wanted === undefined || e.singleValueExtendedProperties.some((p) => p.value === wanted));
      return { status: 200, payload: { value } };
    }
    if (!id && method === 'POST') {
      const transactionId = typeof body.transactionId === 'string' ? body.transactionId : null;
      const again = transactionId ? [...this.events.values()].find((e) => e.transactionId === transactionId) : undefined;
      if (again) return { status: 201, payload: again };
      const eventId = `AAMkAD${randomUUID().replace(/-/g, '')}=`;
      const online = body.isOnlineMeeting === true;
      const event: FakeEvent = {
        id: eventId,
        subject: textOf(body.subject),
        start: body.start as FakeEvent['start'],
        end: body.end as FakeEvent['end'],
        location: (body.location as FakeEvent['location'] | undefined) ?? { displayName: '' },
        body: body.body as FakeEvent['body'],
        attendees: attendeesOf(body.attendees, []),
        isOnlineMeeting: online,
        onlineMeeting: online ? { joinUrl: `https://teams.microsoft.example/l/meetup-join/${eventId.slice(6, 18)}` } : null,
        isCancelled: false,
        cancelComment: null,
        transactionId,
        singleValueExtendedProperties: (body.singleValueExtendedProperties as FakeEvent['singleValueExtendedProperties'] | undefined) ?? [],
        updates: 0,
      };
      this.events.set(eventId, event);
      return { status: 201, payload: event };
    }
    const event = this.events.get(id);
    if (!event) return error(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (method === 'GET') return { status: 200, payload: event };
    if (method === 'PATCH') {
      for (const key of ['subject', 'start', 'end', 'location', 'body'] as const) if (key in body) (event as unknown as Record<string, unknown>)[key] = body[key];
      if ('attendees' in body) event.attendees = attendeesOf(body.attendees, event.attendees);
      event.updates += 1;
      return { status: 200, payload: event };
    }
    if (method === 'POST' && action === 'cancel') {
      if (event.isCancelled) return error(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. The meeting is already cancelled.');
      event.isCancelled = true;
      event.cancelComment = typeof body.comment === 'string' ? body.comment : null;
      return { status: 202 };
    }
    return error(405, 'MethodNotAllowed', 'not supported');
  }

  private async subscriptionsRoute(method: string, id: string, action: string | undefined, body: Record<string, unknown>): Promise<{ status: number; payload?: unknown }> {
    if (!id && method === 'POST') {
      const notificationUrl = textOf(body.notificationUrl);
      const lifecycleUrl = typeof body.lifecycleNotificationUrl === 'string' ? body.lifecycleNotificationUrl : null;
      for (const target of new Set([notificationUrl, lifecycleUrl].filter((u): u is string => u !== null))) {
        if (!(await this.validates(target))) return error(400, 'InvalidRequest', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
      }
      const sub: FakeSubscription = {
        id: randomUUID(),
        resource: textOf(body.resource),
        changeType: textOf(body.changeType),
        notificationUrl,
        lifecycleNotificationUrl: lifecycleUrl,
        clientState: textOf(body.clientState),
        expirationDateTime: textOf(body.expirationDateTime),
      };
      this.subscriptions.set(sub.id, sub);
      return { status: 201, payload: sub };
    }
    const sub = this.subscriptions.get(id);
    if (!sub) return error(404, 'ResourceNotFound', 'The object was not found.');
    if (method === 'PATCH') {
      sub.expirationDateTime = textOf(body.expirationDateTime) || sub.expirationDateTime;
      return { status: 200, payload: sub };
    }
    if (method === 'POST' && action === 'reauthorize') return { status: 200 };
    if (method === 'DELETE') {
      this.subscriptions.delete(id);
      return { status: 204 };
    }
    return error(405, 'MethodNotAllowed', 'not supported');
  }

  /** Graph's handshake: a POST with `validationToken`, answered 200 text/plain with the token. */
  private async validates(url: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const res = await fetch(`${this.target(url)}?validationToken=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const text = await res.text();
    return res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/plain') && text === token;
  }
}

function attendeesOf(value: unknown, previous: readonly FakeAttendee[]): FakeAttendee[] {
  const list = Array.isArray(value) ? (value as { type?: string; emailAddress?: { address?: string; name?: string } }[]) : [];
  return list.map((a) => {
    const address = a.emailAddress?.address ?? '';
    const before = previous.find((p) => p.emailAddress.address.toLowerCase() === address.toLowerCase());
    return { type: a.type ?? 'required', emailAddress: { address, name: a.emailAddress?.name ?? address }, status: before?.status ?? { response: 'none', time: NO_TIME } };
  });
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function error(status: number, code: string, message: string): { status: number; payload: unknown } {
  return { status, payload: { error: { code, message } } };
}

function oauthError(code: string, description: string): { status: number; payload: unknown } {
  return { status: 401, payload: { error: code, error_description: description } };
}

