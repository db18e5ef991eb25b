import type { Calendar } from './calendar/port';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Outbox, Scheduler } from './delivery/types';
import type { DirectoryRepo } from './directory/directoryRepo';
import type { RosterReader } from './directory/model';
import type { LinkSigner } from './links';
import type { Logger } from './log';
import type { Store } from './store/types';

/** What features and the bot are built from: passed in, never imported as singletons. */
export interface AppDeps {
  config: Config;
  log: Logger;
  clock: Clock;
  store: Store;
  directory: DirectoryRepo;
  outbox: Outbox;
  scheduler: Scheduler;
  links: LinkSigner;
  /** Team rosters through the Bot Connector, for comparing a party's team with the directory. */
  roster: RosterReader;
  /** Where meetings go into calendars: Outlook through Microsoft Graph, or (absent) links and .ics. */
  calendar?: Calendar;
}
