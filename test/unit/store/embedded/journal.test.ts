import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, JournalFailedError } from '../../../../src/store/embedded/journal';
import type { JournalOp } from '../../../../src/store/embedded/journalEntry';
import { parseJournal } from '../../../../src/store/embedded/journalFile';

const put = (n: number): JournalOp[] => [{ op: 'put', db: 'lansledning', coll: 'jobs', doc: { id: `j${n}`, pk: '2025-03-01', n } }];

describe('journal', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'journal-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('numbers entries after the last one it was opened with and writes them in order', async () => {
    const path = join(dir, 'journal.jsonl');
    const journal = await Journal.open(path, 41);
    assert.deepEqual([journal.append(put(1)), journal.append(put(2))], [42, 43]);
    await journal.whenDurable(43);
    await journal.close();
    const parsed = parseJournal(await readFile(path, 'utf8'), path);
    assert.deepEqual(
      parsed.entries.map((e) => e.seq),
      [42, 43],
    );
    assert.deepEqual(parsed.entries[1]?.ops, put(2));
  });

  it('commits the appends of one moment with a single write and fsync', async () => {
    const journal = await Journal.open(join(dir, 'journal.jsonl'), 0);
    const seqs = Array.from({ length: 500 }, (_, n) => journal.append(put(n)));
    await Promise.all(seqs.map((seq) => journal.whenDurable(seq)));
    assert.deepEqual(journal.stats().commits, 1);
    assert.equal(journal.stats().entries, 500);
    await journal.close();
  });

  it('switches to a new file at a numbered point and goes on numbering there', async () => {
    const path = join(dir, 'journal-1.jsonl');
    const next = join(dir, 'journal-2.jsonl');
    const journal = await Journal.open(path, 0);
    journal.append(put(1));
    await journal.whenDurable();
    const handle = await Journal.openFile(next);
    assert.equal(journal.switchTo(handle), 1, 'the switch names the last entry before it');
    assert.equal(journal.stats().bytes, 0);
    assert.equal(journal.append(put(2)), 2);
    await journal.close();
    const first = parseJournal(await readFile(path, 'utf8'), 'first');
    const second = parseJournal(await readFile(next, 'utf8'), 'second');
    assert.deepEqual(first.entries.map((e) => e.seq), [1]);
    assert.deepEqual(second.entries.map((e) => e.seq), [2]);
  });

  it('keeps every entry when it switches files with entries not yet on disk', async () => {
    const path = join(dir, 'journal-1.jsonl');
    const next = join(dir, 'journal-2.jsonl');
    const journal = await Journal.open(path, 0);
    const handle = await Journal.openFile(next);
    journal.append(put(1));
    journal.append(put(2));
    journal.switchTo(handle);
    journal.append(put(3));
    await journal.whenDurable(3);
    await journal.close();
    const seqs = [
      ...parseJournal(await readFile(path, 'utf8'), 'first').entries,
      ...parseJournal(await readFile(next, 'utf8'), 'second').entries,
    ].map((e) => e.seq);
    assert.deepEqual(seqs.sort(), [1, 2, 3], 'each entry once, in one of the two files');
  });

  it('creates its files readable by their owner only', async () => {
    const path = join(dir, 'journal-1.jsonl');
    const journal = await Journal.open(path, 0);
    await journal.close();
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  });

  (process.platform === 'linux' ? it : it.skip)('fails every waiter, and every later append, when the disk refuses a write', async () => {
    // /dev/full accepts the open and refuses every write with ENOSPC.
    const journal = await Journal.open('/dev/full', 0);
    const seq = journal.append(put(1));
    await assert.rejects(journal.whenDurable(seq), (err: unknown) => err instanceof JournalFailedError && /ENOSPC/.test(err.message));
    assert.ok(journal.failed);
    assert.throws(() => journal.append(put(2)), JournalFailedError);
    await journal.close();
  });
});
