import type { SlidingWindowLimiter } from './rateLimiter';

/** The right to make one call; `done` when it was answered (or not made after all). */
export interface Grant {
  at: number;
  done(): void;
}

/**
 * Hands out a limiter's sends in arrival order, at least `paceMs` apart (so that a window's worth
 * does not leave in one burst). `acquire()` resolves with a grant, or null once the gate is closed.
 */
export class RateGate {
  private readonly waiting: Array<(grant: Grant | null) => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private lastGrantAt = -Infinity;

  constructor(
    readonly limiter: SlidingWindowLimiter,
    private readonly now: () => number,
    private paceMs = 0,
  ) {}

  acquire(): Promise<Grant | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  /** Changes the spacing between grants. */
  setPace(paceMs: number): void {
    this.paceMs = paceMs;
    this.poke();
  }

  /** Re-evaluates the queue now (after a pause, a finished send or new windows). */
  poke(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pump();
  }

  /** Refuses every waiting and later caller. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const resolve of this.waiting.splice(0)) resolve(null);
  }

  private pump(): void {
    if (this.timer || this.closed) return;
    while (this.waiting.length > 0) {
      const now = this.now();
      const paced = this.lastGrantAt + this.paceMs - now;
      const wait = paced > 0 ? paced : this.limiter.tryTake(now);
      if (wait > 0) {
        // An infinite wait ends when a send in flight finishes (done() pokes).
        if (Number.isFinite(wait)) {
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.pump();
          }, Math.ceil(wait));
        }
        return;
      }
      this.lastGrantAt = now;
      this.waiting.shift()!(this.grant(now));
    }
  }

  private grant(at: number): Grant {
    let finished = false;
    return {
      at,
      done: () => {
        if (finished) return;
        finished = true;
        this.limiter.finish(at, this.now());
        this.poke();
      },
    };
  }
}
