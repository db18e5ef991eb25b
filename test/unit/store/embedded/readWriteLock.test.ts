import assert from 'node:assert/strict';
import { ReadWriteLock } from '../../../../src/store/embedded/readWriteLock';

describe('read-write lock', () => {
  it('lets shared holders in together and keeps an exclusive holder waiting until they leave', async () => {
    const lock = new ReadWriteLock();
    const events: string[] = [];
    const r1 = await lock.acquireShared();
    const r2 = await lock.acquireShared();
    const exclusive = lock.acquireExclusive().then((release) => {
      events.push('exclusive');
      return release;
    });
    await Promise.resolve();
    events.push('readers leave');
    r1();
    r2();
    (await exclusive)();
    assert.deepEqual(events, ['readers leave', 'exclusive']);
  });

  it('does not let shared holders that arrive later overtake a waiting exclusive holder', async () => {
    const lock = new ReadWriteLock();
    const order: string[] = [];
    const first = await lock.acquireShared();
    const writer = lock.acquireExclusive().then((release) => {
      order.push('writer');
      release();
    });
    const reader = lock.acquireShared().then((release) => {
      order.push('late reader');
      release();
    });
    first();
    await Promise.all([writer, reader]);
    assert.deepEqual(order, ['writer', 'late reader']);
  });

  it('ignores a second release', async () => {
    const lock = new ReadWriteLock();
    const release = await lock.acquireExclusive();
    release();
    release();
    const again = await lock.acquireExclusive();
    again();
  });
});
