import assert from 'node:assert/strict';
import { createLogger } from '../../../src/log';
import { scopeQueriesToPartitions } from '../../../src/store/embedded/partitionScope';
import type { Doc, DocContainer, QueryParams, Store } from '../../../src/store/types';
import type { MemoryCosmos } from '../../support/memoryCosmos';
import { startMemoryCosmos } from '../../support/memoryCosmos';
import { type OpenEmbeddedStore, openEmbeddedStore, tempDir } from './fixtures/embeddedHarness';

interface Row extends Doc {
  type: 'row';
  n: number;
  tag: string;
}

const PARTITIONS = ['p-0', 'p-1', 'p-2', 'p-3'];

/** A small deterministic random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** Every page of a query, as ids. */
async function allPages(container: DocContainer, pk: string, where: string, params: QueryParams, orderBy?: string): Promise<string[]> {
  const ids: string[] = [];
  let continuation: string | undefined;
  do {
    const page = await container.query<Row>(pk, where, params, { pageSize: 7, continuation, ...(orderBy ? { orderBy } : {}) });
    ids.push(...page.items.map((d) => `${d.pk}/${d.id}/${d.n}`));
    continuation = page.continuation;
  } while (continuation);
  return ids;
}

describe('queries on the embedded store read only the partition they name @slow', () => {
  let embedded: OpenEmbeddedStore;
  let memory: MemoryCosmos;
  let scanning: Store;
  let dir: { path: string; remove(): Promise<void> };

  before(async () => {
    dir = await tempDir();
    embedded = await openEmbeddedStore(dir.path, createLogger('silent'));
    memory = await startMemoryCosmos();
    scanning = await memory.open();
    // The same creates, replaces and deletes on both: the embedded store (partition index) and a
    // plain server that scans the container for every query.
    const next = random(42);
    const both = [embedded.store.containers.cases, scanning.containers.cases];
    for (let i = 0; i < 400; i++) {
      const pk = PARTITIONS[Math.floor(next() * PARTITIONS.length)]!;
      const id = `d-${Math.floor(next() * 120)}`;
      const roll = next();
      for (const container of both) {
        const current = await container.read<Row>(pk, id);
        if (!current) await container.create<Row>({ id, pk, type: 'row', n: i, tag: roll < 0.5 ? 'a' : 'b' });
        else if (roll < 0.7) await container.replace<Row>({ ...current, n: i, tag: roll < 0.6 ? 'a' : 'b' }, current._etag);
        else await container.delete(pk, id);
      }
    }
  });

  after(async () => {
    await embedded.close();
    await memory.close();
    await dir.remove();
  });

  it('is switched on for the installed server version', () => {
    assert.equal(scopeQueriesToPartitions(), true, 'the embedded server changed shape: queries would scan whole containers again');
  });

  it('finds the same documents in the same order and pages as a server that scans everything', async () => {
    let found = 0;
    for (const pk of PARTITIONS) {
      for (const [where, params, orderBy] of [
        ["c.type = 'row'", {}, undefined],
        ['c.tag = @tag', { tag: 'a' }, 'c.n DESC'],
        ['c.n >= @n', { n: 200 }, 'c.n ASC'],
      ] as const) {
        const scoped = await allPages(embedded.store.containers.cases, pk, where, params, orderBy);
        const scanned = await allPages(scanning.containers.cases, pk, where, params, orderBy);
        assert.deepEqual(scoped, scanned, `${pk}: ${where}`);
        assert.ok(scoped.every((row) => row.startsWith(`${pk}/`)), 'only documents of the partition');
        found += scoped.length;
      }
    }
    assert.ok(found > 100, `the queries found ${found} documents`);
  });

  it('finds documents by a list of ids as a scan would, ids of other partitions and unknown ids left out', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `d-${i * 2}`).concat(['d-999', 'nothing']);
    for (const pk of PARTITIONS) {
      const byIds = async (container: DocContainer) =>
        (await allPages(container, pk, 'ARRAY_CONTAINS(@ids, c.id)', { ids })).sort();
      const scoped = await byIds(embedded.store.containers.cases);
      assert.deepEqual(scoped, await byIds(scanning.containers.cases), pk);
      assert.ok(scoped.length > 5, `${pk}: found ${scoped.length}`);
    }
  });

  it('finds the same after a restart on the same data', async () => {
    await embedded.close();
    embedded = await openEmbeddedStore(dir.path, createLogger('silent'));
    for (const pk of PARTITIONS) {
      const scoped = await allPages(embedded.store.containers.cases, pk, "c.type = 'row'", {}, 'c.n ASC');
      assert.deepEqual(scoped, await allPages(scanning.containers.cases, pk, "c.type = 'row'", {}, 'c.n ASC'), pk);
    }
  });
});
