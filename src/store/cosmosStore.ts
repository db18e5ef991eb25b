import type { Container, Database, ItemDefinition, SqlParameter } from '@azure/cosmos';
import { CosmosClient } from '@azure/cosmos';
import type { TokenCredential } from '@azure/core-auth';
import { CONTAINERS, CONTAINER_NAMES, type ContainerName } from './containers';
import type { Doc, DocContainer, QueryPage, QueryParams, Store, Stored } from './types';
import { StoreError } from './types';

export interface CosmosStoreOptions {
  endpoint: string;
  database: string;
  /** Account key; without one, `credential` (managed identity) is used. */
  key?: string | undefined;
  credential?: TokenCredential | undefined;
  /** The embedded server and the emulator publish no regional endpoints to discover. */
  discoverEndpoints?: boolean;
}

/** Opens the database, creating it and the containers of `CONTAINERS` when missing. */
export async function openCosmosStore(options: CosmosStoreOptions): Promise<Store> {
  const client = new CosmosClient({
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: requireCredential(options.credential) }),
    connectionPolicy: {
      enableEndpointDiscovery: options.discoverEndpoints ?? false,
      requestTimeout: 10_000,
      retryOptions: { maxRetryAttemptCount: 5, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 10 },
    },
  });
  const { database } = await client.databases.createIfNotExists({ id: options.database });
  const entries = await Promise.all(
    CONTAINER_NAMES.map(async (name) => {
      const { container } = await database.containers.createIfNotExists({
        id: name,
        partitionKey: { paths: [CONTAINERS[name].partitionKey] },
      });
      return [name, new CosmosContainer(name, container)] as const;
    }),
  );
  return {
    containers: Object.fromEntries(entries) as unknown as Record<ContainerName, DocContainer>,
    ping: () => ping(database),
    close: () => Promise.resolve(client.dispose()),
  };
}

function requireCredential(credential: TokenCredential | undefined): TokenCredential {
  if (!credential) throw new Error('a Cosmos DB key or a token credential is required');
  return credential;
}

async function ping(database: Database): Promise<void> {
  try {
    await database.read();
  } catch (err) {
    throw toStoreError(err, 'database');
  }
}

class CosmosContainer implements DocContainer {
  constructor(
    public readonly name: ContainerName,
    private readonly container: Container,
  ) {}

  async read<T extends Doc>(pk: string, id: string): Promise<Stored<T> | undefined> {
    try {
      const { resource, statusCode } = await this.container.item(id, pk).read<T & ItemDefinition>();
      if (statusCode === 404 || !resource) return undefined;
      return resource;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw toStoreError(err, this.describe(id));
    }
  }

  async create<T extends Doc>(doc: T): Promise<Stored<T>> {
    try {
      const { resource } = await this.container.items.create<T>(doc);
      return resource as Stored<T>;
    } catch (err) {
      throw toStoreError(err, this.describe(doc.id));
    }
  }

  async replace<T extends Doc>(doc: T, etag: string): Promise<Stored<T>> {
    try {
      const { resource } = await this.container
        .item(doc.id, doc.pk)
        .replace<T>(stripSystem(doc), { accessCondition: { type: 'IfMatch', condition: etag } });
      return resource as Stored<T>;
    } catch (err) {
      const mapped = toStoreError(err, this.describe(doc.id));
      // Replacing a document that was deleted meanwhile is a lost race too.
      throw mapped.code === 'not_found' ? new StoreError('precondition', mapped.message, { cause: err }) : mapped;
    }
  }

  async upsert<T extends Doc>(doc: T): Promise<Stored<T>> {
    try {
      const { resource } = await this.container.items.upsert<T>(stripSystem(doc));
      return resource as Stored<T>;
    } catch (err) {
      throw toStoreError(err, this.describe(doc.id));
    }
  }

  async delete(pk: string, id: string, etag?: string): Promise<void> {
    try {
      await this.container
        .item(id, pk)
        .delete(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : undefined);
    } catch (err) {
      if (statusOf(err) === 404 && !etag) return;
      const mapped = toStoreError(err, this.describe(id));
      throw mapped.code === 'not_found' ? new StoreError('precondition', mapped.message, { cause: err }) : mapped;
    }
  }

  async query<T extends Doc>(
    pk: string,
    where: string,
    params: QueryParams = {},
    options: { orderBy?: string; pageSize?: number; continuation?: string } = {},
  ): Promise<QueryPage<T>> {
    if ('pk' in params) throw new Error('@pk is reserved for the partition');
    const filter = where.trim() === '' ? '' : ` AND (${where})`;
    const order = options.orderBy ? ` ORDER BY ${options.orderBy}` : '';
    const parameters: SqlParameter[] = [
      { name: '@pk', value: pk },
      ...Object.entries(params).map(([name, value]) => ({ name: `@${name}`, value: value })),
    ];
    try {
      const iterator = this.container.items.query<Stored<T>>(
        { query: `SELECT * FROM c WHERE c.pk = @pk${filter}${order}`, parameters },
        {
          partitionKey: pk,
          maxItemCount: options.pageSize ?? 100,
          ...(options.continuation ? { continuationToken: options.continuation } : {}),
        },
      );
      const page = await iterator.fetchNext();
      return { items: page.resources, continuation: page.hasMoreResults ? page.continuationToken : undefined };
    } catch (err) {
      throw toStoreError(err, `${this.name} query`);
    }
  }

  private describe(id: string): string {
    return `${this.name}/${id}`;
  }
}

/** The store's own fields are not sent back on a write. */
function stripSystem<T extends Doc>(doc: T): T {
  const { _etag, _rid, _self, _ts, _attachments, ...rest } = doc as T & Record<string, unknown>;
  void _etag;
  void _rid;
  void _self;
  void _ts;
  void _attachments;
  return rest as T;
}

function statusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; statusCode?: unknown };
    if (typeof e.statusCode === 'number') return e.statusCode;
    if (typeof e.code === 'number') return e.code;
  }
  return undefined;
}

function toStoreError(err: unknown, what: string): StoreError {
  const status = statusOf(err);
  switch (status) {
    case 404:
      return new StoreError('not_found', `${what} not found`, { cause: err });
    case 409:
      return new StoreError('conflict', `${what} already exists`, { cause: err });
    case 412:
      return new StoreError('precondition', `${what} was changed by someone else`, { cause: err });
    case 413:
      return new StoreError('too_large', `${what} is too large`, { cause: err });
    case 429: {
      const retryAfterMs = (err as { retryAfterInMs?: number }).retryAfterInMs;
      return new StoreError('throttled', `${what}: the store is busy`, {
        cause: err,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    default:
      return new StoreError('unavailable', `${what}: the store did not answer (${status ?? 'no status'})`, {
        cause: err,
      });
  }
}
