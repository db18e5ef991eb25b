import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { RateGate } from '../../../src/delivery/rateGate';
import { SlidingWindowLimiter } from '../../../src/delivery/rateLimiter';

const now = () => performance.now();

describe('rate gate', () => {
  it('grants in arrival order and holds the next caller until a send in flight is answered', async () => {
    const gate = new RateGate(new SlidingWindowLimiter([{ max: 2, windowMs: 10 }]), now);
    const order: number[] = [];
    const grants = await Promise.all([1, 2].map((n) => gate.acquire().then((g) => (order.push(n), g))));
    let third = false;
    const next = gate.acquire().then((g) => ((third = true), g));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(third, false, 'both sends still in flight');
    grants[0]!.done();
    const grant = await next;
    assert.ok(grant);
    assert.deepEqual(order, [1, 2]);
    grants[1]!.done();
    grant.done();
  });

  it('spaces grants by the pace', async () => {
    const gate = new RateGate(new SlidingWindowLimiter([{ max: 100, windowMs: 1_000 }]), now, 15);
    const first = await gate.acquire();
    const second = await gate.acquire();
    assert.ok(first && second);
    assert.ok(second.at - first.at >= 15, `${second.at - first.at} ms apart`);
  });

  it('refuses waiting and later callers once closed', async () => {
    const gate = new RateGate(new SlidingWindowLimiter([{ max: 1, windowMs: 60_000 }]), now);
    const held = await gate.acquire();
    const waiting = gate.acquire();
    gate.close();
    assert.equal(await waiting, null);
    assert.equal(await gate.acquire(), null);
    held!.done();
  });
});
