/**
 * CSV as Swedish spreadsheets read and write it: semicolon-separated, UTF-8 with a byte-order mark
 * (so Excel shows å, ä and ö), CRLF line ends, fields quoted when they need it. Every CSV file the
 * bot serves is written here, with one formula rule.
 */
const BOM = '\uFEFF';
const DELIMITER = ';';

/** A cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null;

/**
 * The formula rule: text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) is neutralised with a leading apostrophe. A number stays a
 * number: a number value, or text that is a negative number (`-5`, `-1,5`). Text that starts with
 * the apostrophe itself is guarded too, so that reading a file back (`unguard`) restores every
 * cell exactly.
 */
const FORMULA_START = /^[=+@\t\r']|^-(?![\d.,]+$)/;

/** Text with the formula rule applied: what any spreadsheet file (CSV or a workbook) holds for it. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as it stands in the file: guarded against formulas, quoted when it must be. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : guardFormula(value);
  return text.includes(DELIMITER) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: rows of cells (a header is the first row), with the byte-order mark and CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `${BOM}${rows.map((row) => row.map(csvCell).join(DELIMITER)).join('\r\n')}\r\n`;
}

/**
 * Reads CSV text: the delimiter (`;`, `,` or tab) is the one the header line uses most; quoted
 * fields may hold delimiters, quotes (`""`) and line breaks. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const delimiter = detectDelimiter(input);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ';';
}

/** Undoes the formula guard of `toCsv` on a cell read back in. */
export function unguard(cell: string): string {
  return /^'[=+\-@\t\r']/.test(cell) ? cell.slice(1) : cell;
}
