import restify from 'restify';
import type { Bot } from './bot/bot';
import type { DownloadHandler } from './kit/featureApp';
import type { LinkSigner } from './links';
import type { Logger } from './log';

export interface ServerDeps {
  bot: Bot;
  log: Logger;
  links: LinkSigner;
  downloads: ReadonlyMap<string, DownloadHandler>;
  /** Resolves when the store answers. */
  ready(): Promise<void>;
}

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

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    await Promise.resolve();
    res.json(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await withTimeout(deps.ready(), 3_000);
      res.json(200, { status: 'ready' });
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'not ready: the store does not answer');
      res.json(503, { status: 'unavailable' });
    }
  });

  server.get('/downloads/:token', async (req: restify.Request, res: restify.Response) => {
    const raw: unknown = (req.params as Record<string, unknown>).token;
    const token = typeof raw === 'string' ? raw : '';
    const link = token.length <= MAX_TOKEN_LENGTH ? deps.links.verify(token) : undefined;
    const handler = link ? deps.downloads.get(link.kind) : undefined;
    const file = link && handler ? await handler(link.params) : undefined;
    if (!file) {
      res.status(404);
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Länken har gått ut eller är felaktig. / The link has expired or is not valid.');
      return;
    }
    res.status(200);
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('cache-control', 'no-store');
    res.end(file.body);
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: { statusCode?: number }, next: () => void) => {
    deps.log.info({ path: req.path(), status: err.statusCode }, 'request refused');
    next();
  });

  return server;
}

/**
 * Activities are JSON, sent as they are. Anything else is refused before the body is read: a
 * multipart body would reach restify's file-upload parser (temporary files on disk, outside the
 * size limit) and a compressed one would be inflated past the limit, all before authentication.
 */
function jsonOnly(req: restify.Request, res: restify.Response, next: restify.Next): void {
  const encoding = req.header('content-encoding');
  if (req.getContentType() !== 'application/json' || (encoding !== undefined && encoding !== '' && encoding !== 'identity')) {
    res.status(415);
    res.json({ error: 'send the activity as application/json, uncompressed' });
    next(false);
    return;
  }
  next();
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
