import { TIME_ZONE } from '../../dates/dates';
import { escapeText, foldLine, VTIMEZONE } from '../../common/ics';

/** One planned meeting as a calendar event, in local Europe/Stockholm time. */
export interface PlanEvent {
  uid: string;
  title: string;
  /** `YYYY-MM-DD` and `HH:mm`, Swedish local time. */
  date: string;
  start: string;
  end: string;
}

/**
 * A calendar (RFC 5545) with the year's planned meetings, to import or subscribe to: local times
 * with the Europe/Stockholm zone included, so clients place them right across daylight saving.
 */
export function buildPlanCalendar(name: string, events: readonly PlanEvent[], stamp: Date, sequence: number): string {
  const dtstamp = `${stamp.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const local = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lansledning Valfard//Arsplan//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...VTIMEZONE,
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${sequence}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;TZID=${TIME_ZONE}:${local(e.date, e.start)}`,
      `DTEND;TZID=${TIME_ZONE}:${local(e.date, e.end)}`,
      `SUMMARY:${escapeText(e.title)}`,
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
