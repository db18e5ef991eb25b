import { DateTime } from 'luxon';
import { TIME_ZONE } from './dates';

/**
 * Dates and times as people type them, and as each Teams client's date and time inputs send them.
 * One reader for every field that asks for a date, so `2027-01-29`, `29/1 2027`, `29 januari 2027`
 * and `January 29, 2027` mean the same day everywhere.
 *
 * What the clients send: Input.Date submits `YYYY-MM-DD` on desktop, web and current mobile
 * clients (the Adaptive Cards schema's format, which Teams keeps by design, not localised); older
 * mobile renderers sent the platform's own format, an ISO date-time (`2027-01-29T00:00:00Z`,
 * `2027-01-29T00:00:00.000+01:00`) or a US `01/29/2027`; a client that lets the person type into
 * the field passes the typed text on. Input.Time submits `HH:mm`, older mobile ones `HH:mm:ss`.
 */

const MONTHS: Record<string, number> = {};
const monthNames: [number, string[]][] = [
  [1, ['januari', 'january', 'jan']],
  [2, ['februari', 'february', 'feb']],
  [3, ['mars', 'march', 'mar']],
  [4, ['april', 'apr']],
  [5, ['maj', 'may']],
  [6, ['juni', 'june', 'jun']],
  [7, ['juli', 'july', 'jul']],
  [8, ['augusti', 'august', 'aug']],
  [9, ['september', 'sept', 'sep']],
  [10, ['oktober', 'october', 'okt', 'oct']],
  [11, ['november', 'nov']],
  [12, ['december', 'dec']],
];
for (const [month, names] of monthNames) for (const name of names) MONTHS[name] = month;

/** The years a typed date may fall in: anything else is a slip (or a tampered card). */
const YEARS = { min: 2000, max: 2099 };

function isoOf(year: number, month: number, day: number): string | undefined {
  if (year < YEARS.min || year > YEARS.max) return undefined;
  const date = DateTime.fromObject({ year, month, day }, { zone: TIME_ZONE });
  return date.isValid ? (date.toISODate() ?? undefined) : undefined;
}

function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

/**
 * The calendar day a person or a client means by `text` (`YYYY-MM-DD`), or undefined. A date
 * written with slashes is read day first, as in Sweden and Britain (`29/1 2027`, `29/01/2027`),
 * unless only month first makes sense (`01/29/2027`, from an older US-formatted client).
 */
export function parseTypedDate(text: string): string | undefined {
  const s = text.trim().replace(/\s+/g, ' ').replace(/^(?:mån|tis|ons|tors|tor|fre|lör|sön|mon|tue|wed|thu|fri|sat|sun)[a-zåäö]*\.?,? /i, '');
  if (s === '') return undefined;
  // ISO, also an ISO date-time from a client: with an offset, the Swedish day of that moment
  // (a client's local midnight sent in UTC is still that day here); without, the day it names.
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const day = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!day || !m[4]) return day;
    const moment = DateTime.fromISO(s.replace(' ', 'T'), { zone: TIME_ZONE });
    return moment.isValid ? isoOf(moment.year, moment.month, moment.day) : undefined;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  // 29/1 2027, 29/1/2027, 29.1.2027, 29-1-2027, 01/29/2027
  m = /^(\d{1,2})\s?[/.-]\s?(\d{1,2})(?:\s?[/.-]\s?|\s)(\d{4})$/.exec(s);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return b > 12 && a <= 12 ? isoOf(year, a, b) : isoOf(year, b, a);
  }
  // 29 januari 2027, 29 jan. 2027, 29th January 2027
  m = /^(\d{1,2})(?:st|nd|rd|th|:e|:a)?\.? ([a-zåäö]+\.?),? (\d{4})$/i.exec(s);
  if (m) {
    const month = monthOf(m[2]!);
    return month ? isoOf(Number(m[3]), month, Number(m[1])) : undefined;
  }
  // January 29, 2027 / Jan 29 2027
  m = /^([a-zåäö]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i.exec(s);
  if (m) {
    const month = monthOf(m[1]!);
    return month ? isoOf(Number(m[3]), month, Number(m[2])) : undefined;
  }
  return undefined;
}

/** The time of day a person or a client means (`09.30`, `9:30`, `0930`, `9`, `09:30:00`), as `HH:mm`. */
export function parseTypedTime(text: string): string | undefined {
  const s = text.trim().replace(/^kl\.?\s*/i, '');
  const m = /^(\d{1,2})(?:[.:](\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
