import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Logger } from '../../log';
import { CORRUPT_SNAPSHOT_PATTERN, corruptSnapshotPath, type DataPaths } from './dataPaths';
import type { JournalEntry } from './journalEntry';
import { parseJournal, type ParsedJournal } from './journalFile';
import { isMissing, readSnapshotFile, type Snapshot } from './snapshotFile';

/** What to load at start: a snapshot (none in a new directory) and the journal entries after it. */
export interface RecoveryPlan {
  snapshot: Snapshot | undefined;
  entries: JournalEntry[];
  lastSeq: number;
  /** False only when the newest snapshot was loaded and the journal is empty. */
  needsCompaction: boolean;
}

/** The data directory cannot be loaded without losing acknowledged writes; it was left as found. */
export class RecoveryError extends Error {
  constructor(dir: string, problem: string) {
    super(`The embedded Cosmos DB store in ${dir} cannot start: ${problem}`);
    this.name = 'RecoveryError';
  }
}

/**
 * Decides what to load. A damaged newest snapshot is moved aside (never overwritten) and the state
 * is rebuilt from the previous snapshot and the two journals; where that cannot be done without a
 * gap, it throws a `RecoveryError` rather than start with less than was acknowledged.
 */
export async function planRecovery(paths: DataPaths, log: Logger, now: Date = new Date()): Promise<RecoveryPlan> {
  await rm(paths.snapshotTmp, { force: true });
  const journal = await readJournal(paths.journal, log);
  const current = await readSnapshotFile(paths.snapshot);
  const fail = (problem: string): never => {
    throw new RecoveryError(paths.dir, problem);
  };

  if (current.status === 'ok') {
    const entries = after(current.snapshot.seq, journal.entries, fail);
    return plan(current.snapshot, entries, journal.entries.length > 0 || journal.droppedTail !== undefined);
  }

  if (current.status === 'corrupt') {
    const aside = corruptSnapshotPath(paths, now);
    await rename(paths.snapshot, aside);
    log.error({ file: aside, reason: current.reason }, 'the newest snapshot is damaged; moved it aside');
  }

  const previous = await readSnapshotFile(paths.snapshotPrev);
  if (previous.status === 'corrupt') {
    fail(`${basename(paths.snapshotPrev)} is damaged too (${previous.reason}). Restore the directory from a backup.`);
  }
  if (previous.status === 'ok') {
    const older = await readJournalIfPresent(paths.journalPrev, log);
    if (!older) fail(`${basename(paths.journalPrev)} is missing, so the previous snapshot cannot be brought up to date.`);
    const entries = after(previous.snapshot.seq, [...(older?.entries ?? []), ...journal.entries], fail);
    log.warn({ seq: previous.snapshot.seq, entries: entries.length }, 'recovering from the previous snapshot');
    return plan(previous.snapshot, entries, true);
  }

  // No snapshot to load: only a directory that never had one may start from nothing.
  if (current.status === 'corrupt' || (await hasCorruptSnapshots(paths))) {
    fail(
      'its snapshot is damaged (moved aside as snapshot.corrupt-*.jsonl) and there is no previous snapshot to ' +
        'recover from. Restore a snapshot from a backup, or remove the snapshot.corrupt-* files to start empty.',
    );
  }
  const older = await readJournalIfPresent(paths.journalPrev, log);
  return plan(undefined, after(0, [...(older?.entries ?? []), ...journal.entries], fail), true);
}

function plan(snapshot: Snapshot | undefined, entries: JournalEntry[], needsCompaction: boolean): RecoveryPlan {
  const lastSeq = entries[entries.length - 1]?.seq ?? snapshot?.seq ?? 0;
  return { snapshot, entries, lastSeq, needsCompaction };
}

// The entries after `seq`, which must continue it without a gap.
function after(seq: number, entries: JournalEntry[], fail: (problem: string) => never): JournalEntry[] {
  const newer = entries.filter((e) => e.seq > seq);
  let expected = seq + 1;
  for (const entry of newer) {
    if (entry.seq !== expected) {
      fail(`the journal jumps from entry ${expected - 1} to ${entry.seq}: entries are missing.`);
    }
    expected += 1;
  }
  return newer;
}

async function readJournal(path: string, log: Logger): Promise<ParsedJournal> {
  return (await readJournalIfPresent(path, log)) ?? { entries: [], droppedTail: undefined };
}

async function readJournalIfPresent(path: string, log: Logger): Promise<ParsedJournal | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
  const parsed = parseJournal(text, path);
  if (parsed.droppedTail) {
    log.warn(
      { file: path, ...parsed.droppedTail },
      'dropped an unfinished entry at the end of the journal: a crash cut its write short, so it was never acknowledged',
    );
  }
  return parsed;
}

async function hasCorruptSnapshots(paths: DataPaths): Promise<boolean> {
  const names = await readdir(paths.dir);
  return names.some((n) => CORRUPT_SNAPSHOT_PATTERN.test(n));
}
