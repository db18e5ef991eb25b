import type { Locale } from '../../config';
import { t } from '../../i18n';
import type { Names } from './labels';
import { levelLabel, stateLabel } from './labels';
import type { CaseSummary } from './model';
import { OPEN_STATES } from './model';

/** How many cases a list card shows; the rest are in the CSV export. */
export const LIST_CAP = 40;

interface ListItem {
  caseId: string;
  title: string;
  line: string;
}

export function ageText(createdAt: string, now: Date, locale: Locale): string {
  const days = Math.floor((now.getTime() - new Date(createdAt).getTime()) / 86_400_000);
  return days <= 0 ? t(locale, 'cases', 'ageToday') : t(locale, 'cases', 'ageDays', { days });
}

function item(s: CaseSummary, now: Date, locale: Locale, names: Names): ListItem {
  const parts = [t(locale, 'cases', 'listLine', { state: stateLabel(locale, s.state), age: ageText(s.createdAt, now, locale) })];
  if (s.state === 'placed' && s.level) parts.push(levelLabel(locale, s.level, names));
  else if (s.holderName && s.state !== 'received') parts.push(s.holderName);
  if (s.prioritised) parts.push(t(locale, 'cases', 'prioritisedMark'));
  return { caseId: s.caseId, title: s.title, line: parts.join(' · ') };
}

/** A member's own cases, newest first. */
export function myCasesData(summaries: readonly CaseSummary[], now: Date, locale: Locale, names: Names): object {
  const items = summaries.slice(0, LIST_CAP).map((s) => item(s, now, locale, names));
  return {
    heading: t(locale, 'cases', 'myCasesTitle'),
    intro: '',
    emptyText: t(locale, 'cases', 'myCasesEmpty'),
    groups: items.length > 0 ? [{ heading: '', items }] : [],
    more: summaries.length > LIST_CAP ? t(locale, 'cases', 'listMore', { n: summaries.length - LIST_CAP }) : '',
    exportUrl: '',
  };
}

/** Open cases by state (the queue first), oldest first within each; the export link below. */
export function queueData(summaries: readonly CaseSummary[], now: Date, locale: Locale, names: Names, exportUrl: string): object {
  const open = summaries.filter((s) => s.state !== 'void' && OPEN_STATES.includes(s.state));
  const sorted = [...open].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let left = LIST_CAP;
  const groups = OPEN_STATES.flatMap((state) => {
    const inState = sorted.filter((s) => s.state === state);
    const shown = inState.slice(0, Math.max(left, 0));
    left -= shown.length;
    return shown.length > 0 ? [{ heading: t(locale, 'cases', 'listGroup', { state: stateLabel(locale, state), count: inState.length }), items: shown.map((s) => item(s, now, locale, names)) }] : [];
  });
  return {
    heading: t(locale, 'cases', 'queueTitle'),
    intro: open.length > 0 ? t(locale, 'cases', 'queueIntro', { count: open.length }) : '',
    emptyText: t(locale, 'cases', 'queueEmpty'),
    groups,
    more: open.length > LIST_CAP ? t(locale, 'cases', 'listMore', { n: open.length - LIST_CAP }) : '',
    exportUrl,
  };
}
