import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands between the bot and the fake Bot Connector. While holding, calls wait here without
 * reaching Teams; a call whose sender died meanwhile is dropped, as Teams never accepted it. So a
 * test can kill the bot while sends are in flight but not yet accepted, which is the crash the
 * outbox must recover from without a duplicate (a call Teams accepted but the bot had no time to
 * record is the residual risk docs/delivery.md describes, and no test can tell it from a loss).
 */
export class HoldingProxy {
  private server: Server | undefined;
  private holding = false;
  private readonly waiting = new Set<() => void>();
  private readonly dropWatchers = new Set<() => void>();
  held = 0;
  dropped = 0;

  constructor(private readonly target: string) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('proxy not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  hold(): void {
    this.holding = true;
  }

  /** Resolves once every call held so far has been dropped by its sender (which died). */
  allHeldDropped(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.dropped < this.held) return;
        this.dropWatchers.delete(check);
        resolve();
      };
      this.dropWatchers.add(check);
      check();
    });
  }

  release(): void {
    this.holding = false;
    for (const go of [...this.waiting]) go();
    this.waiting.clear();
  }

  async stop(): Promise<void> {
    this.release();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
    if (this.holding) {
      this.held += 1;
      const gone = await new Promise<boolean>((resolve) => {
        const go = () => resolve(false);
        this.waiting.add(go);
        res.once('close', () => {
          this.waiting.delete(go);
          resolve(true);
        });
      });
      if (gone) {
        this.dropped += 1;
        for (const check of [...this.dropWatchers]) check();
        return;
      }
    }
    const target = new URL(req.url ?? '/', this.target);
    const forward = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    forward.end(body);
  }
}
