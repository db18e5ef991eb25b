import type { SendRequest, SendResult, TeamsSender } from '../../src/delivery/sender';

/**
 * A sender that passes the first `open` calls through and holds the rest, so a test can stop an
 * instance with sends in flight. Held calls end with `fail()` (never reached Teams) or `deliver()`
 * (reached Teams, but the instance dies before it hears the answer).
 */
export class GatedSender implements TeamsSender {
  calls = 0;
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

  /** The held calls end without reaching Teams. */
  fail(): void {
    for (const { resolve } of this.held.splice(0)) resolve({ kind: 'retry', status: null, retryAfterMs: null, reason: 'no answer: crashed' });
  }

  /** The held calls reach Teams; their answers are lost with the instance. */
  async deliver(): Promise<void> {
    const held = this.held.splice(0);
    await Promise.all(held.map(({ request }) => this.inner.send(request)));
    for (const { resolve } of held) resolve({ kind: 'retry', status: null, retryAfterMs: null, reason: 'no answer: crashed' });
  }
}
