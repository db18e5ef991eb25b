import type { Logger } from '../../log';
import type { DataPaths } from './dataPaths';
import type { DurableListener } from './durableListener';
import type { InternalClient } from './internalClient';
import type { Journal } from './journal';
import { writeSnapshotFile } from './snapshotFile';
import { dumpState } from './stateTransfer';

export interface CompactorDeps {
  paths: DataPaths;
  client: InternalClient;
  journal: Journal;
  durable: DurableListener;
  log: Logger;
  /** The last journal entry the newest snapshot on disk includes. */
  snapshotSeq: number;
}

/**
 * Folds the journal into a new snapshot: with writes paused and the journal durable, reads the
 * whole state, writes it atomically as the snapshot (the old one becomes the previous), then moves
 * the journal to the previous journal and starts an empty one.
 */
export class Compactor {
  compactions = 0;
  private snapshotSeq: number;
  private queued = false;
  private closed = false;

  constructor(private readonly deps: CompactorDeps) {
    this.snapshotSeq = deps.snapshotSeq;
  }

  /** Compacts once the writes in progress are done, unless a compaction is already waiting. */
  compactSoon(): void {
    if (this.queued) return;
    this.queued = true;
    this.compact().catch((err: unknown) => this.deps.log.error({ err }, 'compacting the journal failed'));
  }

  /**
   * Compacts when the journal holds anything (or always, with `force`). `thenClose` runs before
   * writes resume, whether or not the compaction succeeded, so that no write slips in between the
   * last snapshot and a shutdown; no compaction runs after it.
   */
  async compact(options: { force?: boolean; thenClose?: () => void } = {}): Promise<void> {
    const { journal, paths, client, durable, log } = this.deps;
    const release = await durable.pauseWrites();
    this.queued = false;
    try {
      if (this.closed) return;
      await journal.whenDurable();
      const seq = journal.lastSeq;
      if (options.force || seq !== this.snapshotSeq || journal.stats().bytes > 0) {
        const started = Date.now();
        const state = await dumpState(client);
        await writeSnapshotFile(paths, { seq, createdAt: new Date().toISOString(), state });
        this.snapshotSeq = seq;
        await journal.rotate(paths.journalPrev);
        this.compactions += 1;
        log.info({ seq, ms: Date.now() - started }, 'compacted the journal into a new snapshot');
      }
    } finally {
      if (options.thenClose) {
        options.thenClose();
        this.closed = true;
      }
      release();
    }
  }
}
