/** How many activities one person may send: a burst, then a steady rate. */
export interface UserRateOptions {
  /** Activities a person may send at once. */
  burst: number;
  /** Activities per second the allowance refills with. */
  perSecond: number;
  /** People tracked before idle ones are forgotten (memory bound). */
  maxTracked?: number;
  /** A refused person is told to wait at most once per this many ms; default 10 s. */
  tellEveryMs?: number;
}

export type RateDecision =
  | { allowed: true }
  /** `tell`: the person has not been told to wait lately, so they are told once, not per activity. */
  | { allowed: false; retryAfterMs: number; tell: boolean };

interface Bucket {
  tokens: number;
  at: number;
  toldAt: number | undefined;
}

/**
 * A token bucket per person (keyed by their AAD object id). It lives in the memory of one
 * instance: with several instances behind a load balancer, each allows the burst and rate on its
 * own, so the effective limit is a multiple of it. It protects the instance and the store from one
 * runaway client; it is not a quota.
 */
export class UserRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxTracked: number;

  constructor(private readonly options: UserRateOptions) {
    this.maxTracked = options.maxTracked ?? 10_000;
  }

  /** Takes one activity's worth from `key`'s allowance at time `nowMs`. */
  take(key: string, nowMs: number): RateDecision {
    if (this.options.perSecond <= 0) return { allowed: true };
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: nowMs, toldAt: undefined };
    const elapsed = Math.max(0, nowMs - bucket.at);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (elapsed * this.options.perSecond) / 1000);
    bucket.at = nowMs;
    if (!this.buckets.has(key)) this.remember(key, bucket, nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const tell = bucket.toldAt === undefined || nowMs - bucket.toldAt >= (this.options.tellEveryMs ?? 10_000);
    if (tell) bucket.toldAt = nowMs;
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) * 1000) / this.options.perSecond), tell };
  }

  /** People currently tracked. */
  tracked(): number {
    return this.buckets.size;
  }

  private remember(key: string, bucket: Bucket, nowMs: number): void {
    if (this.buckets.size >= this.maxTracked) {
      // A bucket that has refilled completely says nothing a new one would not: drop those first.
      const fullAfterMs = (this.options.burst * 1000) / this.options.perSecond;
      for (const [k, b] of this.buckets) if (nowMs - b.at >= fullAfterMs) this.buckets.delete(k);
      if (this.buckets.size >= this.maxTracked) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
    }
    this.buckets.set(key, bucket);
  }
}
