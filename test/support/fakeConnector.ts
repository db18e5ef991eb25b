import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listenOnLoopback, readBody } from './loopback';
import { randomUUID } from 'node:crypto';

/** One call the bot made to the Bot Connector service. */
export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE' | 'GET';
  path: string;
  conversationId: string | null;
  /** For replies and updates: the activity id in the URL. */
  activityId: string | null;
  /** The activity (or conversation parameters) the bot sent. */
  body: Record<string, unknown>;
  status: number;
  at: number;
  /** The Authorization header the call carried, if any. */
  authorization: string | null;
}

/** A sliding-window limit: at most `max` calls per `windowMs`. */
interface Window {
  max: number;
  windowMs: number;
}

/** Teams' documented limits per bot per conversation, and per app per tenant. */
export const TEAMS_CONVERSATION_LIMITS: Window[] = [
  { max: 7, windowMs: 1_000 },
  { max: 8, windowMs: 2_000 },
  { max: 60, windowMs: 30_000 },
  { max: 1_800, windowMs: 3_600_000 },
];
export const TEAMS_APP_LIMIT: Window = { max: 50, windowMs: 1_000 };

export interface FakeConnectorOptions {
  /** Answer 429 with Retry-After when Teams' limits are exceeded. */
  enforceTeamsLimits?: boolean;
  /** Delay before each answer, in ms (to model network latency). */
  latencyMs?: number;
}

type Waiter = { predicate: () => boolean; resolve: () => void };

/**
 * A loopback stand-in for the Bot Connector service (the `serviceUrl` of activities): records what
 * the bot sends, and can answer 429 / 403 / 404 / 5xx, as Teams does, to test delivery.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly scripted = new Map<string, { status: number; retryAfterSec?: number; times: number }[]>();
  private readonly gone = new Map<string, number>();
  private readonly history = new Map<string, number[]>();
  private readonly appHistory: number[] = [];
  private readonly rosters = new Map<string, object[]>();
  throttled = 0;

  constructor(private readonly options: FakeConnectorOptions = {}) {}

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake connector not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    this.server = undefined;
  }

  /** The next `times` calls to a conversation answer `status` (e.g. 429 with Retry-After, 503). */
  failNext(conversationId: string, status: number, options: { times?: number; retryAfterSec?: number } = {}): void {
    const list = this.scripted.get(conversationId) ?? [];
    list.push({ status, times: options.times ?? 1, ...(options.retryAfterSec === undefined ? {} : { retryAfterSec: options.retryAfterSec }) });
    this.scripted.set(conversationId, list);
  }

  /** Every call to this conversation answers `status` (403: bot removed; 404: conversation gone). */
  setGone(conversationId: string, status: 403 | 404 = 403): void {
    this.gone.set(conversationId, status);
  }

  /** The members `GET /v3/conversations/:id/members` returns for a team or chat. */
  setRoster(conversationId: string, members: object[]): void {
    this.rosters.set(conversationId, members);
  }

  /** Activities successfully sent (new messages and replies) to one conversation, or to all. */
  sent(conversationId?: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.status < 300 && c.conversationId !== null)
      .filter((c) => conversationId === undefined || c.conversationId === conversationId)
      .map((c) => c.body);
  }

  /** Successful in-place updates (PUT) to one conversation, or to all. */
  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.method === 'PUT' && c.status < 300 && (conversationId === undefined || c.conversationId === conversationId),
    );
  }

  /** Resolves as soon as `predicate` holds (checked now and after every call); rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'connector condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${this.calls.length} calls so far)`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.scripted.clear();
    this.gone.clear();
    this.history.clear();
    this.appHistory.length = 0;
    this.throttled = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/v3\/conversations(?:\/([^/]+))?(?:\/(activities|members|pagedmembers))?(?:\/([^/]+))?\/?$/.exec(
      url.pathname,
    );
    const method = (req.method ?? 'GET') as ConnectorCall['method'];
    let body: Record<string, unknown> = {};
    try {
      body = raw.length > 0 ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = { unparsable: raw };
    }
    const conversationId = match?.[1] ? decodeURIComponent(match[1]) : null;
    const activityId = match?.[3] ? decodeURIComponent(match[3]) : null;
    const { status, payload, headers } = this.answer(method, match, conversationId, body);
    const authorization = req.headers.authorization ?? null;
    this.calls.push({ method, path: url.pathname, conversationId, activityId, body, status, at: Date.now(), authorization });
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(payload));
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private answer(
    method: string,
    match: RegExpExecArray | null,
    conversationId: string | null,
    body: Record<string, unknown>,
  ): { status: number; payload: unknown; headers?: Record<string, string> } {
    if (!match) return { status: 404, payload: { error: { code: 'NotFound', message: 'no such route' } } };
    if (method === 'POST' && !conversationId) {
      return { status: 201, payload: { id: `a:${randomUUID()}`, activityId: randomUUID() } };
    }
    if (!conversationId) return { status: 404, payload: {} };
    if (method === 'GET') {
      const members = this.rosters.get(conversationId) ?? [];
      return { status: 200, payload: match[2] === 'pagedmembers' ? { members } : members };
    }
    const goneStatus = this.gone.get(conversationId);
    if (goneStatus) return { status: goneStatus, payload: { error: { code: 'BotNotInConversationRoster' } } };
    const scripted = this.scripted.get(conversationId)?.[0];
    if (scripted) {
      scripted.times -= 1;
      if (scripted.times <= 0) this.scripted.get(conversationId)!.shift();
      if (scripted.status === 429) this.throttled += 1;
      return {
        status: scripted.status,
        payload: { error: { code: scripted.status === 429 ? 'Throttled' : 'ServiceError' } },
        ...(scripted.retryAfterSec === undefined ? {} : { headers: { 'retry-after': String(scripted.retryAfterSec) } }),
      };
    }
    if (this.options.enforceTeamsLimits && (method === 'POST' || method === 'PUT')) {
      const retryAfterMs = this.overLimit(conversationId);
      if (retryAfterMs > 0) {
        this.throttled += 1;
        return {
          status: 429,
          payload: { error: { code: 'Throttled' } },
          headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
        };
      }
    }
    void body;
    return { status: method === 'POST' ? 201 : 200, payload: { id: randomUUID() } };
  }

  /** Records the call against the limits; returns how long to wait when one is exceeded (0: allowed). */
  private overLimit(conversationId: string): number {
    const now = Date.now();
    const history = this.history.get(conversationId) ?? [];
    let wait = 0;
    for (const limit of TEAMS_CONVERSATION_LIMITS) wait = Math.max(wait, waitFor(history, limit, now));
    wait = Math.max(wait, waitFor(this.appHistory, TEAMS_APP_LIMIT, now));
    if (wait > 0) return wait;
    history.push(now);
    this.history.set(conversationId, history);
    this.appHistory.push(now);
    if (this.appHistory.length > 10 * TEAMS_APP_LIMIT.max) this.appHistory.splice(0, this.appHistory.length - TEAMS_APP_LIMIT.max);
    return 0;
  }
}

function waitFor(history: number[], limit: Window, now: number): number {
  let inWindow = 0;
  let oldest = now;
  for (let i = history.length - 1; i >= 0; i--) {
    const t = history[i]!;
    if (now - t >= limit.windowMs) break;
    inWindow += 1;
    oldest = t;
  }
  return inWindow >= limit.max ? oldest + limit.windowMs - now : 0;
}

