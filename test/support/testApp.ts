import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { createApp, type App, type DeliveryFactory } from '../../src/app';
import type { Clock } from '../../src/clock';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { DirectoryEntry } from '../../src/features/directory/directoryFile';
import { createLogger, type Logger } from '../../src/log';
import { openCosmosStore } from '../../src/store/cosmosStore';
import type { Store } from '../../src/store/types';
import { FakeConnector } from './fakeConnector';
import { recordingDelivery } from './recordingDelivery';

export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

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
  delivery?: DeliveryFactory;
  /** Share a store (and its server) between app instances; by default each app gets a fresh one. */
  store?: Store;
}

/** A Cosmos-compatible server in memory on loopback, as the embedded default uses. */
export async function startMemoryCosmos(): Promise<{ store: Store; endpoint: string; close(): Promise<void> }> {
  const server: Server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = await openCosmosStore({ endpoint, key: EMULATOR_KEY, database: 'test' });
  return {
    store,
    endpoint,
    close: async () => {
      await store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The whole service on loopback, over a fresh in-memory store, talking to a fake Bot Connector. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const connector = await new FakeConnector().start();
  const dir = mkdtempSync(join(tmpdir(), 'lv-test-'));
  const env: Record<string, string> = { LOG_LEVEL: 'silent', DATA_DIR: dir, ...options.env };
  if (options.members) {
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify({ members: options.members }));
    env.DIRECTORY_FILE = file;
  }
  const config = loadConfig(env);
  const log = createLogger(config.logLevel);
  const cosmos = options.store ? undefined : await startMemoryCosmos();
  const store = options.store ?? cosmos!.store;
  const app = await createApp(config, log, store, options.clock ?? systemClock, options.delivery ?? recordingDelivery());
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
      await connector.stop();
      if (cosmos) await cosmos.close();
    },
  };
}
