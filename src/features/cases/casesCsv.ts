import type { Locale } from '../../config';
import { DateTime } from 'luxon';
import { toCsv } from '../../common/csv';
import { isoDate, TIME_ZONE } from '../../dates/dates';
import type { Names } from './labels';
import { areaLabel, levelLabel, perspectiveLabel, stateLabel, typeLabel } from './labels';
import type { CaseSummary } from './model';

const HEADERS: Record<Locale, string[]> = {
  sv: ['Ärende', 'Rubrik', 'Typ', 'Område', 'Perspektiv', 'Prioriterat', 'Läge', 'Placerat hos', 'Bereds av', 'Inlämnat av', 'Part', 'Inlämnat', 'Senast ändrat'],
  en: ['Case', 'Title', 'Kind', 'Area', 'Perspectives', 'Prioritised', 'Status', 'Placed with', 'Prepared by', 'Submitted by', 'Party', 'Submitted', 'Last changed'],
};

function stamp(iso: string): string {
  return DateTime.fromISO(iso, { zone: TIME_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * Every case of the register, one row each in number order, dates in Swedish local time.
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
  return toCsv([HEADERS[locale], ...rows]);
}

/** The export's file name: `arenden-2026-11-27.csv`. */
export function csvFilename(now: Date, locale: Locale): string {
  return `${locale === 'sv' ? 'arenden' : 'cases'}-${isoDate(now)}.csv`;
}
