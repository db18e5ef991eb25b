import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { openCosmosStore } from '../../src/store/cosmosStore';
import { EMULATOR_KEY } from '../../src/store/embedded';
import type { Store } from '../../src/store/types';

/** The Cosmos DB emulator's well-known key; the in-memory server accepts any base64 key. */
export const MEMORY_COSMOS_KEY = EMULATOR_KEY;

export interface MemoryCosmos {
  endpoint: string;
  /** A store over its own database (default: a fresh name), with every container created. */
  open(database?: string): Promise<Store>;
  /** Closes the stores opened here and the server. */
  close(): Promise<void>;
}

/** `@vercel/cosmosdb-server` in memory on a loopback port, spoken to with `@azure/cosmos` as in production. */
export async function startMemoryCosmos(): Promise<MemoryCosmos> {
  const server: Server = createHttpServer({ keepAlive: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stores: Store[] = [];
  return {
    endpoint,
    async open(database = `test-${randomUUID().slice(0, 8)}`) {
      const store = await openCosmosStore({ endpoint, key: MEMORY_COSMOS_KEY, database });
      stores.push(store);
      return store;
    },
    async close() {
      await Promise.all(stores.map((s) => s.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
