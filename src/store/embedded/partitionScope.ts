import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * @vercel/cosmosdb-server answers every query by scanning every document of the container, as an
 * array built afresh for each query: a query for one partition costs as much as the whole
 * container, and more with every delivery record and case written. Azure Cosmos DB reads only the
 * partition the request names (`x-ms-documentdb-partitionkey`). This gives the embedded server the
 * same: an index of its documents by partition, and queries that name a partition read only it.
 * The documents found are the same; only the documents looked at change.
 *
 * @azure/cosmos also asks for a query plan beside every page of a query, in case the query turns
 * out to need one; it uses the plan only when the query itself is refused. The server, which has
 * no query plans, ran that request as the query over the whole container and the client threw the
 * answer away. It now runs it over no documents: the same answer in shape, for nothing.
 */

// Nothing to look at: the request is a query plan request.
const NO_DOCUMENTS = Symbol('no documents');

// The partition the request being answered names, for the server's query code further down.
const requestPartition = new AsyncLocalStorage<string | typeof NO_DOCUMENTS>();

/** Runs `answer` (the server's handling of one request) knowing the partition it names, if any. */
export function inRequestPartition<T>(headers: IncomingHttpHeaders, answer: () => T): T {
  if (String(headers['x-ms-cosmos-is-query-plan-request']).toLowerCase() === 'true') return requestPartition.run(NO_DOCUMENTS, answer);
  const partition = partitionOf(headers['x-ms-documentdb-partitionkey']);
  return partition === undefined ? answer() : requestPartition.run(partition, answer);
}

function partitionOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) && parsed.length === 1 && typeof parsed[0] === 'string' ? parsed[0] : undefined;
  } catch {
    return undefined;
  }
}

// The parts of the server's `Items` class this relies on (lib/account/items.js in 1.0.x).
interface ItemsInternals {
  _data: Map<string, { read(): Record<string, unknown> }>;
  _parent: { read(): { indexingPolicy?: { compositeIndexes?: unknown } } | null };
  _getPartition(data: Record<string, unknown>): unknown;
  _getQuery(sql: string): { exec(data: unknown[], options: object): unknown };
  _userDefinedFunctions(): unknown;
  _item(keyPath: string, idOrRid: string, partition: unknown): { read(): Record<string, unknown> | null | undefined };
  _index: Map<string, string>;
  _set: (this: ItemsInternals, data: Record<string, unknown>) => unknown;
  delete: (this: ItemsInternals, idOrRid: string, partition: unknown) => void;
  query: (this: ItemsInternals, params: { query: string; parameters?: unknown }, options: { maxItemCount?: number; continuation?: unknown }) => unknown;
  byPartition?: Map<unknown, Set<string>>;
}

type ItemsPrototype = ItemsInternals & { partitionScoped?: true };

/**
 * Teaches the server's `Items` to keep its documents indexed by partition and to answer a query
 * that names a partition from that partition only. False (and nothing changed) when the installed
 * server is not shaped as expected: queries then scan as before.
 */
export function scopeQueriesToPartitions(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const items = (require('@vercel/cosmosdb-server/lib/account/items') as { default?: { prototype: ItemsPrototype } }).default;
  const proto = items?.prototype;
  if (!proto) return false;
  if (proto.partitionScoped) return true;
  for (const method of ['_set', 'delete', 'query', '_getPartition', '_getQuery', '_userDefinedFunctions', '_item'] as const) {
    if (typeof proto[method] !== 'function') return false;
  }
  const { _set: set, delete: remove, query } = proto;

  proto._set = function (this: ItemsInternals, data) {
    const result = set.call(this, data);
    const byPartition = (this.byPartition ??= new Map<unknown, Set<string>>());
    const key = this._getPartition(data);
    const rids = byPartition.get(key) ?? new Set<string>();
    rids.add(String(data._rid));
    byPartition.set(key, rids);
    return result;
  };
  proto.delete = function (this: ItemsInternals, idOrRid, partition) {
    const data = this._item('/id', idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    if (!data) return;
    const key = this._getPartition(data);
    const rids = this.byPartition?.get(key);
    rids?.delete(String(data._rid));
    if (rids?.size === 0) this.byPartition?.delete(key);
  };
  proto.query = function (this: ItemsInternals, params, options) {
    const partition = requestPartition.getStore();
    const parent = this._parent.read();
    if (partition === undefined || !parent) return query.call(this, params, options);
    const data: Record<string, unknown>[] = [];
    for (const rid of candidates(this, partition, params)) {
      const item = this._data.get(rid);
      if (item) data.push(item.read());
    }
    const compositeIndexes = parent.indexingPolicy?.compositeIndexes ?? [];
    try {
      return this._getQuery(params.query).exec(data, {
        parameters: params.parameters,
        udf: this._userDefinedFunctions(),
        maxItemCount: options.maxItemCount,
        continuation: options.continuation,
        compositeIndexes,
      });
    } catch (err) {
      // As the server's own query: a query it cannot run is the client's bad request.
      (err as { badRequest?: boolean }).badRequest = true;
      throw err;
    }
  };
  proto.partitionScoped = true;
  return true;
}

// A query of documents by a list of ids, as the store writes it (`ARRAY_CONTAINS(@ids, c.id)` as the
// whole filter after the partition): Azure answers it from its index on id, and so does this.
const BY_IDS = /^SELECT \* FROM c WHERE c\.pk = @pk AND \(ARRAY_CONTAINS\((@\w+), c\.id\)\)( ORDER BY [\w.]+( ASC| DESC)?)?$/;

// The documents a query of `partition` has to look at: those with the ids it asks for, or all of
// the partition's. The query itself still applies its whole filter to them.
function candidates(items: ItemsInternals, partition: string | typeof NO_DOCUMENTS, params: { query: string; parameters?: unknown }): Iterable<string> {
  if (partition === NO_DOCUMENTS) return [];
  const ids = idList(params);
  if (!ids) return items.byPartition?.get(partition) ?? [];
  const rids = new Set<string>();
  for (const id of ids) {
    const rid = items._index.get(`${partition}:/id:${id}`);
    if (rid) rids.add(rid);
  }
  return rids;
}

function idList(params: { query: string; parameters?: unknown }): string[] | undefined {
  const name = BY_IDS.exec(params.query)?.[1];
  if (!name || !Array.isArray(params.parameters)) return undefined;
  const value: unknown = (params.parameters as { name?: unknown; value?: unknown }[]).find((p) => p.name === name)?.value;
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value) : undefined;
}
