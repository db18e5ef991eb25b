import type { DeliveryFactory } from '../../../src/app';
import type { Clock } from '../../../src/clock';
import type { DirectoryEntry } from '../../../src/features/directory/directoryFile';
import type { OutboxBatch } from '../../../src/delivery/types';
import { CONTAINER_NAMES } from '../../../src/store/containers';
import type { Store } from '../../../src/store/types';
import { CountingStore } from '../../support/countingStore';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';

/** What the service wrote, to prove that a refused request changed nothing. */
export interface WriteLedger {
  /** Creates, replaces, upserts and deletes so far, over every container. */
  writes(): number;
  /** Messages handed to the outbox and jobs handed to the scheduler so far. */
  queued(): number;
}

export interface GuardedApp extends WriteLedger {
  bot: TestApp;
  store: CountingStore;
  record: { batches: OutboxBatch[]; jobs: unknown[] };
  stop(): Promise<void>;
}

/**
 * The service over a store that counts every write, with an outbox and scheduler that only record
 * what they were given (no background workers writing on their own), so "nothing changed" is a
 * plain comparison of two numbers. `wrapStore` puts another view (e.g. faults) under the counter.
 */
export async function startGuardedApp(
  options: { members?: DirectoryEntry[]; env?: Record<string, string>; clock?: Clock; wrapStore?: (store: Store) => Store; delivery?: DeliveryFactory } = {},
): Promise<GuardedApp> {
  const memory: MemoryCosmos = await startMemoryCosmos();
  const inner = await memory.open();
  const store = new CountingStore(options.wrapStore ? options.wrapStore(inner) : inner);
  const record = { batches: [] as OutboxBatch[], jobs: [] as unknown[] };
  const bot = await startTestApp({
    store,
    delivery: options.delivery ?? recordingDelivery(record),
    ...(options.members ? { members: options.members } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const writes = () =>
    (['create', 'replace', 'upsert', 'delete'] as const).reduce((sum, op) => sum + store.count({ op }), 0);
  return {
    bot,
    store,
    record,
    writes,
    queued: () => record.batches.length + record.jobs.length,
    async stop() {
      await bot.stop();
      await memory.close();
    },
  };
}

/** Every container's name, for messages that say where a write went. */
export const ALL_CONTAINERS = CONTAINER_NAMES;
