import { renderCard, type AdaptiveCard } from '../../../src/cards/renderCard';
import type { Clock } from '../../../src/clock';
import type { OutboundCard, Recipient } from '../../../src/delivery/types';
import type { DirectoryEntry } from '../../../src/features/directory/directoryFile';
import { MEETING_INDEX_PK } from '../../../src/features/meetings/model';
import { queryAll } from '../../../src/store/concurrency';
import type { Store } from '../../../src/store/types';
import { cardAction, message, type TestUser } from '../../support/activities';
import { cardText, invokeCard } from '../../support/cards';
import { person } from '../../support/members';
import type { DeliveryRecord } from '../../support/recordingDelivery';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';

/** The twelve signatories (the eleven parties and the education federation), one member each. */
export const PARTY_IDS = [
  'region-gavleborg',
  'bollnas',
  'gavle',
  'hofors',
  'hudiksvall',
  'ljusdal',
  'nordanstig',
  'ockelbo',
  'ovanaker',
  'sandviken',
  'soderhamn',
  'hufb',
] as const;

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

/** One delivery as the outbox contract defines it: a batch id and a recipient, once. */
export interface Delivered {
  batchId: string;
  recipient: Recipient;
  card: OutboundCard;
  replaces: string | undefined;
}

/**
 * The service with a recording outbox and scheduler, and what a meeting test needs around it:
 * pressing buttons as a person, reading what was delivered, running due reminder jobs.
 */
export class MeetingsBot {
  /** Job ids that have run to the end (the durable scheduler's "done"). */
  readonly doneJobs = new Set<string>();

  private constructor(
    public app: TestApp,
    readonly record: DeliveryRecord,
    private readonly options: { members: DirectoryEntry[]; clock: Clock; store: Store },
  ) {}

  static async start(options: { members: DirectoryEntry[]; clock: Clock; store: Store }): Promise<MeetingsBot> {
    const record: DeliveryRecord = { batches: [], jobs: [] };
    const app = await startTestApp({ ...options, delivery: recordingDelivery(record) });
    return new MeetingsBot(app, record, options);
  }

  /** Stops this instance and starts a new one on the same store (and the same outbox and jobs). */
  async restart(): Promise<void> {
    await this.app.stop();
    this.app = await startTestApp({ ...this.options, delivery: recordingDelivery(this.record) });
  }

  place(): { serviceUrl: string } {
    return { serviceUrl: this.app.connector.serviceUrl };
  }

  /** A button press (Action.Execute) in the person's own chat; the card the invoke answered with. */
  async press(user: TestUser, verb: string, data: object): Promise<{ card: AdaptiveCard; text: string }> {
    const res = await this.app.post(cardAction(user, this.place(), verb, data));
    if (res.status !== 200) throw new Error(`${verb} answered HTTP ${res.status}`);
    const card = invokeCard(res.body) as unknown as AdaptiveCard;
    return { card, text: cardText(card) };
  }

  async say(user: TestUser, text: string): Promise<void> {
    const res = await this.app.post(message(user, this.place(), text));
    if (res.status !== 200) throw new Error(`"${text}" answered HTTP ${res.status}`);
  }

  /** Every delivery enqueued, once per batch and recipient (re-enqueuing a batch adds only new recipients). */
  delivered(): Delivered[] {
    const seen = new Set<string>();
    const out: Delivered[] = [];
    for (const batch of this.record.batches) {
      for (const recipient of batch.recipients) {
        const key = `${batch.source.pk}|${batch.batchId}|${recipientKey(recipient)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const card = typeof batch.message === 'function' ? batch.message(recipient) : batch.message;
        out.push({ batchId: batch.batchId, recipient, card, replaces: batch.replaces });
      }
    }
    return out;
  }

  /** Deliveries to one member, optionally of one card template. */
  deliveredTo(user: TestUser, template?: string): Delivered[] {
    return this.delivered().filter(
      (d) => d.recipient.kind === 'member' && d.recipient.aadObjectId === user.aadObjectId && (!template || d.card.template === template),
    );
  }

  /** The members a batch reached (by batch id prefix), by AAD object id. */
  reached(batchPrefix: string): string[] {
    return this.delivered()
      .filter((d) => d.batchId.startsWith(batchPrefix) && d.recipient.kind === 'member')
      .map((d) => (d.recipient as { aadObjectId: string }).aadObjectId)
      .sort();
  }

  /** Renders a delivered card as the recipient would see it. */
  static render(delivered: Delivered, locale: 'sv' | 'en' = 'sv'): { card: AdaptiveCard; text: string } {
    const card = renderCard(delivered.card.template, delivered.card.data, locale);
    return { card, text: cardText(card) };
  }

  /**
   * Runs the scheduled jobs that are due and have not run (as the durable scheduler's tick does);
   * with `again`, also those that already ran, as after a lost lease or a crash before "done".
   */
  async runDueJobs(options: { again?: boolean } = {}): Promise<number> {
    const now = this.options.clock.now();
    const jobs = new Map<string, { id: string; kind: string; runAt: Date; payload: object }>();
    for (const job of this.record.jobs as { id: string; kind: string; runAt: Date; payload: object }[]) jobs.set(job.id, job);
    let ran = 0;
    for (const job of [...jobs.values()].sort((a, b) => a.runAt.getTime() - b.runAt.getTime())) {
      if (job.runAt > now || (this.doneJobs.has(job.id) && !options.again)) continue;
      const handler = this.record.handlers?.get(job.kind);
      if (!handler) throw new Error(`no handler for ${job.kind}`);
      await handler(job.payload, { jobId: job.id, runAt: job.runAt, attempt: 1 });
      this.doneJobs.add(job.id);
      ran += 1;
    }
    return ran;
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }
}

function recipientKey(recipient: Recipient): string {
  return recipient.kind === 'member' ? `member:${recipient.aadObjectId}` : `conv:${recipient.conversationKey}`;
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
