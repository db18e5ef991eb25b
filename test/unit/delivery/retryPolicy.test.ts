import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_RETRY_POLICY, backoffDelay, decideRetry } from '../../../src/delivery/retryPolicy';
import type { RetryPolicy } from '../../../src/delivery/retryPolicy';

const policies = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  baseDelayMs: fc.integer({ min: 1, max: 5_000 }),
  maxDelayMs: fc.integer({ min: 1, max: 120_000 }),
}) satisfies fc.Arbitrary<RetryPolicy>;
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('retry policy', () => {
  it('backs off exponentially with jitter, between half and all of the capped ceiling', () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 1, max: 50 }), random, (policy, attempt, r) => {
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delay = backoffDelay(attempt, policy, () => r);
        return delay >= Math.floor(ceiling / 2) && delay <= Math.ceil(ceiling);
      }),
    );
  });

  it('waits at least as long as Teams asked with Retry-After', () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 0, max: 600_000 }), random, (policy, retryAfterMs, r) => {
        const decision = decideRetry(1, retryAfterMs, 'http 429', { ...policy, maxAttempts: 2 }, () => r);
        return decision.kind === 'retry' && decision.delayMs >= retryAfterMs && decision.delayMs <= retryAfterMs * 1.1 + 1;
      }),
    );
  });

  it('gives up after the last attempt, naming the attempts and the last reason', () => {
    fc.assert(
      fc.property(policies, fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }), (policy, retryAfterMs) => {
        for (let attempt = 1; attempt < policy.maxAttempts; attempt++) {
          if (decideRetry(attempt, retryAfterMs, 'http 503', policy, Math.random).kind !== 'retry') return false;
        }
        const last = decideRetry(policy.maxAttempts, retryAfterMs, 'http 503', policy, Math.random);
        return last.kind === 'give-up' && last.reason === `gave up after ${policy.maxAttempts} attempts: http 503`;
      }),
    );
  });

  it('by default tries six times over about a minute', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => decideRetry(attempt, null, 'x', DEFAULT_RETRY_POLICY, () => 1));
    assert.deepEqual(
      delays.map((d) => (d.kind === 'retry' ? d.delayMs : d.reason)),
      [1_000, 2_000, 4_000, 8_000, 16_000],
    );
    assert.equal(decideRetry(6, null, 'x', DEFAULT_RETRY_POLICY, () => 1).kind, 'give-up');
  });
});
