import { performance } from 'node:perf_hooks';
import { CONTAINER_NAMES, type ContainerName } from './containers';
import type { Doc, DocContainer, QueryPage, QueryParams, Store, Stored } from './types';

/** Which reads of a container are kept in memory, and for how long. */
export interface ReadCachePolicy {
  /** Point reads of these documents are kept (absent ones too). */
  keepsDoc(pk: string, id: string): boolean;
  /** Query answers over these partitions are kept; their documents fill the point-read cache. */
  keepsQueries?(pk: string): boolean;
  /** How long a kept answer of the partition is served: what another instance's write can be late by here. */
  ttlMs(pk: string): number;
  /** Kept answers at most (documents and queries each); past it, the expired go, then all. */
  maxEntries?: number;
}

interface Kept<T> {
  value: T;
  /** When it stops being served. */
  until: number;
}

const DEFAULT_MAX_ENTRIES = 20_000;

/**
 * The store with some reads answered from memory: every write this process makes through it
 * replaces or forgets what it kept of that document and of the queries over its partition, and a
 * lost etag race forgets the document, so this process never serves an answer older than its own
 * last write. Another instance's writes (and the person's own work on another instance) show here
 * at most `ttlMs` later; a restart starts empty. Callers get their own copy of every answer.
 */
export function withReadCache(store: Store, policies: Partial<Record<ContainerName, ReadCachePolicy>>, now: () => number = () => performance.now()): Store {
  const containers = Object.fromEntries(
    CONTAINER_NAMES.map((name) => {
      const policy = policies[name];
      return [name, policy ? caching(store.containers[name], policy, now) : store.containers[name]];
    }),
  ) as Record<ContainerName, DocContainer>;
  return { containers, ping: () => store.ping(), close: () => store.close() };
}

function caching(inner: DocContainer, policy: ReadCachePolicy, now: () => number): DocContainer {
  const max = policy.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const docs = new Map<string, Kept<Stored<Doc> | undefined>>();
  const queries = new Map<string, Map<string, Kept<QueryPage<Doc>>>>();
  // Bumped by every write: an answer read while a write went on is not kept (it may be older).
  let writes = 0;

  const docKey = (pk: string, id: string) => `${pk}\u0000${id}`;
  const fresh = <T>(kept: Kept<T> | undefined): kept is Kept<T> => kept !== undefined && now() < kept.until;
  const bounded = <T>(map: Map<string, Kept<T>>) => {
    if (map.size < max) return;
    for (const [key, kept] of map) if (!fresh(kept)) map.delete(key);
    if (map.size >= max) map.clear();
  };
  const keepDoc = (doc: Stored<Doc>) => {
    if (!policy.keepsDoc(doc.pk, doc.id)) return;
    bounded(docs);
    docs.set(docKey(doc.pk, doc.id), { value: structuredClone(doc), until: now() + policy.ttlMs(doc.pk) });
  };
  // A write through here: its answer is the document's latest version; the queries over the partition are stale.
  const wrote = (pk: string, id: string, after: Stored<Doc> | undefined) => {
    writes += 1;
    queries.delete(pk);
    if (after) keepDoc(after);
    else docs.delete(docKey(pk, id));
  };
  const guarded = async <T>(pk: string, id: string, write: () => Promise<T>): Promise<T> => {
    writes += 1;
    try {
      return await write();
    } catch (err) {
      // A lost race or a failed write: what is kept of the document may be older than the store's.
      wrote(pk, id, undefined);
      throw err;
    }
  };

  // A write that answers with the document as stored.
  const stores = <T extends Doc>(doc: T, write: () => Promise<Stored<T>>): Promise<Stored<T>> =>
    guarded(doc.pk, doc.id, async () => {
      const stored = await write();
      wrote(doc.pk, doc.id, stored);
      return stored;
    });

  return {
    name: inner.name,
    async read<T extends Doc>(pk: string, id: string): Promise<Stored<T> | undefined> {
      if (!policy.keepsDoc(pk, id)) return inner.read<T>(pk, id);
      const kept = docs.get(docKey(pk, id));
      if (fresh(kept)) return kept.value === undefined ? undefined : (structuredClone(kept.value) as Stored<T>);
      const before = writes;
      const doc = await inner.read<T>(pk, id);
      if (writes === before) {
        bounded(docs);
        docs.set(docKey(pk, id), { value: doc === undefined ? undefined : structuredClone(doc), until: now() + policy.ttlMs(pk) });
      }
      return doc;
    },
    async query<T extends Doc>(
      pk: string,
      where: string,
      params?: QueryParams,
      options?: { orderBy?: string; pageSize?: number; continuation?: string },
    ): Promise<QueryPage<T>> {
      const keepsQuery = policy.keepsQueries?.(pk) ?? false;
      const key = JSON.stringify([where, params ?? null, options ?? null]);
      const kept = keepsQuery ? queries.get(pk)?.get(key) : undefined;
      if (fresh(kept)) return structuredClone(kept.value) as QueryPage<T>;
      const before = writes;
      const page = await inner.query<T>(pk, where, params, options);
      if (writes === before) {
        for (const doc of page.items) keepDoc(doc);
        if (keepsQuery) {
          const forPk = queries.get(pk) ?? new Map<string, Kept<QueryPage<Doc>>>();
          bounded(forPk);
          forPk.set(key, { value: structuredClone(page), until: now() + policy.ttlMs(pk) });
          queries.set(pk, forPk);
        }
      }
      return page;
    },
    create: <T extends Doc>(doc: T) => stores(doc, () => inner.create(doc)),
    replace: <T extends Doc>(doc: T, etag: string) => stores(doc, () => inner.replace(doc, etag)),
    upsert: <T extends Doc>(doc: T) => stores(doc, () => inner.upsert(doc)),
    delete: (pk: string, id: string, etag?: string) =>
      guarded(pk, id, async () => {
        await inner.delete(pk, id, etag);
        wrote(pk, id, undefined);
        if (policy.keepsDoc(pk, id)) docs.set(docKey(pk, id), { value: undefined, until: now() + policy.ttlMs(pk) });
      }),
  };
}
