import assert from 'node:assert/strict';
import { UserRateLimiter } from '../../../src/bot/userRateLimit';

describe('per-person rate limit', () => {
  it('lets a burst through, then refuses until the allowance refills', () => {
    const limiter = new UserRateLimiter({ burst: 3, perSecond: 2 });
    const at = 1_000_000;
    assert.deepEqual([1, 2, 3].map(() => limiter.take('anna', at).allowed), [true, true, true]);
    const refused = limiter.take('anna', at);
    assert.equal(refused.allowed, false);
    assert.equal(!refused.allowed && refused.retryAfterMs, 500);
    assert.equal(limiter.take('anna', at + 499).allowed, false);
    assert.equal(limiter.take('anna', at + 1_000).allowed, true, 'half a second refills one');
  });

  it('tells a refused person to wait once per ten seconds, not once per activity', () => {
    const limiter = new UserRateLimiter({ burst: 1, perSecond: 1 });
    const tells: boolean[] = [];
    // Twenty a second for twelve seconds: one in twenty is let through as the allowance refills.
    for (let ms = 0; ms < 12_000; ms += 50) {
      const decision = limiter.take('anna', ms);
      if (!decision.allowed) tells.push(decision.tell);
    }
    assert.equal(tells.filter(Boolean).length, 2, 'told at the start and again ten seconds later');
  });

  it('keeps one person apart from another', () => {
    const limiter = new UserRateLimiter({ burst: 2, perSecond: 1 });
    for (let i = 0; i < 50; i++) limiter.take('flooder', 0);
    assert.equal(limiter.take('flooder', 0).allowed, false);
    assert.equal(limiter.take('bertil', 0).allowed, true);
    assert.equal(limiter.take('bertil', 0).allowed, true);
  });

  it('slows one person at 50 activities a second to the steady rate', () => {
    const limiter = new UserRateLimiter({ burst: 30, perSecond: 5 });
    let allowed = 0;
    for (let i = 0; i < 500; i++) if (limiter.take('flooder', i * 20).allowed) allowed += 1;
    // Ten seconds at 50/s: the burst plus five a second.
    assert.ok(allowed <= 30 + 5 * 10 + 1, `allowed ${allowed}`);
    assert.ok(allowed >= 30 + 5 * 9, `allowed ${allowed}`);
  });

  it('forgets idle people once it tracks as many as it may', () => {
    const limiter = new UserRateLimiter({ burst: 2, perSecond: 1, maxTracked: 100 });
    for (let i = 0; i < 1_000; i++) limiter.take(`user-${i}`, i * 10_000);
    assert.ok(limiter.tracked() <= 100);
  });

  it('is off with a rate of 0', () => {
    const limiter = new UserRateLimiter({ burst: 1, perSecond: 0 });
    for (let i = 0; i < 100; i++) assert.equal(limiter.take('anna', 0).allowed, true);
  });
});
