import { CONTAINER_NAMES, type ContainerName } from './containers';
import type { DocContainer, Store } from './types';
import { isStoreError, type StoreError } from './types';

export interface TransientRetryOptions {
  /** Tries after the first; default 3. */
  retries?: number;
  /** First backoff when the store names no wait, doubled per try, with jitter; default 40 ms. */
  baseDelayMs?: number;
  /** Longest wait between tries, whatever the store's retry-after says; default 1 s. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Op = keyof Omit<DocContainer, 'name'>;

/**
 * Which failures each operation may be tried again after without risk of doing it twice.
 * Reads, queries, upserts and deletes are idempotent. A replace or a delete under an etag that
 * did apply before its answer was lost fails its retry with 412, which `updateDoc` treats as a lost
 * race and decides again on what is now stored. A create is retried only after throttling (429),
 * which Cosmos DB guarantees was not applied: after a lost answer the retry would see its own
 * document as a conflict.
 */
const RETRYABLE: Record<Op, readonly StoreError['code'][]> = {
  read: ['throttled', 'unavailable'],
  query: ['throttled', 'unavailable'],
  upsert: ['throttled', 'unavailable'],
  replace: ['throttled', 'unavailable'],
  delete: ['throttled', 'unavailable'],
  create: ['throttled'],
};

/**
 * The store, with short bounded retries of throttled (429) and unavailable (503, timeout)
 * operations where a retry is safe. The Cosmos SDK already retries 429 on its own; this layer
 * covers what gets through it and the embedded server. It gives up within a couple of seconds so
 * that a turn can still answer "try again" well inside Teams' invoke timeout.
 */
export function withTransientRetries(store: Store, options: TransientRetryOptions = {}): Store {
  const containers = Object.fromEntries(
    CONTAINER_NAMES.map((name) => [name, retryingContainer(store.containers[name], options)]),
  ) as Record<ContainerName, DocContainer>;
  return { containers, ping: () => store.ping(), close: () => store.close() };
}

function retryingContainer(inner: DocContainer, options: TransientRetryOptions): DocContainer {
  const retries = options.retries ?? 3;
  const base = options.baseDelayMs ?? 40;
  const max = options.maxDelayMs ?? 1_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const retried =
    <A extends unknown[], R>(op: Op, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await call(...args);
        } catch (err) {
          const retryable = isStoreError(err) && RETRYABLE[op].includes(err.code);
          if (!retryable || attempt >= retries) throw err;
          const named = err.retryAfterMs;
          const backoff = base * 2 ** attempt;
          await sleep(Math.min(max, named ?? backoff / 2 + Math.random() * (backoff / 2)));
        }
      }
    };

  return {
    name: inner.name,
    read: retried('read', inner.read.bind(inner)),
    create: retried('create', inner.create.bind(inner)),
    replace: retried('replace', inner.replace.bind(inner)),
    upsert: retried('upsert', inner.upsert.bind(inner)),
    delete: retried('delete', inner.delete.bind(inner)),
    query: retried('query', inner.query.bind(inner)),
  } as DocContainer;
}
