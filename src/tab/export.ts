import ExcelJS from 'exceljs';
import type { Cell, Table } from '../bot/dashboard';

/**
 * The spreadsheet formula rule every export follows: text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets an apostrophe in front; numbers stay numbers.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV the way Swedish Excel opens it: UTF-8 with a byte-order mark, semicolons, CRLF. */
export function tableCsv(table: Table): string {
  const lines = [table.columns.map((c) => c.label), ...table.rows.map((r) => r.cells)].map((row) => row.map(csvField).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ */
export function sheetName(caption: string): string {
  const clean = caption.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  return (clean || 'Tabell').slice(0, 31);
}

/** The table as an Excel workbook: one sheet, the header row bold and frozen, numbers as numbers, totals bold. */
export async function tableXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Länsledning Välfärd';
  const sheet = workbook.addWorksheet(sheetName(table.caption), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns.map((c) => neutraliseFormula(c.label))).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.cells.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
    if (row.total) added.font = { bold: true };
  }
  table.columns.forEach((column, i) => {
    const longest = Math.max(column.label.length, ...table.rows.map((r) => String(r.cells[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
