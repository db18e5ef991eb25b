import type { Locale } from '../../config';
import { DateTime } from 'luxon';
import { isoDate, TIME_ZONE } from '../../i18n/dates';
import type { Names } from './labels';
import { areaLabel, levelLabel, perspectiveLabel, stateLabel, typeLabel } from './labels';
import type { CaseSummary } from './model';

const HEADERS: Record<Locale, string[]> = {
  sv: ['Ärende', 'Rubrik', 'Typ', 'Område', 'Perspektiv', 'Prioriterat', 'Läge', 'Placerat hos', 'Bereds av', 'Inlämnat av', 'Part', 'Inlämnat', 'Senast ändrat'],
  en: ['Case', 'Title', 'Kind', 'Area', 'Perspectives', 'Prioritised', 'Status', 'Placed with', 'Prepared by', 'Submitted by', 'Party', 'Submitted', 'Last changed'],
};

/**
 * A cell as spreadsheets read it safely: quoted when it holds the separator, a quote or a line
 * break, and never starting like a formula (=, +, -, @).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function stamp(iso: string): string {
  return DateTime.fromISO(iso, { zone: TIME_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * Every case of the register, one row each in number order, semicolon-separated with a byte-order
 * mark (as Excel in Swedish expects), dates in Swedish local time.
 */
export function casesCsv(summaries: readonly CaseSummary[], locale: Locale, names: Names): string {
  const rows = [...summaries]
    .sort((a, b) => a.year - b.year || a.seq - b.seq)
    .map((s) => [
      s.caseId,
      s.title,
      typeLabel(locale, s.caseType),
      areaLabel(locale, s.area),
      s.perspectives.map((p) => perspectiveLabel(locale, p)).join(', '),
      s.prioritised ? (locale === 'sv' ? 'ja' : 'yes') : '',
      stateLabel(locale, s.state),
      s.level ? levelLabel(locale, s.level, names) : '',
      s.holderName ?? '',
      s.submitterName,
      names.parties.get(s.partyId) ?? s.partyId,
      stamp(s.createdAt),
      stamp(s.updatedAt),
    ]);
  return `\uFEFF${[HEADERS[locale], ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/** The export's file name: `arenden-2026-11-27.csv`. */
export function csvFilename(now: Date, locale: Locale): string {
  return `${locale === 'sv' ? 'arenden' : 'cases'}-${isoDate(now)}.csv`;
}
