import { journalEntrySchema, type JournalEntry } from './journalEntry';

/** The journal's on-disk form: one JSON entry per line, each line ending in a newline. */
export function encodeEntry(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

export interface ParsedJournal {
  entries: JournalEntry[];
  /**
   * What follows the last complete entry, when something does: a line cut short by a crash in the
   * middle of an append. Its write was never acknowledged, so it is dropped.
   */
  droppedTail: { line: number; lines: number; chars: number } | undefined;
}

/** A journal line is damaged and valid entries follow it: dropping it would lose writes silently. */
export class JournalCorruptError extends Error {
  constructor(
    public readonly file: string,
    public readonly line: number,
  ) {
    super(
      `${file} is damaged at line ${line}: the line is not a journal entry and entries follow it. ` +
        'Nothing was changed. Repair or remove that line, or move the file aside to start from the ' +
        'snapshot alone (losing the writes it holds).',
    );
    this.name = 'JournalCorruptError';
  }
}

/** Parses a journal. A damaged tail is reported and dropped; damage before valid entries throws. */
export function parseJournal(text: string, file: string): ParsedJournal {
  const lines = text.split('\n');
  // After the final newline comes either nothing or a line whose append never finished.
  const complete = lines.slice(0, -1);
  const unfinished = lines[lines.length - 1] ?? '';
  const entries: JournalEntry[] = [];
  let firstBad: number | undefined;
  let goodChars = 0;
  complete.forEach((line, index) => {
    const entry = parseLine(line);
    if (!entry) {
      firstBad ??= index;
      return;
    }
    if (firstBad !== undefined) throw new JournalCorruptError(file, firstBad + 1);
    entries.push(entry);
    goodChars += line.length + 1;
  });
  const badLines = (firstBad === undefined ? 0 : complete.length - firstBad) + (unfinished === '' ? 0 : 1);
  const droppedTail =
    badLines === 0 ? undefined : { line: entries.length + 1, lines: badLines, chars: text.length - goodChars };
  return { entries, droppedTail };
}

function parseLine(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = journalEntrySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
