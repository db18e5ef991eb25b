import { BulkOperationType, CosmosClient } from '@azure/cosmos';
import type { OperationInput } from '@azure/cosmos';
import { runPool } from '../../src/delivery/pool';
import type { ContainerName } from '../../src/store/containers';
import type { Doc } from '../../src/store/types';

/** Writes documents for the bench's set-up. */
export type SeedWriter = (container: ContainerName, docs: readonly Doc[]) => Promise<void>;

/**
 * Upserts set-up documents in batches of up to 100 per partition (a request each). The product
 * never uses batches (docs/store.md); the bench uses them only to write thousands of people in seconds.
 */
export function batchSeedWriter(endpoint: string, key: string, database: string): SeedWriter {
  const client = new CosmosClient({ endpoint, key, connectionPolicy: { enableEndpointDiscovery: false } });
  const db = client.database(database);
  return async (container, docs) => {
    const chunks: { pk: string; docs: Doc[] }[] = [];
    const byPk = new Map<string, Doc[]>();
    for (const doc of docs) byPk.set(doc.pk, [...(byPk.get(doc.pk) ?? []), doc]);
    for (const [pk, all] of byPk) for (let i = 0; i < all.length; i += 100) chunks.push({ pk, docs: all.slice(i, i + 100) });
    await runPool(chunks, 4, async (chunk) => {
      const operations: OperationInput[] = chunk.docs.map((doc) => ({ operationType: BulkOperationType.Upsert, partitionKey: chunk.pk, resourceBody: { ...doc } }));
      const response = await db.container(container).items.batch(operations, chunk.pk);
      const failed = (response.result ?? []).filter((r) => r.statusCode >= 400);
      if (failed.length > 0 || response.code === undefined || response.code >= 400) {
        throw new Error(`seeding ${container}/${chunk.pk}: batch answered ${response.code} (${failed.length} operations failed)`);
      }
    });
  };
}
