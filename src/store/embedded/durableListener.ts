import { IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { buffer } from 'node:stream/consumers';
import type { Logger } from '../../log';
import { type HeldResponse, holdResponse } from './heldResponse';
import { INTERNAL_HEADER } from './internalClient';
import type { Journal } from './journal';
import { journalOps } from './journalOps';
import { inRequestPartition } from './partitionScope';
import { ReadWriteLock, type Release } from './readWriteLock';
import { isWrite, type RequestRoute, routeOf } from './requestRoute';
import { authorizationProblem } from './storeKey';

/**
 * Wraps the server's request listener so that no response reaches a client before what it shows
 * is on disk. Each request body is read in full first. Writes then run one at a time (reads run
 * together between them), so the journal records writes in the order the server applied them; a
 * successful write is appended to the journal, and every response, read or write, is held until
 * the journal is durable up to the last write the server had applied when it answered.
 *
 * Every other request must be signed with the store's key (master-key authorization, as Azure
 * Cosmos DB checks it); an unsigned one, or one with a wrong signature, gets 401 and does nothing.
 * Until `serve()` only the embedded store's own requests (replay) are let through.
 */
export class DurableListener {
  private journal: Journal | undefined;
  private closed = false;
  private broken: Error | undefined;
  private readonly lock = new ReadWriteLock();

  constructor(
    private readonly inner: RequestListener,
    readonly internalToken: string,
    private readonly key: Buffer,
    private readonly log: Logger,
  ) {}

  /** Requests refused for a missing or wrong signature. */
  refusedUnsigned = 0;

  readonly listener: RequestListener = (req, res) => {
    this.handle(req, res).catch((err: unknown) => {
      this.log.error({ err }, 'embedded Cosmos DB request failed');
      if (!res.headersSent) reply(res, 500, 'InternalServerError', 'the embedded store failed to answer');
    });
  };

  /** From now on every write is journaled. */
  serve(journal: Journal): void {
    this.journal = journal;
  }

  /** Waits for writes in progress and holds new ones back until the returned release is called. */
  pauseWrites(): Promise<Release> {
    return this.lock.acquireExclusive();
  }

  /** Answers 503 to everything from now on. Call while writes are paused. */
  close(): void {
    this.closed = true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await buffer(req);
    const route = routeOf(req.method, req.url, req.headers);
    if (route.kind === 'malformed') return reply(res, 400, 'BadRequest', 'the path cannot be decoded');
    if (!this.journal && req.headers[INTERNAL_HEADER] === this.internalToken) {
      // Replays of container changes at start: before anyone else is served.
      return (await this.dispatch(req, body, res)).release();
    }
    const unsigned = authorizationProblem(this.key, req.method, req.url, req.headers);
    if (unsigned) {
      this.refusedUnsigned += 1;
      return reply(res, 401, 'Unauthorized', `the embedded store refused the request: ${unsigned}`);
    }
    const journal = this.journal;
    if (!journal) return reply(res, 503, 'ServiceUnavailable', 'the embedded store is starting');

    const write = isWrite(route);
    const release = await (write ? this.lock.acquireExclusive() : this.lock.acquireShared());
    let held: HeldResponse;
    let seq: number | undefined;
    try {
      const refusal = this.refusal(journal);
      if (refusal) return reply(res, 503, 'ServiceUnavailable', refusal);
      held = await this.dispatch(req, body, res);
      seq = write && isSuccess(held.statusCode) ? this.record(journal, route, req, body, held) : journal.lastSeq;
    } finally {
      release();
    }
    if (seq === undefined) {
      return held.replaceWith(500, { code: 'InternalServerError', message: 'the write could not be journaled' });
    }
    try {
      await journal.whenDurable(seq);
    } catch (err) {
      this.fail(err);
      return held.replaceWith(503, { code: 'ServiceUnavailable', message: 'the write could not be made durable' });
    }
    held.release();
  }

  private refusal(journal: Journal): string | undefined {
    if (this.closed) return 'the embedded store is closed';
    const failure = this.broken ?? journal.failed;
    return failure ? `the embedded store stopped after a failure (${failure.message}); restart it` : undefined;
  }

  // Appends the write's effects; returns the sequence number to wait for, undefined on failure.
  private record(
    journal: Journal,
    route: RequestRoute,
    req: IncomingMessage,
    body: Buffer,
    held: HeldResponse,
  ): number | undefined {
    try {
      const request = { method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body };
      const ops = journalOps(route, request, held.body);
      return ops.length > 0 ? journal.append(ops) : journal.lastSeq;
    } catch (err) {
      // The server has applied a write the journal cannot hold: memory and disk now differ.
      this.fail(err);
      return undefined;
    }
  }

  private dispatch(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<HeldResponse> {
    const held = holdResponse(res);
    try {
      inRequestPartition(req.headers, () => this.inner(replayable(req, body), res));
    } catch (err) {
      this.log.error({ err }, 'the embedded Cosmos DB server threw');
      reply(res, 500, 'InternalServerError', 'the embedded store failed to answer');
    }
    return held;
  }

  private fail(err: unknown): void {
    if (this.broken) return;
    this.broken = err instanceof Error ? err : new Error(String(err));
    this.log.fatal({ err }, 'the embedded store cannot make writes durable; every request fails until a restart');
  }
}

// A fresh request carrying the already-read body, for the server's own body reader.
function replayable(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(new Socket());
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.httpVersion = req.httpVersion;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

function reply(res: ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ code, message }));
}
