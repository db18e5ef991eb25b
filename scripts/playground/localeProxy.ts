import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Playground always sends `locale: "en-US"`, whereas Teams sends the person's client language.
 * This loopback relay sits between the Playground and the bot and sets the locale a Swedish Teams
 * client would send, so the bot answers in Swedish as it would in Teams. Nothing else is changed.
 */
export interface LocaleProxy {
  /** The `/api/messages` endpoint to give the Playground. */
  endpoint: string;
  close(): Promise<void>;
}

/** Rewrites the client locale of one activity. */
export function withLocale(activity: unknown, locale: string): unknown {
  if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) return activity;
  const copy: Record<string, unknown> = { ...(activity as Record<string, unknown>), locale };
  if (Array.isArray(copy.entities)) {
    copy.entities = copy.entities.map((e: unknown) =>
      typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'clientInfo' ? { ...e, locale } : e,
    );
  }
  return copy;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the relay on a free loopback port, forwarding to `botEndpoint`. */
export async function startLocaleProxy(botEndpoint: string, locale: string): Promise<LocaleProxy> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const raw = await readBody(req);
        let body: string | Buffer = raw;
        if ((req.headers['content-type'] ?? '').includes('json') && raw.length > 0) {
          body = JSON.stringify(withLocale(JSON.parse(raw.toString('utf8')), locale));
        }
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'authorization']) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const answer = await fetch(new URL(req.url ?? '/', botEndpoint), { method: req.method ?? 'POST', headers, body: req.method === 'GET' ? undefined : body });
        const text = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
        res.end(text);
      } catch (err) {
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`relay to the bot failed: ${(err as Error).message}`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}${new URL(botEndpoint).pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
