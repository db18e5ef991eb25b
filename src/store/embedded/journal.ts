import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FILE_MODE } from './dataPaths';
import { encodeEntry } from './journalFile';
import type { JournalOp } from './journalEntry';
import { fsyncDir } from './fsyncDir';

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** The journal could not be written; nothing more is acknowledged until a restart. */
export class JournalFailedError extends Error {
  constructor(cause: unknown) {
    super(`the journal could not be written: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'JournalFailedError';
  }
}

/**
 * The append side of the journal. Entries get consecutive sequence numbers in the order they are
 * appended; an entry is durable once the write that holds it has been fsynced. Appends that arrive
 * while a write is in flight are written and fsynced together in the next one (group commit).
 */
export class Journal {
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private flushing = false;
  private failure: JournalFailedError | undefined;
  private appended: number;
  private durable: number;
  private commits = 0;
  private entries = 0;
  // Files entries went to before the last switch, closed once nothing is being written to them.
  private retired: FileHandle[] = [];

  private constructor(
    private handle: FileHandle,
    private bytes: number,
    lastSeq: number,
  ) {
    this.appended = lastSeq;
    this.durable = lastSeq;
  }

  /** Called after each commit with the journal's size in bytes. */
  onCommit: ((journalBytes: number) => void) | undefined;

  /** Opens (creating) the file for appending; the next entry gets `lastSeq + 1`. */
  static async open(path: string, lastSeq: number): Promise<Journal> {
    const handle = await openForAppend(path);
    const { size } = await handle.stat();
    return new Journal(handle, size, lastSeq);
  }

  get lastSeq(): number {
    return this.appended;
  }

  get failed(): JournalFailedError | undefined {
    return this.failure;
  }

  stats(): { entries: number; commits: number; bytes: number } {
    return { entries: this.entries, commits: this.commits, bytes: this.bytes };
  }

  /** Queues one entry and returns its sequence number; await `whenDurable(seq)` before acknowledging. */
  append(ops: JournalOp[]): number {
    if (this.failure) throw this.failure;
    const seq = ++this.appended;
    this.pending.push(encodeEntry({ seq, at: new Date().toISOString(), ops }));
    this.entries += 1;
    if (!this.flushing) {
      this.flushing = true;
      // Let the appends of this turn of the event loop join the first write.
      setImmediate(() => void this.flush());
    }
    return seq;
  }

  /** Resolves once every entry up to `seq` is on disk; rejects if the journal failed. */
  whenDurable(seq: number = this.appended): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (seq <= this.durable) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /**
   * From now on entries go to `handle` (a file opened with `Journal.openFile`), from the next
   * sequence number on; returns the last one before it. Synchronous, so that with writes paused it
   * marks exactly where a snapshot's state ends. Entries appended but not yet written go to the new
   * file too: recovery reads every journal file and orders entries by number. The old file is
   * closed once the write in flight to it is done.
   */
  switchTo(handle: FileHandle, bytes = 0): number {
    this.retired.push(this.handle);
    this.handle = handle;
    this.bytes = bytes;
    if (!this.flushing) void this.closeRetired();
    return this.appended;
  }

  /** Waits for pending entries, then closes the file. */
  async close(): Promise<void> {
    if (!this.failure) await this.whenDurable();
    await this.closeRetired();
    await this.handle.close();
  }

  /** Opens (creating, mode 0600) a journal file for appending, its directory entry made durable. */
  static openFile(path: string): Promise<FileHandle> {
    return openForAppend(path);
  }

  private async closeRetired(): Promise<void> {
    const retired = this.retired;
    this.retired = [];
    await Promise.all(retired.map((h) => h.close().catch(() => undefined)));
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0 && !this.failure) {
      const batch = Buffer.from(this.pending.join(''), 'utf8');
      const upTo = this.appended;
      this.pending = [];
      try {
        await writeAll(this.handle, batch);
        await this.handle.datasync();
      } catch (err) {
        this.fail(err);
        break;
      }
      this.bytes += batch.length;
      this.commits += 1;
      this.durable = upTo;
      this.settle(upTo);
      this.onCommit?.(this.bytes);
    }
    this.flushing = false;
    if (this.retired.length > 0) void this.closeRetired();
  }

  private settle(upTo: number): void {
    const ready = this.waiters.filter((w) => w.seq <= upTo);
    this.waiters = this.waiters.filter((w) => w.seq > upTo);
    for (const w of ready) w.resolve();
  }

  private fail(err: unknown): JournalFailedError {
    const failure = new JournalFailedError(err);
    this.failure = failure;
    this.pending = [];
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(failure);
    return failure;
  }
}

async function openForAppend(path: string): Promise<FileHandle> {
  const handle = await open(path, 'a', FILE_MODE);
  // A newly created file is only durable once its directory entry is.
  await fsyncDir(dirname(path));
  return handle;
}

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}
