import assert from 'node:assert/strict';
import { queryAll, updateDoc } from '../../../src/store/concurrency';
import type { Doc, DocContainer, Store, StoreErrorCode } from '../../../src/store/types';
import { isStoreError } from '../../../src/store/types';

interface Item extends Doc {
  n: number;
  kind?: string;
}

export interface StoreUnderTest {
  store: Store;
  close(): Promise<void>;
}

/**
 * What every `Store` implementation promises, as one suite: run it against each implementation
 * with a factory that opens a fresh store. Each test writes to partitions of its own.
 */
export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name} keeps the store contract`, () => {
    let subject: StoreUnderTest;
    let container: DocContainer;
    let partitions = 0;
    const partition = (): string => `contract-${++partitions}`;
    const item = (pk: string, id: string, n = 0, extra: Partial<Item> = {}): Item => ({ id, pk, type: 'item', n, ...extra });

    before(async () => {
      subject = await open();
      container = subject.store.containers.cases;
    });
    after(async () => {
      await subject.close();
    });

    it('answers a ping', async () => {
      await subject.store.ping();
    });

    it('reads back what it created, with an etag', async () => {
      const pk = partition();
      const created = await container.create(item(pk, 'a', 1));
      assert.equal(typeof created._etag, 'string');
      const read = await container.read<Item>(pk, 'a');
      assert.equal(read?.n, 1);
      assert.equal(read?._etag, created._etag);
    });

    it('reads nothing for an id that is not there, or that lives in another partition', async () => {
      const pk = partition();
      await container.create(item(pk, 'a'));
      assert.equal(await container.read(pk, 'missing'), undefined);
      assert.equal(await container.read(partition(), 'a'), undefined);
    });

    it('replaces with the current etag and refuses a stale one with a precondition error', async () => {
      const pk = partition();
      const first = await container.create(item(pk, 'a', 1));
      const second = await container.replace(item(pk, 'a', 2), first._etag);
      assert.notEqual(second._etag, first._etag);
      await assert.rejects(container.replace(item(pk, 'a', 3), first._etag), isCode('precondition'));
      assert.equal((await container.read<Item>(pk, 'a'))?.n, 2);
    });

    it('treats replacing a document deleted meanwhile as a lost race', async () => {
      const pk = partition();
      const created = await container.create(item(pk, 'a'));
      await container.delete(pk, 'a');
      await assert.rejects(container.replace(item(pk, 'a', 1), created._etag), isCode('precondition'));
    });

    it('refuses to create an id that exists in the partition, and allows it in another one', async () => {
      const pk = partition();
      await container.create(item(pk, 'a', 1));
      await assert.rejects(container.create(item(pk, 'a', 2)), isCode('conflict'));
      assert.equal((await container.read<Item>(pk, 'a'))?.n, 1);
      const other = partition();
      await container.create(item(other, 'a', 3));
      assert.equal((await container.read<Item>(other, 'a'))?.n, 3);
    });

    it('upserts: creates when missing, replaces when present', async () => {
      const pk = partition();
      const created = await container.upsert(item(pk, 'a', 1));
      const replaced = await container.upsert({ ...item(pk, 'a', 2), _etag: created._etag });
      assert.notEqual(replaced._etag, created._etag);
      assert.equal((await container.read<Item>(pk, 'a'))?.n, 2);
    });

    it('deletes idempotently: a document that is not there counts as deleted', async () => {
      const pk = partition();
      await container.create(item(pk, 'a'));
      await container.delete(pk, 'a');
      assert.equal(await container.read(pk, 'a'), undefined);
      await container.delete(pk, 'a');
      await container.delete(pk, 'never-existed');
    });

    it('refuses a delete with a stale etag and keeps the document; deletes with the current one', async () => {
      const pk = partition();
      const first = await container.create(item(pk, 'a', 1));
      const second = await container.replace(item(pk, 'a', 2), first._etag);
      await assert.rejects(container.delete(pk, 'a', first._etag), isCode('precondition'));
      assert.equal((await container.read<Item>(pk, 'a'))?.n, 2);
      await container.delete(pk, 'a', second._etag);
      assert.equal(await container.read(pk, 'a'), undefined);
    });

    it('refuses a delete with an etag once the document is gone', async () => {
      const pk = partition();
      const created = await container.create(item(pk, 'a'));
      await container.delete(pk, 'a');
      await assert.rejects(container.delete(pk, 'a', created._etag), isCode('precondition'));
    });

    it('queries one partition only: documents of other partitions are never returned', async () => {
      const mine = partition();
      const theirs = partition();
      await Promise.all([
        container.create(item(mine, 'a', 1)),
        container.create(item(mine, 'b', 2)),
        container.create(item(theirs, 'a', 1)),
        container.create(item(theirs, 'c', 3)),
      ]);
      const all = await container.query<Item>(mine, '');
      assert.deepEqual(ids(all.items), ['a', 'b']);
      const filtered = await container.query<Item>(mine, 'c.n >= 1');
      assert.ok(filtered.items.every((d) => d.pk === mine));
      assert.deepEqual(ids(filtered.items), ['a', 'b']);
    });

    it('orders query results', async () => {
      const pk = partition();
      await Promise.all([3, 1, 2].map((n) => container.create(item(pk, `d${n}`, n))));
      const descending = await container.query<Item>(pk, '', {}, { orderBy: 'c.n DESC' });
      assert.deepEqual(
        descending.items.map((d) => d.n),
        [3, 2, 1],
      );
      const ascending = await container.query<Item>(pk, '', {}, { orderBy: 'c.n' });
      assert.deepEqual(
        ascending.items.map((d) => d.n),
        [1, 2, 3],
      );
    });

    it('pages through more than one page with continuation tokens, each document once', async () => {
      const pk = partition();
      const noise = partition();
      for (let n = 0; n < 25; n++) await container.create(item(pk, `d${String(n).padStart(2, '0')}`, n));
      await container.create(item(noise, 'x', 100));
      // A replaced document must still be returned exactly once.
      const d03 = await container.read<Item>(pk, 'd03');
      await container.replace({ ...item(pk, 'd03', 3), kind: 'replaced' }, d03!._etag);

      for (const orderBy of [undefined, 'c.n DESC']) {
        const seen: Item[] = [];
        const sizes: number[] = [];
        let continuation: string | undefined;
        do {
          const page = await container.query<Item>(pk, '', {}, { pageSize: 10, ...(orderBy ? { orderBy } : {}), ...(continuation ? { continuation } : {}) });
          sizes.push(page.items.length);
          seen.push(...page.items);
          continuation = page.continuation;
        } while (continuation);
        assert.deepEqual(sizes, [10, 10, 5], `pages of ${orderBy ?? 'unordered'}`);
        assert.equal(new Set(ids(seen)).size, 25, 'no document twice');
        assert.ok(seen.every((d) => d.pk === pk));
        if (orderBy) assert.deepEqual(seen.map((d) => d.n), Array.from({ length: 25 }, (_, i) => 24 - i));
      }
      assert.equal((await queryAll<Item>(container, pk, '')).length, 25);
    });

    it('binds named parameters, scalars and arrays', async () => {
      const pk = partition();
      await Promise.all([
        container.create(item(pk, 'a', 1, { kind: 'x' })),
        container.create(item(pk, 'b', 5, { kind: 'y' })),
        container.create(item(pk, 'c', 9, { kind: 'z' })),
      ]);
      const scalar = await container.query<Item>(pk, 'c.n >= @min AND c.kind != @not', { min: 2, not: 'z' });
      assert.deepEqual(ids(scalar.items), ['b']);
      const array = await container.query<Item>(pk, 'ARRAY_CONTAINS(@kinds, c.kind)', { kinds: ['x', 'z'] });
      assert.deepEqual(ids(array.items), ['a', 'c']);
    });

    it('reserves @pk for the partition', async () => {
      await assert.rejects(container.query(partition(), 'c.n = @pk', { pk: 'other' }), /@pk is reserved/);
    });

    it('updateDoc: 50 concurrent writers each add one, and the count ends at exactly 50', async () => {
      const pk = partition();
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          updateDoc<Item, number>(container, pk, 'counter', (current) => {
            const n = (current?.n ?? 0) + 1;
            return { write: item(pk, 'counter', n), result: n };
          }),
        ),
      );
      assert.equal((await container.read<Item>(pk, 'counter'))?.n, 50);
      assert.deepEqual(
        [...results].sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, i) => i + 1),
        'every writer saw a different count',
      );
    });

    it('updateDoc deletes under the etag it read', async () => {
      const pk = partition();
      await container.create(item(pk, 'a', 1));
      const outcome = await updateDoc<Item, string>(container, pk, 'a', (current) =>
        current ? { delete: true, result: 'deleted' } : { result: 'absent' },
      );
      assert.equal(outcome, 'deleted');
      assert.equal(await container.read(pk, 'a'), undefined);
    });
  });
}

function ids(docs: Doc[]): string[] {
  return docs.map((d) => d.id).sort();
}

function isCode(code: StoreErrorCode): (err: unknown) => boolean {
  return (err: unknown) => isStoreError(err, code);
}
