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
  const store = withChangeSignal(withTransientRetries(opened), hub);
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
