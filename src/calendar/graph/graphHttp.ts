import type { Logger } from '../../log';
import type { RetryPolicy } from '../../delivery/retryPolicy';
import { decideRetry } from '../../delivery/retryPolicy';
import { CalendarError } from '../port';
import type { AccessTokens } from './tokens';

/** Graph answers worth trying again: throttled, unavailable, gateway trouble. */
const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * Tries within one call: a few, so a job is not held for long. A longer `Retry-After` than
 * `longestWaitMs` ends the call; the job that made it runs again later.
 */
export const GRAPH_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };
const LONGEST_WAIT_MS = 60_000;

export interface GraphHttpDeps {
  baseUrl: string;
  tokens: AccessTokens;
  log: Logger;
  retry?: RetryPolicy;
  /** Waits between attempts (tests record them). */
  wait?: (ms: number) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
}

export interface GraphResponse<T> {
  status: number;
  body: T | undefined;
}

export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: object;
  /** Statuses that are an answer, not a failure (404 for "already gone"). */
  accept?: readonly number[];
}

export interface GraphHttp {
  call<T>(request: GraphRequest): Promise<GraphResponse<T>>;
}

/**
 * Microsoft Graph over fetch with the app's token: 429 and 503 (and 502/504, and a dropped
 * connection) are tried again after the `Retry-After` Graph gives, or with the retry policy's
 * backoff; a refused token is renewed once.
 */
export function createGraphHttp(deps: GraphHttpDeps): GraphHttp {
  const policy = deps.retry ?? GRAPH_RETRY_POLICY;
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const doFetch = deps.fetch ?? fetch;

  async function once(request: GraphRequest): Promise<Response> {
    const url = new URL(`${deps.baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { authorization: `Bearer ${await deps.tokens.token()}`, accept: 'application/json' };
    if (request.body) headers['content-type'] = 'application/json';
    return doFetch(url, {
      method: request.method,
      headers,
      ...(request.body ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  }

  return {
    async call<T>(request: GraphRequest): Promise<GraphResponse<T>> {
      let renewedToken = false;
      for (let attempt = 1; ; attempt++) {
        let res: Response | undefined;
        let reason: string;
        try {
          res = await once(request);
        } catch (err) {
          if (err instanceof CalendarError) throw err;
          reason = `no answer from Graph: ${(err as Error).message}`;
        }
        if (res) {
          if (res.ok || request.accept?.includes(res.status)) return { status: res.status, body: await bodyOf<T>(res) };
          if (res.status === 401 && !renewedToken) {
            renewedToken = true;
            deps.tokens.reset();
            attempt -= 1;
            continue;
          }
          const failure = await graphError(res, request);
          if (!RETRYABLE.has(res.status)) throw failure;
          reason = failure.message;
        }
        const retryAfterMs = res ? retryAfter(res.headers.get('retry-after')) : null;
        const decision = decideRetry(attempt, retryAfterMs, reason!, policy, random);
        if (decision.kind === 'give-up' || decision.delayMs > LONGEST_WAIT_MS) {
          throw new CalendarError(decision.kind === 'give-up' ? decision.reason : `Graph asks to wait ${Math.round(decision.delayMs / 1000)} s: ${reason!}`, true, res?.status ?? null);
        }
        deps.log.warn({ method: request.method, status: res?.status ?? null, attempt, waitMs: decision.delayMs }, 'Graph call will be tried again');
        await wait(decision.delayMs);
      }
    },
  };
}

async function bodyOf<T>(res: Response): Promise<T | undefined> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

async function graphError(res: Response, request: GraphRequest): Promise<CalendarError> {
  const body = await bodyOf<{ error?: { code?: unknown; message?: unknown } }>(res);
  const code = typeof body?.error?.code === 'string' ? body.error.code : null;
  const message = typeof body?.error?.message === 'string' ? body.error.message.split(/\r?\n/)[0] : '';
  const transient = RETRYABLE.has(res.status);
  return new CalendarError(`Graph ${request.method} answered ${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`, transient, res.status, code);
}

/** `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
