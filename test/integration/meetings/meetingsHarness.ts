import type { DeliveryFactory } from '../../../src/app';
import { createProactiveSender } from '../../../src/bot/proactiveSender';
import type { AdaptiveCard } from '../../../src/cards/renderCard';
import type { Clock } from '../../../src/clock';
import type { DeliveryService } from '../../../src/delivery/delivery';
import { createDelivery } from '../../../src/delivery/delivery';
import type { DirectoryEntry } from '../../../src/directory/directoryFile';
import { seedParties } from '../../../src/directory/seed';
import { MEETING_INDEX_PK } from '../../../src/features/meetings/model';
import { queryAll } from '../../../src/store/concurrency';
import type { Store } from '../../../src/store/types';
import { cardAction, installUpdate, message, personalConversationId, type TestUser } from '../../support/activities';
import { cardText, cardsOf, invokeCard } from '../../support/cards';
import { FakeConnector } from '../../support/fakeConnector';
import { person } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';

/** The twelve signatories (the eleven parties and the education federation), one member each. */
export const PARTY_IDS: readonly string[] = seedParties().map((p) => p.id);

const FIRST_NAMES = ['Agnes', 'Bo', 'Gun', 'Hans', 'Hedda', 'Lars', 'Nora', 'Olle', 'Ove', 'Sven', 'Siv', 'Ulla'];

