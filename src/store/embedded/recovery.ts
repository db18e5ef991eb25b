import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../../log';
import { CORRUPT_SNAPSHOT_PATTERN, corruptSnapshotPath, type DataPaths } from './dataPaths';
import type { JournalEntry } from './journalEntry';
import { parseJournal } from './journalFile';
import { isMissing, readSnapshotFile, readSnapshotSeq, type Snapshot } from './snapshotFile';

/** A journal file found at start: its path, its number and the last entry it holds. */
export interface JournalSegment {
  path: string;
  /** Orders segments; a new one gets the next number. Legacy names come first. */
  number: number;
  /** The last entry it holds (0 when none). */
  lastSeq: number;
}

/** What to load at start: a snapshot (none in a new directory) and the journal entries after it. */
export interface RecoveryPlan {
  snapshot: Snapshot | undefined;
  entries: JournalEntry[];
  lastSeq: number;
  /** Every journal file, oldest first; the next one gets a higher number. */
  segments: JournalSegment[];
  /** The last entry the previous snapshot holds (journal files up to it are no longer needed). */
  previousSeq: number | undefined;
  /** False only when the newest snapshot was loaded and no journal entry follows it. */
  needsCompaction: boolean;
}

/** The data directory cannot be loaded without losing acknowledged writes; it was left as found. */
export class RecoveryError extends Error {
  constructor(dir: string, problem: string) {
    super(`The embedded Cosmos DB store in ${dir} cannot start: ${problem}`);
    this.name = 'RecoveryError';
  }
}

// Journal files: `journal-<n>.jsonl`, and the names an earlier version of the store used.
const SEGMENT_PATTERN = /^journal-(\d+)\.jsonl$/;
const LEGACY_SEGMENTS = ['journal.prev.jsonl', 'journal.jsonl'];

/** The path of journal segment `n`. */
export function segmentPath(paths: DataPaths, n: number): string {
  return join(paths.dir, `journal-${String(n).padStart(8, '0')}.jsonl`);
}

/**
 * Decides what to load. Every journal file is read and its entries ordered by number; the newest
 * snapshot is loaded with the entries after it. A damaged newest snapshot is moved aside (never
 * overwritten) and the state is rebuilt from the previous snapshot and the entries after it; where
 * that cannot be done without a gap, it throws a `RecoveryError` rather than start with less than
 * was acknowledged.
 */
export async function planRecovery(paths: DataPaths, log: Logger, now: Date = new Date()): Promise<RecoveryPlan> {
  await rm(paths.snapshotTmp, { force: true });
  const { segments, entries: all } = await readSegments(paths, log);
  const current = await readSnapshotFile(paths.snapshot);
  const fail = (problem: string): never => {
    throw new RecoveryError(paths.dir, problem);
  };

  if (current.status === 'ok') {
    const entries = after(current.snapshot.seq, all, fail);
    return plan(current.snapshot, entries, segments, await readSnapshotSeq(paths.snapshotPrev), entries.length > 0);
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
    // The journal must hold every entry from the previous snapshot on: those the damaged one held.
    if (segments.length === 0) fail('no journal file is left, so the previous snapshot cannot be brought up to date.');
    const entries = after(previous.snapshot.seq, all, fail);
    const reached = entries[entries.length - 1]?.seq ?? previous.snapshot.seq;
    const damagedSeq = current.status === 'corrupt' ? current.seq : undefined;
    if (damagedSeq !== undefined && reached < damagedSeq) {
      fail(`the journal ends at entry ${reached}, before entry ${damagedSeq} that the damaged snapshot held: entries are missing.`);
    }
    log.warn({ seq: previous.snapshot.seq, entries: entries.length }, 'recovering from the previous snapshot');
    return plan(previous.snapshot, entries, segments, undefined, true);
  }

  // No snapshot to load: only a directory that never had one may start from nothing.
  if (current.status === 'corrupt' || (await hasCorruptSnapshots(paths))) {
    fail(
      'its snapshot is damaged (moved aside as snapshot.corrupt-*.jsonl) and there is no previous snapshot to ' +
        'recover from. Restore a snapshot from a backup, or remove the snapshot.corrupt-* files to start empty.',
    );
  }
  return plan(undefined, after(0, all, fail), segments, undefined, true);
}

function plan(
  snapshot: Snapshot | undefined,
  entries: JournalEntry[],
  segments: JournalSegment[],
  previousSeq: number | undefined,
  needsCompaction: boolean,
): RecoveryPlan {
  const lastSeq = entries[entries.length - 1]?.seq ?? snapshot?.seq ?? 0;
  return { snapshot, entries, lastSeq, segments, previousSeq, needsCompaction };
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

// Every journal file, oldest first, and their entries in order of number.
async function readSegments(paths: DataPaths, log: Logger): Promise<{ segments: JournalSegment[]; entries: JournalEntry[] }> {
  const names = await readdir(paths.dir);
  const found: { name: string; number: number }[] = [];
  LEGACY_SEGMENTS.forEach((name, i) => {
    if (names.includes(name)) found.push({ name, number: i - LEGACY_SEGMENTS.length });
  });
  for (const name of names) {
    const match = SEGMENT_PATTERN.exec(name);
    if (match) found.push({ name, number: Number(match[1]) });
  }
  found.sort((a, b) => a.number - b.number);
  const segments: JournalSegment[] = [];
  const bySeq = new Map<number, JournalEntry>();
  for (const { name, number } of found) {
    const path = join(paths.dir, name);
    const entries = await readJournalFile(path, log);
    for (const entry of entries) {
      if (bySeq.has(entry.seq)) throw new RecoveryError(paths.dir, `journal entry ${entry.seq} appears twice (in ${name}).`);
      bySeq.set(entry.seq, entry);
    }
    segments.push({ path, number, lastSeq: entries.reduce((max, e) => Math.max(max, e.seq), 0) });
  }
  return { segments, entries: [...bySeq.values()].sort((a, b) => a.seq - b.seq) };
}

async function readJournalFile(path: string, log: Logger): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
  const parsed = parseJournal(text, path);
  if (parsed.droppedTail) {
    log.warn(
      { file: path, ...parsed.droppedTail },
      'dropped an unfinished entry at the end of the journal: a crash cut its write short, so it was never acknowledged',
    );
  }
  return parsed.entries;
}

async function hasCorruptSnapshots(paths: DataPaths): Promise<boolean> {
  const names = await readdir(paths.dir);
  return names.some((n) => CORRUPT_SNAPSHOT_PATTERN.test(n));
}
