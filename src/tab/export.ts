import ExcelJS from 'exceljs';
import { guardFormula, toCsv } from '../common/csv';
import type { Table } from '../kit/dashboard';

/** The table as CSV, written by the one CSV writer (`src/common/csv.ts`) with its formula rule. */
export function tableCsv(table: Table): string {
  return toCsv([table.columns.map((c) => c.label), ...table.rows.map((r) => r.cells)]);
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ */
export function sheetName(caption: string): string {
  const clean = caption.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  return (clean || 'Tabell').slice(0, 31);
}

/**
 * The table as an Excel workbook: one sheet, the header row bold and frozen, numbers as numbers,
 * totals bold; text follows the same formula rule as the CSV files.
 */
export async function tableXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Länsledning Välfärd';
  const sheet = workbook.addWorksheet(sheetName(table.caption), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns.map((c) => guardFormula(c.label))).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.cells.map((v) => (typeof v === 'string' ? guardFormula(v) : v)));
    if (row.total) added.font = { bold: true };
  }
  table.columns.forEach((column, i) => {
    const longest = Math.max(column.label.length, ...table.rows.map((r) => String(r.cells[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
