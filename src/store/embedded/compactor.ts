import { rename, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../log';
import { copyState } from './accountState';
import type { ServerAccount } from './cosmosServer';
import type { DataPaths } from './dataPaths';
import type { DurableListener } from './durableListener';
import { fsyncDir } from './fsyncDir';
import { Journal } from './journal';
import { type JournalSegment, segmentPath } from './recovery';
import { encodeSnapshotInSteps, isMissing, writeSnapshotTmp } from './snapshotFile';

export interface CompactorDeps {
  paths: DataPaths;
  account: ServerAccount;
  journal: Journal;
  durable: DurableListener;
  log: Logger;
  /** Every journal file, oldest first; the last is the one appended to. */
  segments: JournalSegment[];
  /** The last journal entry the newest snapshot on disk includes. */
  snapshotSeq: number;
  /** The same for the snapshot before it, if there is one. */
  previousSeq: number | undefined;
  /** Awaited after the copy, with writes going on, before the snapshot is encoded (for tests). */
  beforeSnapshotWrite?: () => Promise<void>;
}

/** How long compactions held writes back: the longest and in all, in ms. */
export interface HoldStats {
  longestHoldMs: number;
  totalHoldMs: number;
}

/**
 * Folds the journal into a new snapshot without stopping the store. With writes paused for a
 * moment it takes a consistent copy of the state (one pointer per document: stored objects never
 * change) and switches the journal to a new file; then, while writes go on into that file, it
 * encodes the copy a piece at a time, writes it to a temporary file, fsyncs it and renames it into
 * place (the snapshot before becomes the previous one). Journal files whose every entry the
 * previous snapshot holds are deleted: what remains rebuilds the state from either snapshot.
 */
export class Compactor implements HoldStats {
  compactions = 0;
  longestHoldMs = 0;
  totalHoldMs = 0;
  private running: Promise<void> | undefined;
  private queued = false;
  private closed = false;
  private snapshotSeq: number;
  private previousSeq: number | undefined;
  private nextNumber: number;

  constructor(private readonly deps: CompactorDeps) {
    this.snapshotSeq = deps.snapshotSeq;
    this.previousSeq = deps.previousSeq;
    this.nextNumber = Math.max(0, ...deps.segments.map((s) => s.number)) + 1;
  }

  /** The path the journal's first file of this run gets. */
  takeSegment(): JournalSegment {
    const number = this.nextNumber++;
    return { path: segmentPath(this.deps.paths, number), number, lastSeq: 0 };
  }

  /** Compacts once the one running is done, unless one is already waiting. */
  compactSoon(): void {
    if (this.queued || this.closed) return;
    this.queued = true;
    this.compact().catch((err: unknown) => this.deps.log.error({ err }, 'compacting the journal failed'));
  }

  /**
   * Compacts when the journal holds anything after the newest snapshot (or always, with `force`).
   * `thenClose` runs while writes are paused, before the copy is taken, so that no write slips in
   * after the last snapshot of a shutdown; no compaction runs after it.
   */
  async compact(options: { force?: boolean; thenClose?: () => void } = {}): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    this.queued = false;
    if (this.closed) return;
    this.running = this.run(options);
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async run(options: { force?: boolean; thenClose?: () => void }): Promise<void> {
    const { journal, paths, durable, log, account, segments } = this.deps;
    const started = performance.now();
    const segment = this.takeSegment();
    const handle = await Journal.openFile(segment.path);
    const release = await durable.pauseWrites();
    const holdStarted = performance.now();
    let seq: number;
    let copy: ReturnType<typeof copyState> | undefined;
    try {
      if (options.thenClose) {
        options.thenClose();
        this.closed = true;
      }
      seq = journal.lastSeq;
      if (options.force || seq !== this.snapshotSeq) {
        copy = copyState(account);
        const current = segments[segments.length - 1];
        journal.switchTo(handle);
        if (current) current.lastSeq = seq;
        segments.push(segment);
      }
    } finally {
      const heldMs = performance.now() - holdStarted;
      release();
      this.longestHoldMs = Math.max(this.longestHoldMs, heldMs);
      this.totalHoldMs += heldMs;
    }
    if (!copy) {
      await handle.close();
      await rm(segment.path, { force: true });
      return;
    }
    const heldMs = Math.round((performance.now() - holdStarted) * 100) / 100;
    await journal.whenDurable(seq);
    await this.deps.beforeSnapshotWrite?.();
    const parts = await encodeSnapshotInSteps(seq, new Date().toISOString(), copy);
    await writeSnapshotTmp(paths.snapshotTmp, parts);
    try {
      await rename(paths.snapshot, paths.snapshotPrev);
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
    await rename(paths.snapshotTmp, paths.snapshot);
    await fsyncDir(paths.dir);
    this.previousSeq = this.snapshotSeq;
    this.snapshotSeq = seq;
    await this.forgetCoveredSegments();
    this.compactions += 1;
    log.info(
      { seq, ms: Math.round(performance.now() - started), heldMs, bytes: parts.reduce((n, p) => n + p.length, 0) },
      'compacted the journal into a new snapshot',
    );
  }

  // Deletes the journal files (not the one appended to) whose entries the previous snapshot holds.
  private async forgetCoveredSegments(): Promise<void> {
    const { segments, paths } = this.deps;
    const covered = this.previousSeq ?? -1;
    const old = segments.slice(0, -1).filter((s) => s.lastSeq <= covered);
    if (old.length === 0) return;
    for (const s of old) await rm(s.path, { force: true });
    this.deps.segments.splice(0, this.deps.segments.length, ...segments.filter((s) => !old.includes(s)));
    await fsyncDir(paths.dir);
  }
}
