import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { RequestListener, Server } from 'node:http';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Logger } from '../../log';
import { Compactor } from './compactor';
import { dataPaths } from './dataPaths';
import { lockDataDir } from './dataDirLock';
import { scopeQueriesToPartitions } from './partitionScope';
import { DurableListener } from './durableListener';
import { InternalClient } from './internalClient';
import { Journal } from './journal';
import { planRecovery } from './recovery';
import { replayEntries } from './replay';
import { restoreState } from './stateTransfer';

/**
 * The well-known key of the Azure Cosmos DB emulator. The embedded server does not check keys;
 * the client needs one to sign requests.
 */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** The journal is compacted into a new snapshot once it grows past this many bytes. */
export const DEFAULT_COMPACT_AT_BYTES = 16 * 1024 * 1024;

export interface EmbeddedCosmosOptions {
  /** Where the snapshot and journal live; created if missing. */
  dataDir: string;
  /** Loopback port; any free port when absent or 0. */
  port?: number | undefined;
  log: Logger;
  compactAtBytes?: number;
}

export interface EmbeddedCosmosStats {
  journaledWrites: number;
  journalCommits: number;
  journalBytes: number;
  compactions: number;
}

export interface EmbeddedCosmos {
  readonly endpoint: string;
  readonly key: string;
  readonly port: number;
  /** Writes a new snapshot and empties the journal; writes wait meanwhile. */
  compact(): Promise<void>;
  /** Compacts, then stops the server. Further calls return the same promise. */
  close(): Promise<void>;
  stats(): EmbeddedCosmosStats;
}

/**
 * Runs @vercel/cosmosdb-server in this process on 127.0.0.1, durable in `dataDir`: the last
 * snapshot is loaded and the journal replayed before anyone else is served, and from then on no
 * write is acknowledged before it is fsynced to the journal. See docs/store.md.
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions): Promise<EmbeddedCosmos> {
  const { log } = options;
  const paths = dataPaths(options.dataDir);
  await mkdir(paths.dir, { recursive: true });
  const unlock = await lockDataDir(paths, log);
  let server: Server | undefined;
  let journal: Journal | undefined;
  try {
    const plan = await planRecovery(paths, log);
    if (!scopeQueriesToPartitions()) log.warn('the embedded store scans whole containers for queries (its server is not shaped as expected)');
    server = createHttpServer({ keepAlive: true });
    const durable = new DurableListener(takeRequestListener(server), randomUUID(), log);
    server.on('request', durable.listener);
    const port = await listen(server, options.port ?? 0);
    const client = new InternalClient(`http://127.0.0.1:${port}`, durable.internalToken);

    if (plan.snapshot) await restoreState(client, plan.snapshot.state);
    const diverged = await replayEntries(client, plan.entries, log);
    journal = await Journal.open(paths.journal, plan.lastSeq);
    const compactor = new Compactor({ paths, client, journal, durable, log, snapshotSeq: plan.snapshot?.seq ?? 0 });
    const compactAt = options.compactAtBytes ?? DEFAULT_COMPACT_AT_BYTES;
    journal.onCommit = (bytes): void => {
      if (bytes >= compactAt) compactor.compactSoon();
    };
    if (plan.needsCompaction) await compactor.compact({ force: true });
    durable.serve(journal);
    log.info(
      { port, dataDir: paths.dir, snapshotSeq: plan.snapshot?.seq ?? 0, replayed: plan.entries.length, diverged },
      'embedded Cosmos DB listening on 127.0.0.1',
    );
    return new RunningEmbeddedCosmos(port, server, journal, compactor, durable, unlock, log);
  } catch (err) {
    await journal?.close();
    if (server) await stop(server);
    await unlock();
    throw err;
  }
}

class RunningEmbeddedCosmos implements EmbeddedCosmos {
  readonly endpoint: string;
  readonly key = EMULATOR_KEY;
  private closing: Promise<void> | undefined;

  constructor(
    readonly port: number,
    private readonly server: Server,
    private readonly journal: Journal,
    private readonly compactor: Compactor,
    private readonly durable: DurableListener,
    private readonly unlock: () => Promise<void>,
    private readonly log: Logger,
  ) {
    this.endpoint = `http://127.0.0.1:${port}/`;
  }

  compact(): Promise<void> {
    return this.compactor.compact();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  stats(): EmbeddedCosmosStats {
    const journal = this.journal.stats();
    return {
      journaledWrites: journal.entries,
      journalCommits: journal.commits,
      journalBytes: journal.bytes,
      compactions: this.compactor.compactions,
    };
  }

  private async shutDown(): Promise<void> {
    try {
      await this.compactor.compact({ thenClose: () => this.durable.close() });
    } catch (err) {
      // The journal still holds every acknowledged write; the next start replays it.
      this.log.error({ err }, 'compacting at shutdown failed');
      throw err;
    } finally {
      this.durable.close();
      await this.journal.close();
      await stop(this.server);
      await this.unlock();
      this.log.info({ port: this.port }, 'embedded Cosmos DB stopped');
    }
  }
}

// Removes the listener the server registered for itself, to be called by a wrapper instead.
function takeRequestListener(server: Server): RequestListener {
  const listeners = server.listeners('request');
  const [inner] = listeners;
  if (listeners.length !== 1 || typeof inner !== 'function') {
    throw new Error(`expected the Cosmos DB server to register one request listener, found ${listeners.length}`);
  }
  server.removeListener('request', inner as RequestListener);
  return inner as RequestListener;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error & { code?: string }): void => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`the embedded Cosmos DB port ${port} on 127.0.0.1 is in use (EMBEDDED_COSMOS_PORT)`)
          : err,
      );
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('the embedded server has no port'));
      else resolve(address.port);
    });
  });
}

// Stops listening; idle connections close now, busy ones once answered (or after a grace period).
function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  });
}
