import type { Doc, DocContainer, Stored } from './types';
import { StoreError, isStoreError } from './types';

/** What a mutation decides for the current version of a document. */
export type Change<T extends Doc, R> =
  | { write: T; result: R }
  | { delete: true; result: R }
  | { result: R };

/** Decides, for the current version of a document (or none), what to write and what to answer. */
export type Decide<T extends Doc, R> = (current: Stored<T> | undefined) => Change<T, R> | Promise<Change<T, R>>;

export interface RetryOptions {
  /** How many times a write that lost a race (412/409) is tried again; default 100. */
  attempts?: number;
  /** Waits between attempts, in ms: random in [0, base * 2^n] capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Read-modify-write under optimistic concurrency. `decide` sees the current document (or
 * undefined) and returns what to write; the write is conditional on the etag it read, and a lost
 * race (412, or 409 on create) runs `decide` again on the newer version.
 */
export async function updateDoc<T extends Doc, R>(
  container: DocContainer,
  pk: string,
  id: string,
  decide: Decide<T, R>,
  options: RetryOptions = {},
): Promise<R & {}> {
  const attempts = options.attempts ?? 100;
  for (let attempt = 0; ; attempt++) {
    const current = await container.read<T>(pk, id);
    const change = await decide(current);
    try {
      if ('write' in change) {
        if (current) await container.replace(change.write, current._etag);
        else await container.create(change.write);
      } else if ('delete' in change) {
        if (current) await container.delete(pk, id, current._etag);
      }
      return change.result as R & {};
    } catch (err) {
      const lostRace = isStoreError(err, 'precondition') || (!current && isStoreError(err, 'conflict'));
      if (!lostRace) throw err;
      if (attempt + 1 >= attempts) {
        throw new StoreError('precondition', `gave up writing ${container.name}/${id} after ${attempts} attempts`, {
          cause: err,
        });
      }
      await backoff(attempt, options);
    }
  }
}

/** Reads every page of a partition query. */
export async function queryAll<T extends Doc>(
  container: DocContainer,
  pk: string,
  where: string,
  params?: Parameters<DocContainer['query']>[2],
  options?: { orderBy?: string; pageSize?: number },
): Promise<Stored<T>[]> {
  const out: Stored<T>[] = [];
  let continuation: string | undefined;
  do {
    const page = await container.query<T>(pk, where, params, { pageSize: 500, ...options, continuation });
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation);
  return out;
}

function backoff(attempt: number, options: RetryOptions): Promise<void> {
  const base = options.baseDelayMs ?? 2;
  const max = options.maxDelayMs ?? 250;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 10));
  const ms = Math.random() * ceiling;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
