import { z } from 'zod';
import type { Logger } from '../../log';
import { type InternalClient, serverPaths } from './internalClient';
import type { JournalEntry, JournalOp } from './journalEntry';

/**
 * Applies journal entries in order, unconditionally: a `put` is an upsert of the stored document,
 * a `delete` removes it, a `request` is sent again. A result other than the original success means
 * the replayed state differs from the one acknowledged; it is logged as an error and replay goes on.
 * Returns how many ops diverged.
 */
export async function replayEntries(client: InternalClient, entries: JournalEntry[], log: Logger): Promise<number> {
  const partitionPaths = new Map<string, string[]>();
  let diverged = 0;
  for (const entry of entries) {
    for (const op of entry.ops) {
      const status = await apply(client, op, partitionPaths);
      if (status < 200 || status > 299) {
        diverged += 1;
        log.error({ seq: entry.seq, op: op.op, status }, 'a journal entry did not replay as it was first applied');
      }
      if (op.op === 'request') partitionPaths.clear();
    }
  }
  return diverged;
}

async function apply(client: InternalClient, op: JournalOp, partitionPaths: Map<string, string[]>): Promise<number> {
  switch (op.op) {
    case 'put': {
      const paths = await partitionKeyPaths(client, op.db, op.coll, partitionPaths);
      if (!paths) return 404;
      const { status } = await client.request('POST', serverPaths.documents(op.db, op.coll), {
        headers: {
          'content-type': 'application/json',
          'x-ms-documentdb-is-upsert': 'true',
          'x-ms-documentdb-partitionkey': JSON.stringify(paths.map((p) => valueAt(op.doc, p) ?? {})),
        },
        body: JSON.stringify(op.doc),
      });
      return status;
    }
    case 'delete': {
      const { status } = await client.request('DELETE', serverPaths.document(op.db, op.coll, op.id), {
        headers: { 'x-ms-documentdb-partitionkey': op.partitionKey },
      });
      return status;
    }
    case 'request': {
      const { status } = await client.request(op.method, op.path, {
        headers: op.headers,
        ...(op.method === 'DELETE' ? {} : { body: op.body }),
      });
      return status;
    }
  }
}

async function partitionKeyPaths(
  client: InternalClient,
  db: string,
  coll: string,
  cache: Map<string, string[]>,
): Promise<string[] | undefined> {
  const key = JSON.stringify([db, coll]);
  const known = cache.get(key);
  if (known) return known;
  const { status, json } = await client.request('GET', serverPaths.collection(db, coll));
  if (status !== 200) return undefined;
  const definition = collectionSchema.safeParse(json);
  // The server partitions a collection without a definition on `/id`.
  const paths = (definition.success ? definition.data.partitionKey?.paths : undefined) ?? ['/id'];
  cache.set(key, paths);
  return paths;
}

const collectionSchema = z.object({ partitionKey: z.object({ paths: z.array(z.string()) }).optional() });

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('/').slice(1)) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
