import { CosmosClient } from '@azure/cosmos';
import { CONTAINER_NAMES } from '../../src/store/containers';

/** How many documents of one kind a container holds, and their average size as stored JSON. */
export interface DocumentSize {
  container: string;
  type: string;
  count: number;
  averageBytes: number;
}

/**
 * Reads every document of the bot's store after the run (with the bench's own client, not
 * counted) and sizes them by container and `type`: what a request unit estimate multiplies by.
 * Sizes are of the JSON as stored, without the store's own fields (`_rid`, `_etag`, …), which
 * Azure adds to every document too (about 150 bytes).
 */
export async function documentSizes(endpoint: string, key: string, database: string): Promise<DocumentSize[]> {
  const client = new CosmosClient({ endpoint, key, connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    const sizes = new Map<string, { count: number; bytes: number }>();
    for (const name of CONTAINER_NAMES) {
      const { resources } = await client.database(database).container(name).items.readAll<Record<string, unknown>>().fetchAll();
      for (const doc of resources) {
        const { _rid, _self, _etag, _ts, _attachments, ...own } = doc;
        void [_rid, _self, _etag, _ts, _attachments];
        const key = `${name}\u0000${typeof own.type === 'string' ? own.type : '?'}`;
        const entry = sizes.get(key) ?? { count: 0, bytes: 0 };
        entry.count += 1;
        entry.bytes += Buffer.byteLength(JSON.stringify(own), 'utf8');
        sizes.set(key, entry);
      }
    }
    return [...sizes.entries()]
      .map(([k, v]) => {
        const [container = '', type = ''] = k.split('\u0000');
        return { container, type, count: v.count, averageBytes: Math.round(v.bytes / v.count) };
      })
      .sort((a, b) => a.container.localeCompare(b.container) || a.type.localeCompare(b.type));
  } finally {
    client.dispose();
  }
}
