import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * @vercel/cosmosdb-server's account (databases, collections, documents, functions, all in memory)
 * and its request router, driven here instead of through its `createHttpServer`, so that the store
 * reaches the account directly: to load a snapshot, replay the journal and copy the state for the
 * next snapshot without going through HTTP. The request handling is the package's own
 * (`lib/index.js`, 1.0.x): the same routes, headers and error bodies.
 */

/** One stored resource (database, collection, document or function) as the server holds it. */
export type ServerResource = Record<string, unknown> & { id: string };

/** The parts of the server's `Items` the store uses (lib/account/items.js). */
export interface ServerItems<T = { read(): ServerResource }> {
  _data: Map<string, T>;
  create(data: Record<string, unknown>): ServerResource;
  upsert(data: Record<string, unknown>): ServerResource;
  delete(idOrRid: string, partition: unknown): void;
}

export interface ServerCollection {
  read(): ServerResource;
  documents: ServerItems & { _item(keyPath: string, id: string, partition: unknown): { read(): ServerResource | null | undefined } };
  userDefinedFunctions: ServerItems;
}

export interface ServerDatabase {
  read(): ServerResource;
  collections: ServerItems<ServerCollection>;
  collection(idOrRid: string): ServerCollection;
}

export interface ServerAccount {
  databases: ServerItems<ServerDatabase>;
  database(idOrRid: string): ServerDatabase;
}

type Handler = (account: ServerAccount, req: IncomingMessage, res: ServerResponse, params: unknown) => unknown;

/* eslint-disable @typescript-eslint/no-require-imports */
const AccountClass = (require('@vercel/cosmosdb-server/lib/account') as { default: new (host: string, port: number) => ServerAccount }).default;
const route = (require('@vercel/cosmosdb-server/lib/routes') as { default: (req: IncomingMessage) => [unknown, Handler] | undefined }).default;
/* eslint-enable @typescript-eslint/no-require-imports */

export function createAccount(port: number): ServerAccount {
  return new AccountClass('127.0.0.1', port);
}

/** Answers one request against `account`, as the package's own server does. */
export function answer(account: ServerAccount, req: IncomingMessage, res: ServerResponse): void {
  const found = route(req);
  void (async () => {
    let body: Record<string, unknown> | undefined;
    if (found) {
      const [params, handler] = found;
      try {
        body = (await handler(account, req, res, params)) as Record<string, unknown> | undefined;
      } catch (err) {
        body = { message: err instanceof Error ? err.message : String(err) };
        res.statusCode = 500;
      }
      if (res.statusCode > 399 && body && !body.message) body.message = '';
    } else {
      res.statusCode = 400;
      body = { message: 'no route' };
    }
    if (body && typeof body._etag === 'string') res.setHeader('etag', body._etag);
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-location', `https://${req.headers.host ?? ''}${req.url ?? ''}`);
    res.setHeader('connection', 'keep-alive');
    res.setHeader('x-ms-activity-id', randomUUID());
    res.setHeader('x-ms-request-charge', '1');
    if (req.headers['a-im'] && res.statusCode === 200) {
      if (req.headers['if-none-match']) res.statusCode = 304;
      res.setHeader('etag', '1');
    }
    res.end(JSON.stringify(body));
  })().catch(() => {
    if (!res.writableEnded) {
      res.statusCode = 500;
      res.end('');
    }
  });
}
