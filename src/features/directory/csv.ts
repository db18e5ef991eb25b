/**
 * CSV as Swedish spreadsheets read and write it: semicolon-separated, UTF-8 with a byte-order mark
 * (so Excel shows å, ä and ö), CRLF line ends, fields quoted when they need it.
 */
const BOM = '\uFEFF';

/**
 * Cells a spreadsheet would run as a formula are prefixed with an apostrophe, and so are cells
 * that begin with one, so that reading the file back (`unguard`) restores every cell exactly.
 */
const FORMULA_START = /^[=+@\t\r']|^-(?![\d.,]+$)/;

export function toCsv(rows: readonly (readonly (string | number)[])[], delimiter = ';'): string {
  const lines = rows.map((row) => row.map((cell) => quote(typeof cell === 'number' ? String(cell) : guard(cell), delimiter)).join(delimiter));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function guard(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
