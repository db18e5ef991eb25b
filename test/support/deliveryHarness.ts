import type { Clock } from '../../src/clock';
import { systemClock } from '../../src/clock';
import { createProactiveSender } from '../../src/bot/proactiveSender';
import type { DeliveryOptions } from '../../src/delivery/deliveryOptions';
import type { DeliveryWorker } from '../../src/delivery/deliveryWorker';
import { startDeliveryWorker } from '../../src/delivery/deliveryWorker';
import { createOutbox } from '../../src/delivery/outbox';
import type { TeamsSender } from '../../src/delivery/sender';
import type { DeliveryView, Outbox } from '../../src/delivery/types';
import { recipientKey } from '../../src/delivery/deliveryDoc';
import type { Logger } from '../../src/log';
import { createLogger } from '../../src/log';
import type { Store } from '../../src/store/types';
import { FakeConnector } from './fakeConnector';
import { FakeResolver } from './fakeResolver';
import type { MemoryCosmos } from './memoryCosmos';
import { startMemoryCosmos } from './memoryCosmos';

/** Worker settings for tests: short polls and backoffs, so that retries happen within a test. */
export const TEST_WORKER_OPTIONS: Partial<DeliveryOptions> = {
  pollMs: 50,
  leaseMs: 10_000,
  retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 400 },
};

export interface DeliveryHarness {
  connector: FakeConnector;
  store: Store;
  resolver: FakeResolver;
  outbox: Outbox;
  log: Logger;
  sender: TeamsSender;
  /** Every delivery state the workers recorded, in order. */
  changes: DeliveryView[];
  /** Resolves once `count` recipients of the batch have a final state (sent, failed or gone) recorded. */
  finished(batchId: string, count: number, timeoutMs?: number): Promise<void>;
  /** A worker on the shared store (or the `store` given), stopped by `stop()` if still running. */
  startWorker(options?: Partial<DeliveryOptions>, parts?: { store?: Store; sender?: TeamsSender; clock?: Clock }): DeliveryWorker;
  stop(): Promise<void>;
}

/** A fake Bot Connector, an in-memory Cosmos store, a directory in memory and the real HTTP sender. */
export async function startDeliveryHarness(options: { enforceTeamsLimits?: boolean; clock?: Clock; cosmos?: MemoryCosmos } = {}): Promise<DeliveryHarness> {
  const connector = await new FakeConnector({ enforceTeamsLimits: options.enforceTeamsLimits ?? false }).start();
  const cosmos = options.cosmos ?? (await startMemoryCosmos());
  const store = await cosmos.open();
  const clock = options.clock ?? systemClock;
  const log = createLogger('silent');
  const resolver = new FakeResolver(connector.serviceUrl);
  const sender = createProactiveSender({ config: { auth: { enabled: false } }, log });
  const workers: DeliveryWorker[] = [];
  const changes: DeliveryView[] = [];
  const waiters = new Set<() => void>();
  const finishedCount = (batchId: string): number => {
    const latest = new Map<string, DeliveryView>();
    for (const view of changes) if (view.batchId === batchId) latest.set(recipientKey(view.recipient), view);
    return [...latest.values()].filter((v) => v.status === 'sent' || v.status === 'failed' || v.status === 'gone').length;
  };
  return {
    changes,
    finished(batchId, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (finishedCount(batchId) < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} finished deliveries of ${batchId} (${finishedCount(batchId)} so far)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    connector,
    store,
    resolver,
    log,
    sender,
    outbox: createOutbox({ store, clock, log }),
    startWorker(workerOptions = {}, parts = {}) {
      const worker = startDeliveryWorker({
        store: parts.store ?? store,
        clock: parts.clock ?? clock,
        log,
        sender: parts.sender ?? sender,
        resolver,
        config: { defaultLocale: 'sv' },
        options: { ...TEST_WORKER_OPTIONS, ...workerOptions },
        onDeliveryChange: (view) => {
          changes.push(view);
          for (const check of [...waiters]) check();
        },
      });
      workers.push(worker);
      return worker;
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await connector.stop();
      if (!options.cosmos) await cosmos.close();
    },
  };
}
