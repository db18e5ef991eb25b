import { mkdtempSync, writeFileSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type DeliveryFactory } from '../../src/app';
import type { Clock } from '../../src/clock';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { DirectoryEntry } from '../../src/directory/directoryFile';
import { createLogger, type Logger } from '../../src/log';
import { createProactiveSender } from '../../src/bot/proactiveSender';
import { createDelivery } from '../../src/delivery/delivery';
import type { DeliveryOptions } from '../../src/delivery/deliveryOptions';
import type { SchedulerOptions } from '../../src/delivery/scheduler';
import { TEST_WORKER_OPTIONS } from './deliveryHarness';
import { startMemoryCosmos } from './memoryCosmos';
import type { Store } from '../../src/store/types';
import { FakeConnector } from './fakeConnector';

export interface TestApp {
  app: App;
  url: string;
  connector: FakeConnector;
  store: Store;
  log: Logger;
  /** Posts an activity to /api/messages as Teams would. */
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  members?: DirectoryEntry[];
  env?: Record<string, string>;
  clock?: Clock;
  /** Default: the real outbox, worker and scheduler, sending to the fake connector (`realDelivery()`). */
  delivery?: DeliveryFactory;
  /** Share a store between app instances (a restart, a second instance); by default each app gets a fresh one. */
  store?: Store;
  connector?: FakeConnector;
  /** Where the service's JSON log lines go (default: stdout), for tests that read them. */
  logDestination?: DestinationStream;
}

/**
 * The real delivery service with short polls and backoffs for tests. The scheduler ticks on its
 * own; tests with a `ManualClock` move the clock and wait for what the connector receives.
 */
export function realDelivery(options: { worker?: Partial<DeliveryOptions>; scheduler?: Partial<SchedulerOptions> } = {}): DeliveryFactory {
  return (parts) =>
    createDelivery({
      ...parts,
      sender: createProactiveSender({ config: parts.config, log: parts.log }),
      worker: { ...TEST_WORKER_OPTIONS, ...options.worker },
      scheduler: { tickMs: 50, ...options.scheduler },
    });
}

/** The whole service on loopback, over a fresh in-memory store, talking to a fake Bot Connector. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownConnector = options.connector ? undefined : await new FakeConnector().start();
  const connector = options.connector ?? ownConnector!;
  const dir = mkdtempSync(join(tmpdir(), 'lv-test-'));
  // Turns are not refused as busy unless a test asks: the suite runs on a shared, busy machine.
  const env: Record<string, string> = { LOG_LEVEL: 'silent', DATA_DIR: dir, BUSY_EVENT_LOOP_LAG_MS: '0', BUSY_MAX_TURNS: '0', ...options.env };
  if (options.members) {
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify({ members: options.members }));
    env.DIRECTORY_FILE = file;
  }
  const config = loadConfig(env);
  const log = createLogger(config.logLevel, options.logDestination);
  const cosmos = options.store ? undefined : await startMemoryCosmos();
  const store = options.store ?? (await cosmos!.open());
  const app = await createApp(config, log, store, options.clock ?? systemClock, options.delivery ?? realDelivery());
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${app.server.address().port}`;
  app.delivery.start();
  return {
    app,
    url,
    connector,
    store,
    log,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      return { status: res.status, body };
    },
    async stop() {
      await app.delivery.stop();
      app.server.close();
      await ownConnector?.stop();
      if (cosmos) await cosmos.close();
    },
  };
}
