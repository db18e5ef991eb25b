import assert from 'node:assert/strict';
import { updateDoc } from '../../../src/store/concurrency';
import { withReadCache } from '../../../src/store/readCache';
import type { Doc, Store } from '../../../src/store/types';
import { CountingStore } from '../../support/countingStore';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';

interface Entry extends Doc {
  type: 'member';
  roles: string[];
}

const entry = (id: string, roles: string[]): Entry => ({ id, pk: 'member', type: 'member', roles });

describe('reads kept in memory', () => {
  let memory: MemoryCosmos;
  let raw: Store;
  let counting: CountingStore;
  let now: number;
  let cached: Store;
  let other: Store;

  before(async () => {
    memory = await startMemoryCosmos();
  });
  after(async () => {
    await memory.close();
  });
  beforeEach(async () => {
    raw = await memory.open();
    counting = new CountingStore(raw);
    now = 0;
    const policy = { directory: { keepsDoc: (pk: string) => pk === 'member', keepsQueries: (pk: string) => pk === 'member', ttlMs: () => 30_000 } };
    cached = withReadCache(counting, policy, () => now);
    // A second instance: its own memory over the same store.
    other = withReadCache(raw, policy, () => now);
    for (const id of ['anna', 'bo', 'cia']) await raw.containers.directory.delete('member', id);
  });

  const reads = () => counting.count({ container: 'directory', op: 'read' });
  const queries = () => counting.count({ container: 'directory', op: 'query' });

  it('answers a repeated read from memory, and an absent entry too', async () => {
    await raw.containers.directory.upsert(entry('anna', ['preparer']));
    assert.deepEqual((await cached.containers.directory.read<Entry>('member', 'anna'))?.roles, ['preparer']);
    assert.deepEqual((await cached.containers.directory.read<Entry>('member', 'anna'))?.roles, ['preparer']);
    assert.equal(await cached.containers.directory.read('member', 'bo'), undefined);
    assert.equal(await cached.containers.directory.read('member', 'bo'), undefined);
    assert.equal(reads(), 2);
  });

  it('gives every caller its own copy', async () => {
    await raw.containers.directory.upsert(entry('anna', ['preparer']));
    const first = await cached.containers.directory.read<Entry>('member', 'anna');
    first!.roles.push('secretariat');
    assert.deepEqual((await cached.containers.directory.read<Entry>('member', 'anna'))?.roles, ['preparer']);
  });

  it('serves this process its own last write at once, to reads and queries alike', async () => {
    await cached.containers.directory.upsert(entry('anna', ['preparer']));
    const list = () => cached.containers.directory.query<Entry>('member', 'ARRAY_CONTAINS(c.roles, @role)', { role: 'preparer' });
    assert.deepEqual((await list()).items.map((m) => m.id), ['anna']);
    await updateDoc<Entry, void>(cached.containers.directory, 'member', 'anna', (current) => ({ write: { ...current!, roles: [] }, result: undefined }));
    assert.deepEqual((await cached.containers.directory.read<Entry>('member', 'anna'))?.roles, []);
    assert.deepEqual((await list()).items, []);
    await cached.containers.directory.delete('member', 'anna');
    assert.equal(await cached.containers.directory.read('member', 'anna'), undefined);
  });

  it('shows another instance\'s change once the kept answer expires, and a lost race at once', async () => {
    await raw.containers.directory.upsert(entry('anna', ['preparer']));
    assert.deepEqual((await cached.containers.directory.read<Entry>('member', 'anna'))?.roles, ['preparer']);
    await updateDoc<Entry, void>(other.containers.directory, 'member', 'anna', (current) => ({ write: { ...current!, roles: [] }, result: undefined }));
    now += 29_000;
    assert.deepEqual((await cached.containers.directory.read<Entry>('member', 'anna'))?.roles, ['preparer'], 'within the time it is kept');
    // A write from the stale copy loses the etag race, forgets the copy, and decides again on the store's version.
    const seen: string[][] = [];
    await updateDoc<Entry, void>(cached.containers.directory, 'member', 'anna', (current) => {
      seen.push(current!.roles);
      return { write: { ...current!, roles: [...current!.roles, 'secretariat'] }, result: undefined };
    }, { baseDelayMs: 1 });
    assert.deepEqual(seen, [['preparer'], []]);
    assert.deepEqual((await raw.containers.directory.read<Entry>('member', 'anna'))?.roles, ['secretariat']);

    await updateDoc<Entry, void>(other.containers.directory, 'member', 'anna', (current) => ({ write: { ...current!, roles: ['preparer'] }, result: undefined }));
    now += 30_001;
    assert.deepEqual((await cached.containers.directory.read<Entry>('member', 'anna'))?.roles, ['preparer'], 'after it expired');
  });

  it('keeps a repeated query, and fills the point reads from its answer', async () => {
    await raw.containers.directory.upsert(entry('anna', ['preparer']));
    await raw.containers.directory.upsert(entry('bo', ['preparer']));
    const list = () => cached.containers.directory.query<Entry>('member', 'ARRAY_CONTAINS(c.roles, @role)', { role: 'preparer' });
    await list();
    await list();
    await cached.containers.directory.read('member', 'bo');
    assert.equal(queries(), 1);
    assert.equal(reads(), 0);
  });

  it('leaves other partitions and containers to the store', async () => {
    await cached.containers.directory.read('settings', 'x');
    await cached.containers.directory.read('settings', 'x');
    assert.equal(reads(), 2);
  });
});