/** `count` members of a body, spread over the parties, with generated ids. */
export function membersOf(bodyId: string, count: number, idBase = 100, locale = 'sv-SE'): { entry: DirectoryEntry; user: TestUser }[] {
  return Array.from({ length: count }, (_, i) => {
    const partyId = PARTY_IDS[i % PARTY_IDS.length]!;
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]!} ${partyId.replace(/-.*/, '')} ${i + 1}`;
    const id = `00000000-0000-4000-8000-${String(idBase + i).padStart(12, '0')}`;
    const { entry, user } = person(id, name, partyId, [bodyId], ['member'], locale);
    return { entry: { ...entry, email: `ledamot${idBase + i}@example.se` }, user };
  });
}

const OPEN_DELIVERIES = "c.type = 'delivery' AND c.status != 'sent' AND c.status != 'failed' AND c.status != 'gone'";

/** A message the bot sent to a conversation: a new one, or an update of an earlier one in place. */
export interface Seen {
  kind: 'new' | 'update';
  activityId: string | null;
  card: AdaptiveCard;
  text: string;
}

/** Delivery changes seen by every instance sharing a store, to wait on. */
class DeliveryEvents {
  count = 0;
  private readonly waiters = new Set<() => void>();

  changed(): void {
    this.count += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next change, or at `deadline` (epoch ms). */
  next(deadline: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve();
      }, Math.max(1, deadline - Date.now()));
      this.waiters.add(wake);
    });
  }
}

interface Options {
  members: DirectoryEntry[];
  clock: Clock;
  store: Store;
  connector: FakeConnector;
  events: DeliveryEvents;
  /** Extra settings (e.g. Graph's, pointing at a fake). */
  env?: Record<string, string>;
}

/**
 * The whole service with the real outbox, delivery worker and durable scheduler over a shared
 * store and fake Bot Connector, and what a meeting test needs around it: pressing buttons as a
 * person, reading what arrived in a chat, ticking the scheduler, waiting until the outbox is idle.
 */
export class MeetingsBot {
  private service: DeliveryService | undefined;

  private constructor(
    public app: TestApp,
    private readonly options: Options,
  ) {}

  static async start(options: Pick<Options, 'members' | 'clock' | 'store'> & Partial<Options>): Promise<MeetingsBot> {
    const connector = options.connector ?? (await new FakeConnector().start());
    const bot = new MeetingsBot(undefined as unknown as TestApp, { ...options, connector, events: options.events ?? new DeliveryEvents() });
    bot.app = await bot.startApp();
    return bot;
  }

  /** Stops this instance and starts a new one on the same store and connector. */
  async restart(): Promise<void> {
    await this.app.stop();
    this.app = await this.startApp();
  }

  /** Stops this instance and the connector it started with. */
  async stopAll(): Promise<void> {
    await this.app.stop();
    await this.connector.stop();
  }

  /** A second instance running beside this one, on the same store and connector. */
  async another(): Promise<MeetingsBot> {
    return MeetingsBot.start(this.options);
  }

  get connector(): FakeConnector {
    return this.options.connector;
  }

  place(): { serviceUrl: string } {
    return { serviceUrl: this.connector.serviceUrl };
  }

  /** Each member installs the bot in their personal chat (so that the bot can write to them). */
  async install(users: readonly TestUser[]): Promise<void> {
    for (const user of users) await this.app.post(installUpdate(user, this.place()));
  }

  /** A button press (Action.Execute) in the person's own chat; the card the invoke answered with. */
  async press(user: TestUser, verb: string, data: object, cardMessageId?: string): Promise<{ card: AdaptiveCard; text: string }> {
    const res = await this.app.post(cardAction(user, this.place(), verb, data, cardMessageId));
    if (res.status !== 200) throw new Error(`${verb} answered HTTP ${res.status}`);
    const card = invokeCard(res.body) as unknown as AdaptiveCard;
    return { card, text: cardText(card) };
  }

  async say(user: TestUser, text: string): Promise<void> {
    const res = await this.app.post(message(user, this.place(), text));
    if (res.status !== 200) throw new Error(`"${text}" answered HTTP ${res.status}`);
  }

  /** What the bot sent to a conversation (a personal chat by default), in order. */
  seenIn(conversationId: string): Seen[] {
    return this.connector.calls
      .filter((c) => c.conversationId === conversationId && c.status < 300 && (c.method === 'POST' || c.method === 'PUT'))
      .flatMap((c) =>
        cardsOf(c.body).map((card) => ({
          kind: c.method === 'PUT' ? ('update' as const) : ('new' as const),
          activityId: c.activityId,
          card: card as unknown as AdaptiveCard,
          text: cardText(card),
        })),
      );
  }

  /** What a member saw arrive in their chat, optionally only cards whose text matches. */
  seenBy(user: TestUser, matching?: RegExp): Seen[] {
    return this.seenIn(personalConversationId(user)).filter((s) => !matching || matching.test(s.text));
  }

  /** Runs the scheduler's due jobs once, as its tick does on every instance. */
  async tick(): Promise<void> {
    if (!this.service) throw new Error('no delivery service');
    await this.service.scheduler.tick({ full: true });
  }

  /** Resolves once no message of the meeting is waiting or being sent (every delivery is final). */
  async idle(meetingId: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const events = this.options.events;
    for (;;) {
      const seen = events.count;
      const open = await queryAll(this.options.store.containers.meetings, meetingId, OPEN_DELIVERIES);
      if (open.length === 0) return;
      if (events.count !== seen) continue;
      if (Date.now() > deadline) throw new Error(`${open.length} deliveries of ${meetingId} still open`);
      await events.next(deadline);
    }
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }

  private async startApp(): Promise<TestApp> {
    const delivery: DeliveryFactory = (parts) => {
      this.service = createDelivery({
        ...parts,
        sender: createProactiveSender({ config: parts.config, log: parts.log }),
        worker: { pollMs: 100, busyDiscoveryMs: 200, heartbeatMs: 1_000, replaceWaitMs: 5_000 },
        // The test ticks the scheduler itself, on the manual clock.
        scheduler: { tickMs: 3_600_000, wakeWhenDue: false },
        onDeliveryChange: () => this.options.events.changed(),
      });
      return this.service;
    };
    return startTestApp({
      members: this.options.members,
      clock: this.options.clock,
      store: this.options.store,
      connector: this.options.connector,
      delivery,
      ...(this.options.env ? { env: this.options.env } : {}),
    });
  }
}

/** The meeting id a card's buttons carry. */
export function meetingIdOn(card: object): string {
  const match = /"meetingId":"(m-[^"]+)"/.exec(JSON.stringify(card));
  if (!match?.[1]) throw new Error(`no meeting id on the card: ${JSON.stringify(card).slice(0, 300)}`);
  return match[1];
}

/** Documents of a meeting's partition and of the meeting index: what a refused action must not change. */
export async function documentCount(store: Store, meetingId: string): Promise<number> {
  const own = await queryAll(store.containers.meetings, meetingId, '');
  const index = await queryAll(store.containers.meetings, MEETING_INDEX_PK, '');
  return own.length + index.length;
}

/** The Action.OpenUrl address with this title on a card. */
export function linkOn(card: AdaptiveCard, title: RegExp): string {
  const action = (card.actions as { type: string; title?: string; url?: string }[] | undefined)?.find(
    (a) => a.type === 'Action.OpenUrl' && title.test(a.title ?? ''),
  );
  if (!action?.url) throw new Error(`no link "${title.source}" on the card`);
  return action.url;
}

/** The meeting form for Friday 30 October 2026, after the change to winter time, as Teams sends it. */
export function octoberForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    bodyId: 'lansledning',
    title: 'Länsledning Välfärd, oktober',
    date: '2026-10-30',
    startTime: '09:00',
    endTime: '12:00',
    endDate: '',
    location: 'Region Gävleborg, Rådhuset, Gävle',
    onlineUrl: 'https://teams.example/meet/lansledning-oktober',
    agenda: 'Uppföljning av handlingsplanen\nRemiss om samordnad individuell plan\nÖvrigt',
    materials: 'Handlingsplan 2026 | https://docs.example/handlingsplan.pdf\nRemissunderlag | https://docs.example/remiss.pdf',
    rsvpDeadline: '2026-10-23',
    readingReminderDays: '3, 1',
    readingReminderTime: '08:00',
    ...overrides,
  };
}
