import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import type { DestinationStream } from 'pino';
import type { DeliveryFactory } from '../../../src/app';
import type { Clock } from '../../../src/clock';
import type { DirectoryEntry } from '../../../src/directory/directoryFile';
import type { JobHandler, OutboxBatch } from '../../../src/delivery/types';
import { CONTAINER_NAMES, type ContainerName } from '../../../src/store/containers';
import type { Store } from '../../../src/store/types';
import { CountingStore } from '../../support/countingStore';
import { MEMORY_COSMOS_KEY, startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';

/** What the service wrote, to prove that a refused request changed nothing. */
export interface WriteLedger {
  /** Creates, replaces, upserts and deletes so far, over every container. */
  writes(): number;
  /** The same, without the inbox's records of processed activities. */
  stateWrites(): number;
  /** Messages handed to the outbox and jobs handed to the scheduler so far. */
  queued(): number;
}

export interface GuardedApp extends WriteLedger {
  bot: TestApp;
  store: CountingStore;
  record: { batches: OutboxBatch[]; jobs: unknown[] };
  /** The job handlers features registered with the (recording) scheduler. */
  handlers: Map<string, JobHandler>;
  /** Every document of the given containers, as stored, without the store's own fields. */
  dump(containers: readonly ContainerName[]): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/**
 * The service over a store that counts every write, with an outbox and scheduler that only record
 * what they were given (no background workers writing on their own), so "nothing changed" is a
 * plain comparison of two numbers. `wrapStore` puts another view (e.g. faults) under the counter.
 */
export async function startGuardedApp(
  options: {
    members?: DirectoryEntry[];
    env?: Record<string, string>;
    clock?: Clock;
    wrapStore?: (store: Store) => Store;
    delivery?: DeliveryFactory;
    logDestination?: DestinationStream;
  } = {},
): Promise<GuardedApp> {
  const memory: MemoryCosmos = await startMemoryCosmos();
  const database = `sec-${randomUUID().slice(0, 8)}`;
  const inner = await memory.open(database);
  const store = new CountingStore(options.wrapStore ? options.wrapStore(inner) : inner);
  const record = { batches: [] as OutboxBatch[], jobs: [] as unknown[] };
  const handlers = new Map<string, JobHandler>();
  const recording: DeliveryFactory = (parts) => {
    const delivery = recordingDelivery(record)(parts);
    const handle = delivery.scheduler.handle.bind(delivery.scheduler);
    delivery.scheduler.handle = (kind, handler) => {
      handlers.set(kind, handler as JobHandler);
      handle(kind, handler);
    };
    return delivery;
  };
  const bot = await startTestApp({
    store,
    delivery: options.delivery ?? recording,
    ...(options.members ? { members: options.members } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const writesTo = (containers: readonly ContainerName[]) =>
    containers.reduce(
      (sum, container) => sum + (['create', 'replace', 'upsert', 'delete'] as const).reduce((n, op) => n + store.count({ container, op }), 0),
      0,
    );
  return {
    bot,
    store,
    record,
    handlers,
    writes: () => writesTo(CONTAINER_NAMES),
    stateWrites: () => writesTo(STATE_CONTAINERS),
    queued: () => record.batches.length + record.jobs.length,
    async dump(containers) {
      const client = new CosmosClient({ endpoint: memory.endpoint, key: MEMORY_COSMOS_KEY, connectionPolicy: { enableEndpointDiscovery: false } });
      try {
        const out: Record<string, unknown>[] = [];
        for (const name of containers) {
          const { resources } = await client.database(database).container(name).items.readAll<Record<string, unknown>>().fetchAll();
          for (const doc of resources) {
            const { _etag, _rid, _self, _ts, _attachments, ...rest } = doc;
            void [_etag, _rid, _self, _ts, _attachments];
            out.push({ container: name, ...rest });
          }
        }
        return out;
      } finally {
        client.dispose();
      }
    },
    async stop() {
      await bot.stop();
      await memory.close();
    },
  };
}

/** Every container but the inbox (its records of processed activities are bookkeeping, not state a person sees). */
export const STATE_CONTAINERS: readonly ContainerName[] = CONTAINER_NAMES.filter((c) => c !== 'inbox');
