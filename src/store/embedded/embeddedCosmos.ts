import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../log';
import { restoreState } from './accountState';
import { Compactor } from './compactor';
import { answer, createAccount, type ServerAccount } from './cosmosServer';
import { DIR_MODE, FILE_MODE, dataPaths } from './dataPaths';
import { lockDataDir } from './dataDirLock';
import { scopeQueriesToPartitions } from './partitionScope';
import { linearQueryInput } from './queryEngine';
import { DurableListener } from './durableListener';
import { InternalClient } from './internalClient';
import { Journal } from './journal';
import { planRecovery, segmentPath } from './recovery';
import { replayEntries } from './replay';
import { loadOrCreateStoreKey } from './storeKey';

/**
 * The well-known key of the Azure Cosmos DB emulator, for tests that run a plain in-memory server.
 * The embedded store does not accept it: it has a key of its own per data directory.
 */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** The journal is compacted into a new snapshot once its current file grows past this many bytes. */
export const DEFAULT_COMPACT_AT_BYTES = 4 * 1024 * 1024;

export interface EmbeddedCosmosOptions {
  /** Where the snapshot and journal live; created (mode 0700) if missing. */
  dataDir: string;
  /** Loopback port; any free port when absent or 0. */
  port?: number | undefined;
  log: Logger;
  compactAtBytes?: number;
  /**
   * Awaited by each compaction after it has copied the state and let writes go, before it writes
   * the snapshot: tests hold a compaction there to show that writes go on meanwhile.
   */
  beforeSnapshotWrite?: () => Promise<void>;
}

export interface EmbeddedCosmosStats {
  journaledWrites: number;
  journalCommits: number;
  journalBytes: number;
  compactions: number;
  /** The longest time a compaction held writes back, and all of them together, in ms. */
  longestCompactionHoldMs: number;
  compactionHoldMs: number;
  /** Requests refused for want of a valid signature with the store's key. */
  refusedUnsigned: number;
}

export interface EmbeddedCosmos {
  readonly endpoint: string;
  /** The store's key (from `key` in its directory): the client signs every request with it. */
  readonly key: string;
  readonly port: number;
  /** Writes a new snapshot and starts a new journal file; writes are held only while the state is copied. */
  compact(): Promise<void>;
  /** Compacts, then stops the server. Further calls return the same promise. */
  close(): Promise<void>;
  stats(): EmbeddedCosmosStats;
}

/**
 * Runs @vercel/cosmosdb-server's account in this process on 127.0.0.1, durable in `dataDir`: the
 * last snapshot is loaded and the journal replayed before anyone else is served, and from then on no
 * write is acknowledged before it is fsynced to the journal. Every request must be signed with the
 * directory's key. See docs/store.md.
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions): Promise<EmbeddedCosmos> {
  const { log } = options;
  const paths = dataPaths(options.dataDir);
  await closeDirectory(paths.dir);
  const unlock = await lockDataDir(paths, log);
  let server: Server | undefined;
  let journal: Journal | undefined;
  try {
    const key = await loadOrCreateStoreKey(paths.dir);
    const plan = await planRecovery(paths, log);
    if (!scopeQueriesToPartitions()) log.warn('the embedded store scans whole containers for queries (its server is not shaped as expected)');
    if (!linearQueryInput()) log.warn('the embedded store\'s query engine reads its input in quadratic time (its shape is not as expected)');
    // The account is made once the port is known (it names its own endpoint).
    const made: { account?: ServerAccount } = {};
    const durable = new DurableListener(
      (req, res) => answer(made.account!, req, res),
      randomUUID(),
      Buffer.from(key, 'base64'),
      log,
    );
    server = createServer({ keepAlive: true }, durable.listener);
    const port = await listen(server, options.port ?? 0);
    const account = (made.account = createAccount(port));
    const started = performance.now();
    if (plan.snapshot) restoreState(account, plan.snapshot.state);
    const client = new InternalClient(`http://127.0.0.1:${port}`, durable.internalToken);
    const diverged = await replayEntries(account, client, plan.entries, log);
    const segments = [...plan.segments];
    // Appends go to a new journal file: one a crash cut short is only read, never appended to.
    const number = Math.max(0, ...segments.map((s) => s.number)) + 1;
    const first = { path: segmentPath(paths, number), number, lastSeq: 0 };
    journal = await Journal.open(first.path, plan.lastSeq);
    segments.push(first);
    const compactor = new Compactor({
      paths,
      account,
      journal,
      durable,
      log,
      segments,
      snapshotSeq: plan.snapshot?.seq ?? 0,
      previousSeq: plan.previousSeq,
      ...(options.beforeSnapshotWrite ? { beforeSnapshotWrite: options.beforeSnapshotWrite } : {}),
    });
    const compactAt = options.compactAtBytes ?? DEFAULT_COMPACT_AT_BYTES;
    journal.onCommit = (bytes): void => {
      if (bytes >= compactAt) compactor.compactSoon();
    };
    durable.serve(journal);
    // A new directory, a recovery or a journal left by the last run: fold it in, while serving.
    if (plan.needsCompaction) compactor.compactSoon();
    log.info(
      {
        port,
        dataDir: paths.dir,
        snapshotSeq: plan.snapshot?.seq ?? 0,
        replayed: plan.entries.length,
        diverged,
        loadMs: Math.round(performance.now() - started),
      },
      'embedded Cosmos DB listening on 127.0.0.1',
    );
    return new RunningEmbeddedCosmos(port, key, server, journal, compactor, durable, unlock, log);
  } catch (err) {
    await journal?.close();
    if (server) await stop(server);
    await unlock();
    throw err;
  }
}

// The directory is its owner's only, and so is every file in it (also those an earlier version
// left readable to others).
async function closeDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  await chmod(dir, DIR_MODE);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) await chmod(join(dir, entry.name), FILE_MODE);
  }
}

class RunningEmbeddedCosmos implements EmbeddedCosmos {
  readonly endpoint: string;
  private closing: Promise<void> | undefined;

  constructor(
    readonly port: number,
    readonly key: string,
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
      longestCompactionHoldMs: this.compactor.longestHoldMs,
      compactionHoldMs: this.compactor.totalHoldMs,
      refusedUnsigned: this.durable.refusedUnsigned,
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
