import restify from 'restify';
import type { Bot } from './bot/bot';
import type { CalendarWatch } from './calendar/watch';
import { MAX_VALIDATION_TOKEN_LENGTH, parseNotifications } from './calendar/notifications';
import { GRAPH_NOTIFICATION_PATH } from './config';
import type { DownloadRoute } from './bot/registry';
import type { LinkSigner } from './links';
import { eventLoopLag } from './eventLoopLag';
import type { Logger } from './log';

export interface ServerDeps {
  bot: Bot;
  log: Logger;
  links: LinkSigner;
  downloads: ReadonlyMap<string, DownloadRoute>;
  /** Resolves when the store answers. */
  ready(): Promise<void>;
  /** With Outlook calendars: where Graph's change notifications go. */
  calendarWatch?: Pick<CalendarWatch, 'receive'> | undefined;
}

/** Graph posts up to a few hundred notifications at once, each well under a kilobyte. */
const MAX_NOTIFICATION_BYTES = 1024 * 1024;

/** Largest activity accepted on /api/messages; Teams' own message limit is about 28 KB. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** Longest signed download token accepted in a URL. */
const MAX_TOKEN_LENGTH = 4096;

/** The HTTP surface, without listening: /api/messages, /healthz, /readyz and signed downloads. */
export function makeServer(deps: ServerDeps): restify.Server {
  // Signed download tokens run to a few hundred characters; the router's default cap is 100.
  const server = restify.createServer({ name: 'lansledning-bot', handleUncaughtExceptions: false, maxParamLength: MAX_TOKEN_LENGTH });
  server.pre(restify.plugins.pre.dedupeSlashes());

  server.post(
    '/api/messages',
    jsonOnly,
    restify.plugins.bodyReader({ maxBodySize: MAX_ACTIVITY_BYTES }),
    restify.plugins.jsonBodyParser({ mapParams: false }),
    async (req: restify.Request, res: restify.Response) => {
      const answer = await deps.bot.handle(req.body, req.header('authorization'));
      res.status(answer.status);
      if (answer.body === undefined) res.end();
      else res.json(answer.body);
    },
  );

  const watch = deps.calendarWatch;
  if (watch) {
    server.post(
      GRAPH_NOTIFICATION_PATH,
      uncompressed,
      restify.plugins.queryParser({ mapParams: false }),
      restify.plugins.bodyReader({ maxBodySize: MAX_NOTIFICATION_BYTES }),
      async (req: restify.Request, res: restify.Response) => graphNotifications(req, res, watch, deps.log),
    );
  }

  // Alive, and how far behind the event loop runs (beyond BUSY_EVENT_LOOP_LAG_MS turns are refused as busy).
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    await Promise.resolve();
    res.json(200, { status: 'ok', eventLoopLagMs: Math.round(eventLoopLag().lagMs()) });
  });

  const storeAnswers = recentReadiness(() => withTimeout(deps.ready(), 3_000), READY_FRESH_MS);
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await storeAnswers();
      res.json(200, { status: 'ready' });
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'not ready: the store does not answer');
      res.json(503, { status: 'unavailable' });
    }
  });

  server.get('/downloads/:token', async (req: restify.Request, res: restify.Response) => {
    const raw: unknown = (req.params as Record<string, unknown>).token;
    const token = typeof raw === 'string' && raw.length <= MAX_TOKEN_LENGTH ? raw : '';
    const kind = peekKind(token);
    const route = kind === undefined ? undefined : deps.downloads.get(kind);
    const opened = route ? await deps.links.open(token, route.policy) : { refused: 'invalid' as const };
    // Every download is logged: which link (never the token), made for whom, from where, and how it went; never what it held.
    const log = (outcome: string, link?: { id?: string | undefined; madeFor?: string | null | undefined }) =>
      deps.log.info({ kind: route ? kind : undefined, link: link?.id, madeFor: link?.madeFor, client: req.socket?.remoteAddress, outcome }, 'download');
    const notFound = (outcome: string, link?: { id?: string | undefined; madeFor?: string | null | undefined }) => {
      log(outcome, link);
      res.status(404);
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(
        outcome === 'used'
          ? 'Länken har redan använts. Be om en ny. / The link has already been used. Ask for a new one.'
          : 'Länken har gått ut eller är felaktig. / The link has expired or is not valid.',
      );
    };
    if (!route || 'refused' in opened || opened.kind !== kind) {
      if ('refused' in opened) notFound(opened.refused, opened);
      else notFound('invalid');
      return;
    }
    const file = await route.handler(opened.params);
    if (!file) {
      notFound('gone', opened);
      return;
    }
    // A once-only link is spent before its file goes out; of two downloads at once, one gets it.
    if (!(await deps.links.spend(opened))) {
      notFound('used', opened);
      return;
    }
    log('served', opened);
    res.status(200);
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('cache-control', 'no-store');
    res.end(file.body);
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: { statusCode?: number }, next: () => void) => {
    // A download path holds its token, a bearer secret: never logged.
    deps.log.info({ path: req.path().replace(/^\/downloads\/.*/, '/downloads/…'), status: err.statusCode }, 'request refused');
    next();
  });

  return server;
}

