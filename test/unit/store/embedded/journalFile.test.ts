import assert from 'node:assert/strict';
import type { JournalEntry } from '../../../../src/store/embedded/journalEntry';
import { encodeEntry, JournalCorruptError, parseJournal } from '../../../../src/store/embedded/journalFile';

const entry = (seq: number): JournalEntry => ({
  seq,
  at: '2025-03-01T10:00:00.000Z',
  ops: [{ op: 'put', db: 'lansledning', coll: 'meetings', doc: { id: `d${seq}`, pk: 'm1', type: 'rsvp' } }],
});

describe('journal file', () => {
  it('reads back the entries it wrote, in order', () => {
    const text = [1, 2, 3].map((n) => encodeEntry(entry(n))).join('');
    const parsed = parseJournal(text, 'journal.jsonl');
    assert.deepEqual(parsed.entries, [entry(1), entry(2), entry(3)]);
    assert.equal(parsed.droppedTail, undefined);
  });

  it('reads an empty file as no entries', () => {
    assert.deepEqual(parseJournal('', 'journal.jsonl'), { entries: [], droppedTail: undefined });
  });

  it('drops a last line cut short by a crash and reports where it was', () => {
    const whole = encodeEntry(entry(1)) + encodeEntry(entry(2));
    const cut = encodeEntry(entry(3)).slice(0, 25);
    const parsed = parseJournal(whole + cut, 'journal.jsonl');
    assert.deepEqual(
      parsed.entries.map((e) => e.seq),
      [1, 2],
    );
    assert.deepEqual(parsed.droppedTail, { line: 3, lines: 1, chars: cut.length });
  });

  it('drops a complete last entry whose newline never made it to disk', () => {
    const text = encodeEntry(entry(1)) + encodeEntry(entry(2)).trimEnd();
    const parsed = parseJournal(text, 'journal.jsonl');
    assert.deepEqual(
      parsed.entries.map((e) => e.seq),
      [1],
    );
    assert.equal(parsed.droppedTail?.lines, 1);
  });

  it('drops garbage lines at the end, such as zeros left by a power loss', () => {
    const text = `${encodeEntry(entry(1))}\0\0\0\0\n\0\0`;
    const parsed = parseJournal(text, 'journal.jsonl');
    assert.equal(parsed.entries.length, 1);
    assert.deepEqual(parsed.droppedTail, { line: 2, lines: 2, chars: 7 });
  });

  it('refuses a damaged line that valid entries follow, naming the file and the line', () => {
    const text = encodeEntry(entry(1)) + '{"seq":2,"at":\n' + encodeEntry(entry(3));
    assert.throws(
      () => parseJournal(text, '/data/journal.jsonl'),
      (err: unknown) => err instanceof JournalCorruptError && err.line === 2 && /\/data\/journal\.jsonl is damaged at line 2/.test(err.message),
    );
  });

  it('treats a line that is JSON but not an entry as damaged', () => {
    const text = `${encodeEntry(entry(1))}{"seq":"two"}\n${encodeEntry(entry(3))}`;
    assert.throws(() => parseJournal(text, 'journal.jsonl'), JournalCorruptError);
  });
});
