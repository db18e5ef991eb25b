import { strict as assert } from 'node:assert';
import { recentReadiness } from '../../src/server';

describe('readiness probes', () => {
  it('ask the store once for probes arriving together, and not again while its answer is fresh', async () => {
    let clock = 0;
    let pings = 0;
    const ready = recentReadiness(() => {
      pings += 1;
      return Promise.resolve();
    }, 2_000, () => clock);
    await Promise.all([ready(), ready(), ready()]);
    assert.equal(pings, 1);
    clock = 1_999;
    await ready();
    assert.equal(pings, 1);
    clock = 2_000;
    await ready();
    assert.equal(pings, 2);
  });

  it('never remember a store that did not answer: the next probe asks again and fails if it still does not', async () => {
    let fail = true;
    let pings = 0;
    const ready = recentReadiness(() => {
      pings += 1;
      return fail ? Promise.reject(new Error('store down')) : Promise.resolve();
    }, 2_000, () => 0);
    await assert.rejects(ready());
    await assert.rejects(ready());
    assert.equal(pings, 2);
    fail = false;
    await ready();
    await ready();
    assert.equal(pings, 3);
  });
});
