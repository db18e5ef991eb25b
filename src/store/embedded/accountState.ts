import type { ServerAccount, ServerResource } from './cosmosServer';
import type { JournalOp } from './journalEntry';
import type { SnapshotState } from './snapshotFile';

// The partition key header (`["value"]`) read as the server's own delete handler reads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parsePartitionKey } = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header') as {
  parsePartitionKey: (this: void, header: string, fallback: string) => unknown;
};

/**
 * The whole state as it stands, by reference: every database, collection, document and function
 * object the server holds now. The server never changes a stored object in place (a write stores a
 * new object), so this is a consistent copy as of the moment it is taken, whatever is written
 * after; it costs one pointer per document. Server fields are still on the objects; the snapshot
 * encoder leaves them out.
 */
export interface StateCopy {
  databases: {
    definition: ServerResource;
    collections: { definition: ServerResource; documents: ServerResource[]; udfs: ServerResource[] }[];
  }[];
}

export function copyState(account: ServerAccount): StateCopy {
  return {
    databases: [...account.databases._data.values()].map((db) => ({
      definition: db.read(),
      collections: [...db.collections._data.values()].map((coll) => ({
        definition: coll.read(),
        documents: [...coll.documents._data.values()].map((item) => item.read()),
        udfs: [...coll.userDefinedFunctions._data.values()].map((item) => item.read()),
      })),
    })),
  };
}

/** Loads a snapshot's state into an empty account, in its order; the server assigns its fields anew. */
export function restoreState(account: ServerAccount, state: SnapshotState): void {
  for (const db of state.databases) {
    account.databases.create(db.definition);
    const database = account.database(db.definition.id);
    for (const coll of db.collections) {
      database.collections.create(coll.definition);
      const collection = database.collection(coll.definition.id);
      for (const doc of coll.documents) collection.documents.create(doc);
      for (const udf of coll.udfs) collection.userDefinedFunctions.create(udf);
    }
  }
}

/**
 * Applies one journaled document effect: a `put` stores the document as it was stored (an
 * upsert), a `delete` removes it. Returns false when it cannot apply (its container is missing),
 * which the replay reports as a divergence. `request` ops go through the HTTP path instead.
 */
export function applyDocumentOp(account: ServerAccount, op: Exclude<JournalOp, { op: 'request' }>): boolean {
  const collection = account.database(op.db).collection(op.coll);
  if (!collection.read()) return false;
  if (op.op === 'put') {
    collection.documents.upsert(op.doc);
    return true;
  }
  const partition = parsePartitionKey(op.partitionKey, op.id);
  if (collection.documents._item('/id', op.id, partition).read()) collection.documents.delete(op.id, partition);
  return true;
}

