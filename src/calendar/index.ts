import type { Clock } from '../clock';
import type { CalendarConfig } from '../config';
import type { Logger } from '../log';
import { createOutlookCalendar } from './graph';
import type { Calendar } from './port';
import { LINKS_CALENDAR } from './port';

export interface CalendarOptions {
  /** Waits between Graph retries (tests record them instead of waiting). */
  wait?: (ms: number) => Promise<void>;
}

/** The calendar the settings ask for: Outlook through Graph with `CALENDAR_ORGANIZER`, else links. */
export function createCalendar(config: CalendarConfig, deps: { log: Logger; clock: Clock }, options: CalendarOptions = {}): Calendar {
  if (config.kind === 'links') return LINKS_CALENDAR;
  return createOutlookCalendar(config, { ...deps, ...(options.wait ? { wait: options.wait } : {}) });
}
