import type { SendRequest, SendResult, TeamsSender } from '../../src/delivery/sender';

/**
 * A sender that passes the first `open` calls through and holds the rest, so a test can stop an
 * instance with sends in flight. `crash(...)` ends the held calls and every later one: `'lost'`,
 * they never reached Teams; `'delivered'`, they reached Teams but the instance died before it
 * heard the answer.
 */
export class GatedSender implements TeamsSender {
  calls = 0;
  /** Calls that reached Teams after the crash. */
  deliveredAfterCrash = 0;
  private crashed: 'lost' | 'delivered' | undefined;
  private readonly held: { request: SendRequest; resolve: (result: SendResult) => void }[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly inner: TeamsSender,
    private readonly open: number,
  ) {}

  get heldCount(): number {
    return this.held.length;
  }

  send(request: SendRequest): Promise<SendResult> {
    this.calls += 1;
    if (this.crashed) return this.afterCrash(request);
    if (this.calls <= this.open) return this.inner.send(request);
    return new Promise((resolve) => {
      this.held.push({ request, resolve });
      for (const waiter of this.waiters.filter((w) => this.held.length >= w.count)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }

  /** Resolves once `count` calls are held. */
  whenHeld(count = 1): Promise<void> {
    if (this.held.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async crash(mode: 'lost' | 'delivered'): Promise<void> {
    this.crashed = mode;
    await Promise.all(this.held.splice(0).map(async ({ request, resolve }) => resolve(await this.afterCrash(request))));
  }

  private async afterCrash(request: SendRequest): Promise<SendResult> {
    if (this.crashed === 'delivered') {
      this.deliveredAfterCrash += 1;
      await this.inner.send(request);
    }
    return { kind: 'retry', status: null, retryAfterMs: null, reason: 'no answer: crashed' };
  }
}
