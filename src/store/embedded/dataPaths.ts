import { join } from 'node:path';

/** The files of one embedded store. */
export interface DataPaths {
  dir: string;
  /** The newest snapshot: everything up to the journal entry it names. */
  snapshot: string;
  /** The snapshot before it; with `journalPrev` it rebuilds the same state if `snapshot` is damaged. */
  snapshotPrev: string;
  snapshotTmp: string;
  /** Entries after the newest snapshot. */
  journal: string;
  /** Entries between the previous snapshot and the newest one. */
  journalPrev: string;
  /** Entries written while a compaction is writing its snapshot; becomes `journal` once it is in place. */
  journalNext: string;
  lock: string;
}

/** The store's directory is its owner's only; so is every file in it. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

export function dataPaths(dir: string): DataPaths {
  return {
    dir,
    snapshot: join(dir, 'snapshot.jsonl'),
    snapshotPrev: join(dir, 'snapshot.prev.jsonl'),
    snapshotTmp: join(dir, 'snapshot.jsonl.tmp'),
    journal: join(dir, 'journal.jsonl'),
    journalPrev: join(dir, 'journal.prev.jsonl'),
    journalNext: join(dir, 'journal.next.jsonl'),
    lock: join(dir, 'lock'),
  };
}

/** Where a damaged snapshot is moved; the name never repeats, so nothing is overwritten. */
export function corruptSnapshotPath(paths: DataPaths, at: Date): string {
  return join(paths.dir, `snapshot.corrupt-${at.toISOString().replace(/[:.]/g, '-')}.jsonl`);
}

export const CORRUPT_SNAPSHOT_PATTERN = /^snapshot\.corrupt-.*\.jsonl$/;
