import type { RateWindow } from './rateLimiter';
import { SlidingWindowLimiter } from './rateLimiter';

/** One limiter per conversation this instance has written to lately; idle ones are forgotten. */
export class ConversationLimiters {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly guardMs: number,
  ) {}

  get(conversationKey: string): SlidingWindowLimiter {
    let limiter = this.limiters.get(conversationKey);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(this.windows, this.guardMs);
      this.limiters.set(conversationKey, limiter);
    }
    return limiter;
  }

  /** Drops limiters with nothing left in any window. */
  sweep(now: number): void {
    for (const [key, limiter] of this.limiters) if (limiter.idle(now)) this.limiters.delete(key);
  }

  get size(): number {
    return this.limiters.size;
  }
}