/**
 * Graph's change notifications. A subscription starts with a validation request (a
 * `validationToken` in the query, answered within 10 seconds with the token as text/plain); after
 * that, notifications are checked against the subscription's secret and queued as jobs, and Graph
 * gets its 202 at once. A notification that does not check out changes nothing.
 */
async function graphNotifications(req: restify.Request, res: restify.Response, watch: Pick<CalendarWatch, 'receive'>, log: Logger): Promise<void> {
  const query = req.query as Record<string, unknown> | undefined;
  const token = query?.validationToken;
  if (token !== undefined) {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_VALIDATION_TOKEN_LENGTH) {
      res.status(400);
      res.end();
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(token);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(String(req.body ?? ''));
  } catch {
    body = undefined;
  }
  const notifications = parseNotifications(body);
  if (!notifications) {
    res.status(400);
    res.end();
    return;
  }
  const outcome = await watch.receive(notifications);
  log.debug(outcome, 'calendar notifications received');
  res.status(202);
  res.end();
}

/**
 * Activities are JSON, sent as they are. Anything else is refused before the body is read: a
 * multipart body would reach restify's file-upload parser (temporary files on disk, outside the
 * size limit) and a compressed one would be inflated past the limit, all before authentication.
 */
function jsonOnly(req: restify.Request, res: restify.Response, next: restify.Next): void {
  if (req.getContentType() !== 'application/json' || !isIdentityEncoded(req)) {
    res.status(415);
    res.json({ error: 'send the activity as application/json, uncompressed' });
    next(false);
    return;
  }
  next();
}

function isIdentityEncoded(req: restify.Request): boolean {
  const encoding = req.header('content-encoding');
  return encoding === undefined || encoding === '' || encoding === 'identity';
}

/** A compressed body would be inflated past the size limit before anything is checked. */
function uncompressed(req: restify.Request, res: restify.Response, next: restify.Next): void {
  if (!isIdentityEncoded(req)) {
    res.status(415);
    res.end();
    next(false);
    return;
  }
  next();
}

/** How long a store that answered counts as answering: probes within it need no round trip of their own. */
const READY_FRESH_MS = 2_000;

/**
 * A readiness check that asks the store at most once per `freshMs`: probes arriving meanwhile share
 * the ping in flight or the answer it gave. Under load a probe then waits for no store round trip
 * queued behind the turns, and a load balancer probing often adds no store work. A failed ping is
 * never remembered: the next probe asks again.
 */
export function recentReadiness(ping: () => Promise<void>, freshMs: number, now: () => number = Date.now): () => Promise<void> {
  let answeredAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  return () => {
    if (now() - answeredAt < freshMs) return Promise.resolve();
    inFlight ??= ping()
      .then(() => {
        answeredAt = now();
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The kind a download token names, read before its signature is checked only to find its policy. */
function peekKind(token: string): string | undefined {
  try {
    const body = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { k?: unknown };
    return typeof body.k === 'string' ? body.k : undefined;
  } catch {
    return undefined;
  }
}
