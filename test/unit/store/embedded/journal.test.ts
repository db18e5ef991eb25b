import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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

  it('moves its file aside on rotation and goes on numbering in a new one', async () => {
    const path = join(dir, 'journal.jsonl');
    const journal = await Journal.open(path, 0);
    journal.append(put(1));
    await journal.whenDurable();
    await journal.rotate(join(dir, 'journal.prev.jsonl'));
    assert.equal(journal.stats().bytes, 0);
    assert.equal(journal.append(put(2)), 2);
    await journal.close();
    const previous = parseJournal(await readFile(join(dir, 'journal.prev.jsonl'), 'utf8'), 'prev');
    const current = parseJournal(await readFile(path, 'utf8'), 'current');
    assert.deepEqual(previous.entries.map((e) => e.seq), [1]);
    assert.deepEqual(current.entries.map((e) => e.seq), [2]);
  });

  it('refuses to rotate with entries not yet on disk', async () => {
    const journal = await Journal.open(join(dir, 'journal.jsonl'), 0);
    journal.append(put(1));
    await assert.rejects(journal.rotate(join(dir, 'journal.prev.jsonl')), /pending/);
    await journal.close();
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
