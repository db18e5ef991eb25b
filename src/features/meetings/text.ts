import { DateTime } from 'luxon';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import { TIME_ZONE, formatDate, formatDateTime, formatTime, isoDate } from '../../dates/dates';
import type { MeetingDoc } from './model';

/**
 * Text in both languages. Proactive cards are rendered at send time in the recipient's locale,
 * so their data carries both and the template picks one (`${when[locale]}`).
 */
export type Bi = Record<Locale, string>;

export const LOCALES: readonly Locale[] = ['sv', 'en'];

export function bi(text: (locale: Locale) => string): Bi {
  return { sv: text('sv'), en: text('en') };
}

type MeetingKey = Parameters<typeof t<'meetings'>>[2];

/** A meetings string in both languages; values may themselves be bilingual. */
export function biT(key: MeetingKey, values: Record<string, string | number | Bi> = {}): Bi {
  return bi((locale) =>
    t(
      locale,
      'meetings',
      key,
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? v[locale] : v])),
    ),
  );
}

/** "fredag 30 oktober 2026 kl. 09.00–12.00"; a meeting over several days names both days. */
export function whenText(meeting: Pick<MeetingDoc, 'startsAt' | 'endsAt'>): Bi {
  const start = new Date(meeting.startsAt);
  const end = new Date(meeting.endsAt);
  return bi((locale) =>
    isoDate(start) === isoDate(end)
      ? `${formatDateTime(start, locale)}–${formatTime(end, locale)}`
      : `${formatDateTime(start, locale)} – ${formatDateTime(end, locale)}`,
  );
}

/** A deadline: the date alone when it is the end of the day, as Swedes write "svara senast 23 oktober". */
export function deadlineText(deadline: string | Date): Bi {
  const date = new Date(deadline);
  const local = DateTime.fromJSDate(date, { zone: TIME_ZONE });
  const endOfDay = local.hour === 23 && local.minute === 59;
  return bi((locale) => (endOfDay ? formatDate(date, locale) : formatDateTime(date, locale)));
}

export function dateTimeText(date: string | Date): Bi {
  return bi((locale) => formatDateTime(new Date(date), locale));
}

/** "tisdag" / "Tuesday". */
export function weekdayText(date: Date): Bi {
  return bi((locale) => DateTime.fromJSDate(date, { zone: TIME_ZONE }).setLocale(locale === 'sv' ? 'sv-SE' : 'en-GB').toFormat('cccc'));
}

/** Names as a line, at most `max` of them, then "… och N till". */
export function namesText(names: readonly string[], max = 40): Bi {
  if (names.length === 0) return biT('statusNone');
  const shown = names.slice(0, max).join(', ');
  if (names.length <= max) return bi(() => shown);
  const more = biT('statusMore', { n: names.length - max });
  return bi((locale) => `${shown} ${more[locale]}`);
}
