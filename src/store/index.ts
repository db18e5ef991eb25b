import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../log';
import { openCosmosStore } from './cosmosStore';
import { type EmbeddedCosmos, startEmbeddedCosmos } from './embedded';
import type { Store } from './types';

export interface OpenedStore {
  store: Store;
  /** Present when the store runs on the embedded server; `store.close()` closes it too. */
  embedded?: EmbeddedCosmos;
}

/**
 * Opens the store `config.cosmos` names: the embedded server, durable under `DATA_DIR/cosmos`, or
 * Azure Cosmos DB (or the emulator) with a key, or with managed identity when there is none.
 */
export async function openStore(config: Config, log: Logger): Promise<OpenedStore> {
  const cosmos = config.cosmos;
  if (cosmos.kind === 'remote') {
    // Loaded only for managed identity: the package takes about half a second to load.
    const credential = cosmos.key
      ? undefined
      : new (await import('@azure/identity')).DefaultAzureCredential(
          cosmos.managedIdentityClientId ? { managedIdentityClientId: cosmos.managedIdentityClientId } : {},
        );
    log.info(
      { endpoint: cosmos.endpoint, database: cosmos.database, auth: cosmos.key ? 'key' : 'managed identity' },
      'opening Cosmos DB',
    );
    const store = await openCosmosStore({
      endpoint: cosmos.endpoint,
      database: cosmos.database,
      key: cosmos.key,
      credential,
    });
    return { store };
  }

  const embedded = await startEmbeddedCosmos({
    dataDir: join(cosmos.dataDir, 'cosmos'),
    port: cosmos.port,
    log: log.child({ component: 'embedded-cosmos' }),
  });
  let store: Store;
  try {
    store = await openCosmosStore({ endpoint: embedded.endpoint, key: embedded.key, database: cosmos.database });
  } catch (err) {
    await embedded.close();
    throw err;
  }
  return {
    embedded,
    store: {
      containers: store.containers,
      ping: () => store.ping(),
      close: async () => {
        await store.close();
        await embedded.close();
      },
    },
  };
}
