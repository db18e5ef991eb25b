import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from '../../../src/paths';

/** A port nobody listens on right now, for a process told to listen there. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The service as `npm start` runs it (`node --require tsx/cjs src/main.ts`), in its own process. */
export class BotProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  readonly output: string[] = [];

  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running process's id (instances name themselves after it in their leases). */
  get pid(): number {
    const pid = this.child?.pid;
    if (pid === undefined) throw new Error('the bot process is not running');
    return pid;
  }

  /** Starts the process and resolves once it answers /readyz. */
  async start(timeoutMs = 120_000): Promise<this> {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await this.ready(timeoutMs);
    return this;
  }

  /** Waits for /readyz: the process listens and its store answers (or it exits, with its output as the error). */
  private async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
      if (exited) throw new Error(`the bot exited before it was ready:\n${this.output.join('').slice(-3000)}`);
      try {
        const res = await fetch(`${this.url}/readyz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the bot was not ready within ${timeoutMs} ms:\n${this.output.join('').slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Kills the process at once (no shutdown: what a crash or an OOM kill does) and waits until it is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Asks the process to stop, as the platform does, and waits. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }

  async post(activity: object): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}
