import { AppError } from '../errors';
import { normaliseForMatching } from './normalise';

/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer,
 * day + 60) in free text (docs/domain.md §16), however they are written (docs/security.md,
 * "Identity numbers"). The text is normalised first (src/privacy/normalise.ts: compatibility
 * forms, invisible characters removed, every dash, space and decimal digit mapped), then a match
 * needs 10 or 12 digits grouped as such a number is written, a plausible date and a valid Luhn
 * check digit over the 10 digits.
 */

/**
 * Digits in groups joined by one to three spaces, dashes or dots, or by a plus alone (after
 * normalisation): a plus with a space is a phone number's country code, not the plus of a person
 * past a hundred.
 */
const RUN = /\d+(?:(?:[ .-]{1,3}|\+)\d+)*/g;
const GROUP = /\d+/g;

export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function plausibleDate(century: string | undefined, month: number, day: number): boolean {
  if (century !== undefined && !['18', '19', '20'].includes(century)) return false;
  if (month < 1 || month > 12) return false;
  return (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
}

interface Group {
  digits: string;
  start: number;
  end: number;
}

/**
 * Whether groups of these lengths, joined by these separators, are written as an identity number
 * is: in one piece, digit by digit, or split only where its parts meet (century, year, month and
 * day, the date and the last four, the last four in two). A phone number (070-123 45 67), an amount (1 234 567 890) or a date followed by a number
 * (2026-01-01 1500) is grouped otherwise.
 */
function writtenAsIdentityNumber(lengths: readonly number[], separators: readonly string[]): boolean {
  if (lengths.length === 1 || lengths.every((n) => n === 1)) return true;
  const total = lengths.reduce((a, b) => a + b, 0);
  const dateLength = total - 4;
  const cuts: number[] = [];
  let at = 0;
  for (const n of lengths.slice(0, -1)) cuts.push((at += n));
  const inDate = cuts.filter((c) => c < dateLength).join(',');
  const inSerial = cuts.filter((c) => c > dateLength).join(',');
  const dateSplits = total === 10 ? ['', '2,4'] : ['', '2', '4,6', '2,4,6'];
  if (!dateSplits.includes(inDate) || !['', String(dateLength + 2)].includes(inSerial)) return false;
  // The date written in its parts and the last four straight after it (80 01 011234) is one too.
  if (!cuts.includes(dateLength)) return inDate !== '' && inSerial === '';
  // A date written as a date (2026-01-01, 2026.01.01) and then a space and four digits is a date
  // and a number: the number then follows straight on (1980-01-01-1234, 80.01.01.1234).
  const dateSeparators = separators.slice(0, cuts.indexOf(dateLength));
  const atDate = separators[cuts.indexOf(dateLength)]!;
  return !(dateSeparators.some((s) => /[.-]/.test(s)) && atDate.includes(' '));
}

/** Where the normalised text holds an identity number: spans in the normalised text. */
function* spansIn(normal: string): Generator<{ start: number; end: number }> {
  for (const run of normal.matchAll(RUN)) {
    const groups: Group[] = [...run[0].matchAll(GROUP)].map((g) => ({ digits: g[0], start: run.index + g.index, end: run.index + g.index + g[0].length }));
    const separators = groups.slice(1).map((g, i) => normal.slice(groups[i]!.end, g.start));
    for (let i = 0; i < groups.length; i++) {
      // A number inside a longer run starts and ends where the writer left a space.
      if (i > 0 && !separators[i - 1]!.includes(' ')) continue;
      let digits = '';
      for (let j = i; j < groups.length && digits.length < 12; j++) {
        digits += groups[j]!.digits;
        if (digits.length !== 10 && digits.length !== 12) continue;
        if (j < groups.length - 1 && !separators[j]!.includes(' ')) continue;
        const lengths = groups.slice(i, j + 1).map((g) => g.digits.length);
        if (!writtenAsIdentityNumber(lengths, separators.slice(i, j))) continue;
        // Digit by digit, the number is the whole row of single digits, not ten of a longer row.
        if (lengths.every((n) => n === 1) && (groups[i - 1]?.digits.length === 1 || groups[j + 1]?.digits.length === 1)) continue;
        const ten = digits.slice(-10);
        const century = digits.length === 12 ? digits.slice(0, 2) : undefined;
        if (!plausibleDate(century, Number(ten.slice(2, 4)), Number(ten.slice(4, 6))) || !luhnValid(ten)) continue;
        yield { start: groups[i]!.start, end: groups[j]!.end };
      }
    }
  }
}

/** Where the text holds something that is, by every test, an identity number: spans in the text as written. */
function* identityNumberSpans(text: string): Generator<{ start: number; end: number }> {
  const normal = normaliseForMatching(text);
  for (const span of spansIn(normal.text)) yield { start: normal.from[span.start]!, end: normal.to[span.end - 1]! };
}

/** True when the text holds something that is, by every test, an identity number (also once its %-escapes are read, as in a web address). */
export function containsIdentityNumber(text: string): boolean {
  if (!identityNumberSpans(text).next().done) return true;
  const decoded = percentDecoded(text);
  return decoded !== text && !identityNumberSpans(decoded).next().done;
}

/** The text with its %-escapes read (a web address); the text itself when it has none or they are broken. */
function percentDecoded(text: string): string {
  if (!/%[0-9a-f]{2}/i.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The text with every identity number replaced by `mask`, so that a refused form can be shown
 * again without echoing the number; text without one comes back unchanged.
 */
export function maskIdentityNumbers(text: string, mask: string): string {
  // Overlapping finds (the ten digits inside twelve, a number inside a digit-by-digit run) are one.
  const spans = [...identityNumberSpans(text)].sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (let i = 0; i < spans.length; i++) {
    const start = spans[i]!.start;
    let end = spans[i]!.end;
    while (i + 1 < spans.length && spans[i + 1]!.start < end) end = Math.max(end, spans[++i]!.end);
    out += text.slice(from, start) + mask;
    from = end;
  }
  out += text.slice(from);
  // A number written with %-escapes cannot be cut out of the address as written: all of it goes.
  return containsIdentityNumber(out) ? mask : out;
}

/**
 * The names of the fields whose text holds an identity number. A list is read item by item and as
 * its lines together, since a form's multi-line input arrives split into items at its line breaks.
 */
export function identityNumberFieldsOf(fields: Record<string, string | readonly string[] | null | undefined>): string[] {
  return Object.entries(fields)
    .filter(([, v]) => {
      const texts = (Array.isArray(v) ? [...(v as readonly unknown[]), (v as readonly unknown[]).join('\n')] : [v]).filter((s): s is string => typeof s === 'string');
      return texts.some(containsIdentityNumber);
    })
    .map(([k]) => k);
}

/**
 * Refuses input whose free-text fields hold an identity number, before anything is stored. The
 * error names the fields by the ids the card gives them (the first is where a form shows the
 * problem), never the number; the caller stores and logs nothing of the input.
 */
export function refuseIdentityNumbers(fields: Record<string, string | readonly string[] | null | undefined>): void {
  const hits = identityNumberFieldsOf(fields);
  if (hits.length > 0) throw new AppError('PRIVACY', { field: hits, detail: hits.join(', '), values: { fields: hits.join(', ') } });
}
