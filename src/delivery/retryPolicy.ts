/** How often and how patiently a failed send is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first one included; after the last, the delivery is `failed`. */
  maxAttempts: number;
  /** Backoff before attempt n+1: between half and all of `min(maxDelayMs, baseDelayMs * 2^(n-1))`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'give-up'; reason: string };

/**
 * What to do after attempt number `attempt` (1 for the first) failed with a retryable outcome.
 * A `Retry-After` from Teams is a floor: the wait is never shorter, plus up to 10% jitter so that
 * conversations throttled together do not return together.
 */
export function decideRetry(
  attempt: number,
  retryAfterMs: number | null,
  reason: string,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (attempt >= policy.maxAttempts) {
    return { kind: 'give-up', reason: `gave up after ${attempt} attempts: ${reason}` };
  }
  if (retryAfterMs !== null && retryAfterMs >= 0) {
    return { kind: 'retry', delayMs: Math.round(retryAfterMs * (1 + 0.1 * random())) };
  }
  return { kind: 'retry', delayMs: backoffDelay(attempt, policy, random) };
}

/** Exponential backoff with "equal jitter": half fixed, half random, so waits never collapse to zero. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
