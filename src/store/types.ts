import type { ContainerName } from './containers';

/** Every stored document names its partition in `pk` and its kind in `type`. */
export interface Doc {
  id: string;
  pk: string;
  type: string;
}

/** A document as read from the store: with the etag that guards the next write. */
export type Stored<T extends Doc> = T & { _etag: string };

export type QueryParams = Record<string, string | number | boolean | null | readonly (string | number)[]>;

export interface QueryPage<T extends Doc> {
  items: Stored<T>[];
  continuation: string | undefined;
}

/**
 * One container. Every query names its partition (`c.pk = @pk` is added by the implementation),
 * so the same code is correct on Azure Cosmos DB and on the embedded server.
 */
export interface DocContainer {
  readonly name: ContainerName;
  read<T extends Doc>(pk: string, id: string): Promise<Stored<T> | undefined>;
  /** Creates the document; throws `StoreError('conflict')` when the id exists in the partition. */
  create<T extends Doc>(doc: T): Promise<Stored<T>>;
  /** Replaces the document if its etag is still `etag`; throws `StoreError('precondition')` otherwise. */
  replace<T extends Doc>(doc: T, etag: string): Promise<Stored<T>>;
  upsert<T extends Doc>(doc: T): Promise<Stored<T>>;
  /** Deletes the document; a missing document counts as deleted. With `etag`, only that version. */
  delete(pk: string, id: string, etag?: string): Promise<void>;
  /**
   * Documents of one partition matching `where` (SQL over alias `c`, may be empty), in `orderBy`
   * order, one page at a time.
   */
  query<T extends Doc>(
    pk: string,
    where: string,
    params?: QueryParams,
    options?: { orderBy?: string; pageSize?: number; continuation?: string },
  ): Promise<QueryPage<T>>;
}

export interface Store {
  readonly containers: Record<ContainerName, DocContainer>;
  /** Resolves when the store answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type StoreErrorCode = 'conflict' | 'precondition' | 'not_found' | 'throttled' | 'unavailable' | 'too_large';

/** A store failure with a closed set of codes; `retryAfterMs` is set for throttling. */
export class StoreError extends Error {
  constructor(
    public readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.retryAfterMs = options?.retryAfterMs;
  }
  public readonly retryAfterMs: number | undefined;
}

export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
