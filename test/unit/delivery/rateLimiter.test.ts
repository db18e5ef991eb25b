import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RateWindow } from '../../../src/delivery/rateLimiter';
import { SlidingWindowLimiter, TEAMS_APP_WINDOW, TEAMS_CONVERSATION_WINDOWS, appShare, paceFor } from '../../../src/delivery/rateLimiter';

interface Send {
  grantedAt: number;
  answeredAt: number;
}

/**
 * Runs requests (arrival time, round trip) through a limiter on a virtual clock, first come first
 * served, and returns when each was granted and answered.
 */
function simulate(limiter: SlidingWindowLimiter, requests: { arrival: number; roundTrip: number }[]): Send[] {
  const sends: Send[] = [];
  const inFlight: Send[] = [];
  let now = 0;
  const finishUntil = (t: number) => {
    inFlight.sort((a, b) => a.answeredAt - b.answeredAt);
    while (inFlight.length > 0 && inFlight[0]!.answeredAt <= t) {
      const send = inFlight.shift()!;
      limiter.finish(send.grantedAt, send.answeredAt);
    }
  };
  for (const request of [...requests].sort((a, b) => a.arrival - b.arrival)) {
    now = Math.max(now, request.arrival);
    for (;;) {
      finishUntil(now);
      const wait = limiter.tryTake(now);
      if (wait === 0) break;
      const nextAnswer = Math.min(...inFlight.map((s) => s.answeredAt));
      assert.ok(Number.isFinite(wait) || Number.isFinite(nextAnswer), 'a wait that nothing ends');
      now = Math.min(now + wait, nextAnswer);
    }
    const send = { grantedAt: now, answeredAt: now + request.roundTrip };
    sends.push(send);
    inFlight.push(send);
  }
  finishUntil(Infinity);
  return sends;
}

/**
 * True when Teams, receiving each send at any moment between our call and its answer, could have
 * seen more than `window.max` of them within `window.windowMs`: some max+1 sends whose latest
 * call is less than windowMs after their earliest answer.
 */
function couldExceed(sends: Send[], window: RateWindow): boolean {
  const byGrant = [...sends].sort((a, b) => a.grantedAt - b.grantedAt);
  for (let j = 0; j < byGrant.length; j++) {
    const last = byGrant[j]!;
    const others = byGrant.slice(0, j).map((s) => s.answeredAt).sort((a, b) => b - a);
    if (others.length < window.max) continue;
    const earliestAnswer = Math.min(last.answeredAt, others[window.max - 1]!);
    if (last.grantedAt - earliestAnswer < window.windowMs) return true;
  }
  return false;
}

const requests = fc.array(
  fc.record({ arrival: fc.integer({ min: 0, max: 5_000 }), roundTrip: fc.integer({ min: 0, max: 400 }) }),
  { maxLength: 150 },
);

describe('rate limiter', () => {
  it('never lets Teams count more than its share in a second, however slowly Teams answers', () => {
    fc.assert(
      fc.property(requests, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 50 }), (reqs, peers, guardMs) => {
        const share = appShare(peers);
        const sends = simulate(new SlidingWindowLimiter([share], guardMs), reqs);
        return !couldExceed(sends, share);
      }),
    );
  });

  it("keeps one conversation within all four of Teams' windows", () => {
    const longRun = fc.array(
      fc.record({ arrival: fc.integer({ min: 0, max: 40_000 }), roundTrip: fc.integer({ min: 0, max: 300 }) }),
      { minLength: 50, maxLength: 120 },
    );
    fc.assert(
      fc.property(longRun, (reqs) => {
        const sends = simulate(new SlidingWindowLimiter(TEAMS_CONVERSATION_WINDOWS, 20), reqs);
        return TEAMS_CONVERSATION_WINDOWS.every((w) => !couldExceed(sends, w));
      }),
      { numRuns: 50 },
    );
  });

  it('sends a full share at once when answers are quick, then waits out the window', () => {
    const limiter = new SlidingWindowLimiter([{ max: 3, windowMs: 1_000 }], 20);
    for (let i = 0; i < 3; i++) {
      assert.equal(limiter.tryTake(0), 0);
      limiter.finish(0, 5);
    }
    assert.equal(limiter.waitMs(10), 1_010, 'free again a window and the guard after the first send');
    assert.equal(limiter.tryTake(1_020), 0);
  });

  it('counts a send from its answer when the answer came later than the guard', () => {
    const limiter = new SlidingWindowLimiter([{ max: 1, windowMs: 1_000 }], 20);
    assert.equal(limiter.tryTake(0), 0);
    limiter.finish(0, 500);
    assert.equal(limiter.waitMs(500), 1_000, 'counted at 480, free at 480 + 1020');
  });

  it('holds every send while the window is full of calls still in flight', () => {
    const limiter = new SlidingWindowLimiter([{ max: 2, windowMs: 1_000 }]);
    assert.equal(limiter.tryTake(0), 0);
    assert.equal(limiter.tryTake(0), 0);
    assert.equal(limiter.waitMs(5_000), Infinity);
    limiter.finish(0, 5_000);
    assert.equal(limiter.waitMs(5_000), 1_000, 'one call ended: counted from its answer, it leaves the window a second later');
  });

  it('tells a caller how long to wait, and the wait is enough', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 40 }), (times) => {
        const limiter = new SlidingWindowLimiter(TEAMS_CONVERSATION_WINDOWS);
        let now = 0;
        for (const dt of times) {
          now += dt;
          const wait = limiter.waitMs(now);
          if (wait > 0 && limiter.tryTake(now + wait) !== 0) return false;
          if (wait === 0) limiter.tryTake(now);
          limiter.finish(now + wait, now + wait);
          now += wait;
        }
        return true;
      }),
    );
  });

  it('honours a pause (Retry-After) and never shortens one', () => {
    const limiter = new SlidingWindowLimiter([TEAMS_APP_WINDOW]);
    limiter.pause(3_000);
    limiter.pause(1_000);
    assert.equal(limiter.waitMs(0), 3_000);
    assert.equal(limiter.tryTake(2_999), 1);
    assert.equal(limiter.tryTake(3_000), 0);
  });

  it('tells a throttled conversation that is busy from one that is not', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_CONVERSATION_WINDOWS);
    limiter.take();
    limiter.finish(0, 1);
    assert.equal(limiter.busy(10), false, 'one message in a second: the app limit must have been hit');
    for (let i = 0; i < 3; i++) {
      limiter.take();
      limiter.finish(10, 11);
    }
    assert.equal(limiter.busy(20), true);
    assert.equal(limiter.idle(3_700_000), true, 'forgotten after the longest window');
  });

  it('splits the app budget between instances and spaces each share over half a second', () => {
    assert.deepEqual(appShare(1), { max: 50, windowMs: 1_000 });
    assert.deepEqual(appShare(2), { max: 25, windowMs: 1_000 });
    assert.deepEqual(appShare(3), { max: 16, windowMs: 1_000 });
    assert.deepEqual(appShare(80), { max: 1, windowMs: 1_000 });
    assert.equal(paceFor(appShare(2)), 20);
  });
});
