import type restify from 'restify';
import { createBot, type Bot } from './bot/bot';
import { Inbox } from './bot/inbox';
import { createRosterReader } from './bot/rosterReader';
import { registerFrame } from './bot/frame';
import { FeatureRegistry } from './bot/registry';
import { createCalendar } from './calendar';
import { createCalendarWatch, type CalendarWatch } from './calendar/watch';
import type { Clock } from './clock';
import type { Config } from './config';
import type { AppDeps } from './deps';
import type { Outbox, RecipientResolver, Scheduler } from './delivery/types';
import { DeliveryRetention } from './delivery/retention';
import { bootstrapDirectory } from './directory/bootstrap';
import { DirectoryRepo } from './directory/directoryRepo';
import { registerFeatures } from './features';
import { createLinkSigner, CSV_LINK_MAX_AGE_MS, loadSigningKey, sweepLinkRecords } from './links';
import type { Logger } from './log';
import { makeServer } from './server';
import { ChangeHub, withChangeSignal } from './tab/live';
import { withReadCache } from './store/readCache';
import { createTab, TAB_EXPORT_DOWNLOAD, type Tab } from './tab/routes';
import { withTransientRetries } from './store/transientRetry';
import type { Store } from './store/types';

/** The outbox, scheduler and their background workers, built over the store. */
export interface Delivery {
  outbox: Outbox;
  scheduler: Scheduler;
  /** Starts the workers (after every feature has registered its job handlers). */
  start(): void;
  /** Stops the workers, waiting for messages in flight. */
  stop(): Promise<void>;
}

export type DeliveryFactory = (parts: { store: Store; clock: Clock; log: Logger; config: Config; resolver: RecipientResolver }) => Delivery;

export interface App {
  server: restify.Server;
  deps: AppDeps;
  /** The Teams tab at /tab/. */
  tab: Tab;
  registry: FeatureRegistry;
  bot: Bot;
  delivery: Delivery;
}

/** What the bot answers: its own frame (help, welcome) and every feature, checked once at start. */
export function buildRegistry(deps: AppDeps): FeatureRegistry {
  const registry = new FeatureRegistry();
  registerFrame(registry, registry);
  registerFeatures(registry, deps);
  registry.checkQuickActions();
  return registry;
}

/** Builds the whole service over an open store: directory, features, bot, HTTP routes. */
export async function createApp(config: Config, log: Logger, opened: Store, clock: Clock, makeDelivery: DeliveryFactory): Promise<App> {
  // Every part of the service sees the store through short retries of throttled and unavailable calls.
  const hub = new ChangeHub();
  const store = withReadCache(withChangeSignal(withTransientRetries(opened), hub), READ_CACHE);
  const directory = new DirectoryRepo(store.containers.directory, clock);
  const links = createLinkSigner(await loadSigningKey(store.containers.directory), config.publicBaseUrl, clock, store.containers.directory);
  const delivery = makeDelivery({ store, clock, log, config, resolver: directory });
  const roster = createRosterReader(config);
  const calendar = createCalendar(config.calendar, { log, clock });
  const deps: AppDeps = { config, log, clock, store, directory, outbox: delivery.outbox, scheduler: delivery.scheduler, links, roster, calendar };
  const registry = buildRegistry(deps);
  const calendarWatch = watchCalendar(deps);
  if (calendarWatch) registry.startup(() => calendarWatch.start());
  // After registration, so that features see the members the file adds (e.g. to start introductions).
  await bootstrapDirectory(directory, config.directoryFile, log);
  for (const task of registry.startupTasks) await task();
  const retention = new DeliveryRetention(store, clock, config.retention);
  const bot = createBot(deps, registry, new Inbox(store.containers.inbox, clock, config.retention.inboxDays), [
    { name: 'deliveries', run: () => retention.sweepDeliveries() },
    { name: 'jobs', run: () => retention.sweepJobs() },
    { name: 'downloadLinks', run: () => sweepLinkRecords(store.containers.directory, clock, config.retention.linkDays) },
  ]);
  const tab = createTab({ config, log, clock, directory, links, hub, dashboards: registry.dashboards });
  // The tab's CSV and Excel links last minutes; like every list's link, never more than a day.
  registry.download(TAB_EXPORT_DOWNLOAD, (params) => tab.download(params), { maxAgeMs: CSV_LINK_MAX_AGE_MS });
  const server = makeServer({ bot, log, links, downloads: registry.downloads, ready: () => store.ping(), calendarWatch });
  tab.routes(server);
  return { server, deps, registry, bot, delivery, tab };
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/**
 * The reads turns repeat, kept in memory (docs/store.md, "Reads kept in memory"). What decides
 * authorization (a member's entry, a meeting's invitees, a party's channel) is kept briefly; where a
 * conversation is changes rarely and is kept longer. Lists of members are not kept here: a send
 * or an invitation made from a list another instance has just added to must reach everyone.
 */
const READ_CACHE: Parameters<typeof withReadCache>[1] = {
  directory: {
    keepsDoc: (pk) => pk === 'member' || pk === 'conv' || pk === 'party' || pk === 'body',
    keepsQueries: (pk) => pk === 'party' || pk === 'body',
    ttlMs: (pk) => (pk === 'conv' ? 5 * MINUTE : 30 * SECOND),
  },
  meetings: {
    keepsDoc: (pk, id) => pk === id,
    ttlMs: () => 10 * SECOND,
  },
  // A broadcast (its plan decides who may acknowledge) and its parties' acknowledgements (the first counts).
  dissemination: {
    keepsDoc: (pk, id) => pk === id || id.startsWith('ack-'),
    ttlMs: () => 10 * SECOND,
  },
};

/** With Outlook calendars: the subscription on the organizer's events and the notifications' intake. */
function watchCalendar(deps: AppDeps): CalendarWatch | undefined {
  const { calendar, config } = deps;
  if (calendar?.kind !== 'outlook' || config.calendar.kind !== 'graph') return undefined;
  return createCalendarWatch({
    calendar,
    container: deps.store.containers.meetings,
    scheduler: deps.scheduler,
    clock: deps.clock,
    log: deps.log,
    notificationUrl: config.calendar.notificationUrl,
  });
}
