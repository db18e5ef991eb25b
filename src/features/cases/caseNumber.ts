/** Case numbers: `LV-2026-0042`, sequential per year (four digits, more when a year needs them). */
export const CASE_NUMBER = /^LV-(\d{4})-(\d{4,6})$/;

export function formatCaseNumber(year: number, seq: number): string {
  return `LV-${year}-${String(seq).padStart(4, '0')}`;
}

export function parseCaseNumber(text: string): { year: number; seq: number } | undefined {
  const m = CASE_NUMBER.exec(text.trim().toUpperCase());
  if (!m) return undefined;
  const seq = Number(m[2]);
  return seq >= 1 ? { year: Number(m[1]), seq } : undefined;
}
