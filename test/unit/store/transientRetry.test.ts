import assert from 'node:assert/strict';
import { updateDoc } from '../../../src/store/concurrency';
import { withTransientRetries } from '../../../src/store/transientRetry';
import type { Doc, Store } from '../../../src/store/types';
import { isStoreError } from '../../../src/store/types';
import { FaultyStore } from '../../support/faultyStore';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';

interface Answer extends Doc {
  type: 'answer';
  response: 'attend' | 'absent';
}

describe('store retries of throttled and unavailable calls', () => {
  let memory: MemoryCosmos;
  let faulty: FaultyStore;
  let store: Store;
  let waits: number[];

  before(async () => {
    memory = await startMemoryCosmos();
  });
  after(async () => {
    await memory.close();
  });
  beforeEach(async () => {
    faulty = new FaultyStore(await memory.open());
    waits = [];
    store = withTransientRetries(faulty, {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
  });

  const answer = (response: Answer['response']): Answer => ({ id: 'rsvp:anna', pk: 'meeting-1', type: 'answer', response });

  it('waits as long as a 429 says, then reads', async () => {
    await store.containers.meetings.upsert(answer('attend'));
    faulty.add({ fault: 'throttled', ops: ['read'], times: 2, retryAfterMs: 300 });
    const read = await store.containers.meetings.read<Answer>('meeting-1', 'rsvp:anna');
    assert.equal(read?.response, 'attend');
    assert.deepEqual(waits, [300, 300]);
  });

  it('tries an upsert, a query and a conditional replace again after 503s and timeouts', async () => {
    faulty.add({ fault: 'unavailable', ops: ['upsert', 'query', 'replace'], times: 2 }).add({ fault: 'timeout', ops: ['upsert', 'query', 'replace'], times: 1 });
    const written = await store.containers.meetings.upsert(answer('attend'));
    faulty.clear();
    faulty.add({ fault: 'unavailable', times: 3 });
    const page = await store.containers.meetings.query<Answer>('meeting-1', '');
    assert.equal(page.items.length, 1);
    faulty.clear();
    faulty.add({ fault: 'timeout', ops: ['replace'], times: 3 });
    const replaced = await store.containers.meetings.replace(answer('absent'), written._etag);
    assert.equal(replaced.response, 'absent');
    assert.equal(waits.length, 3 + 3 + 3);
  });

  it('gives up after three retries and says the store is unavailable', async () => {
    faulty.add({ fault: 'unavailable' });
    await assert.rejects(store.containers.meetings.read('meeting-1', 'x'), (err: unknown) => isStoreError(err, 'unavailable'));
    assert.equal(faulty.injected.unavailable, 4);
  });

  it('tries a create again only after a 429, never after a 503 that may have applied', async () => {
    faulty.add({ fault: 'throttled', ops: ['create'], times: 1 });
    await store.containers.meetings.create(answer('attend'));
    faulty.clear();
    faulty.add({ fault: 'unavailable', ops: ['create'] });
    await assert.rejects(store.containers.meetings.create({ ...answer('attend'), id: 'rsvp:bertil' }), (err: unknown) => isStoreError(err, 'unavailable'));
    assert.equal(faulty.injected.unavailable, 1);
  });

  it('lands a decision once when the answer to its write was lost: the retry sees 412 and decides again on what is stored', async () => {
    await store.containers.meetings.upsert(answer('attend'));
    faulty.add({ fault: 'lostAnswer', ops: ['replace'], times: 1 });
    let decisions = 0;
    const result = await updateDoc<Answer, string>(store.containers.meetings, 'meeting-1', 'rsvp:anna', (current) => {
      decisions += 1;
      if (current?.response === 'absent') return { result: 'already recorded' };
      return { write: { ...answer('absent') }, result: 'recorded' };
    });
    assert.equal(decisions, 2, 'decided again after the 412');
    assert.equal(result, 'already recorded');
    assert.equal((await store.containers.meetings.read<Answer>('meeting-1', 'rsvp:anna'))?.response, 'absent');
    assert.equal(faulty.injected.lostAnswer, 1);
  });

  it('passes 412 and 409 straight through to the caller that knows what they mean', async () => {
    const written = await store.containers.meetings.upsert(answer('attend'));
    faulty.add({ fault: 'precondition', times: 1 });
    await assert.rejects(store.containers.meetings.replace(answer('absent'), written._etag), (err: unknown) => isStoreError(err, 'precondition'));
    assert.equal(waits.length, 0);
    await assert.rejects(store.containers.meetings.create(answer('attend')), (err: unknown) => isStoreError(err, 'conflict'));
  });
});
