import { lookBackPks } from '../../src/delivery/jobDocs';
import type { Logger } from '../../src/log';
import type { Store } from '../../src/store/types';
import type { FakeConnector } from '../support/fakeConnector';
import type { Figures } from './figures';
import type { ServiceProcess } from './processes';
import type { StoreOpsMeter } from './storeOps';
import type { SeedWriter } from './seedWriter';

/** What every scenario of a run shares. */
export interface BenchContext {
  /** The bot under test (built JS, embedded store, store-ops probe preloaded). */
  bot: ServiceProcess;
  /** The echo baseline. */
  echo: ServiceProcess;
  /** Bot Connector that enforces Teams' limits (429 + Retry-After): recipients' chats and channels. */
  limited: FakeConnector;
  /** Bot Connector without limits: where turn replies go (help users, the echo bot). */
  plain: FakeConnector;
  /** The bench's own client to the bot's embedded store, for set-up and checks (not counted). */
  store: Store;
  /** Batch writer for set-up documents (people). */
  seed: SeedWriter;
  /** Where the bot's store answers, and its key (the bench signs as the bot does). */
  cosmos: { endpoint: string; key: string };
  meter: StoreOpsMeter;
  figures: Figures;
  details: Record<string, unknown>;
  pending: string[];
  log: Logger;
  /** Recipients seeded so far (population.recipient(0 … n-1)). */
  seeded: { recipients: number };
  /** The meeting of the RSVP burst, once created (its invitees answer in the latency runs too). */
  meetingId?: string | undefined;
  /** The throughput broadcast, once sent through the dissemination feature (acknowledged in the latency runs). */
  broadcastId?: string | null | undefined;
  /** Only these kinds of turn in the latency phase (`--turns a,b`); all when unset. */
  turns: Set<string> | undefined;
  /** Epoch ms after which no further optional phase starts (the run must end within its budget). */
  deadline: number;
}

/** Successful POSTs to the connector, per conversation id, read incrementally. */
export class DeliveryTally {
  readonly perConversation = new Map<string, number>();
  first = Number.POSITIVE_INFINITY;
  last = 0;
  private scanned = 0;

  constructor(private readonly connector: FakeConnector) {}

  /** Takes in the calls made since the last look. */
  update(): this {
    const calls = this.connector.calls;
    for (; this.scanned < calls.length; this.scanned++) {
      const call = calls[this.scanned]!;
      if (call.method !== 'POST' || call.status >= 300 || call.conversationId === null || call.activityId !== null) continue;
      this.perConversation.set(call.conversationId, (this.perConversation.get(call.conversationId) ?? 0) + 1);
      this.first = Math.min(this.first, call.at);
      this.last = Math.max(this.last, call.at);
    }
    return this;
  }

  reached(conversationIds: Iterable<string>): number {
    let n = 0;
    for (const id of conversationIds) if (this.perConversation.has(id)) n += 1;
    return n;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every `everyMs` until it holds or `timeoutMs` passes; resolves with whether it held. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return true;
    await sleep(everyMs);
  }
  return condition();
}

/**
 * Waits until a process is nearly idle (under a quarter of a core over half a second), at most
 * `maxMs`: work a run left behind (requests the client gave up on, queued deliveries) must not be
 * billed to the next run. Resolves with how long it waited.
 */
export async function settle(process: { cpuMs(): number }, maxMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    const before = process.cpuMs();
    await sleep(500);
    if (process.cpuMs() - before < 125) break;
  }
  return Date.now() - started;
}

// Background work the bot still has: an open outbox batch, or a job that is due or running.
const BACKGROUND_WORK =
  "(c.type = 'outbox-batch' AND c.status = 'open') OR " +
  "(c.type = 'job' AND (c.status = 'running' OR (c.status = 'scheduled' AND c.nextAttemptAt <= @now)))";

/**
 * Waits until the bot is quiet before a phase: no background work left in the store (its open
 * outbox batches sent, its due jobs run; read with the bench's own client, which the store-ops
 * count leaves out) and its CPU nearly idle. At most `maxMs`; resolves with how long it waited and
 * whether the bot was quiet by then, so that a phase never pays for the one before it unknowingly.
 */
export async function quiet(ctx: Pick<BenchContext, 'bot' | 'store' | 'details'>, label: string, maxMs: number): Promise<boolean> {
  const started = Date.now();
  const busy = async (): Promise<boolean> => {
    for (const pk of lookBackPks(new Date(), 1)) {
      const page = await ctx.store.containers.jobs.query(pk, BACKGROUND_WORK, { now: new Date().toISOString() }, { pageSize: 1 });
      if (page.items.length > 0) return true;
    }
    return false;
  };
  let working = await busy();
  while (working && Date.now() - started < maxMs) {
    await sleep(250);
    working = await busy();
  }
  await settle(ctx.bot, Math.max(2_000, maxMs - (Date.now() - started)));
  const waits = (ctx.details.quietBefore ??= {}) as Record<string, { waitedS: number; quiet: boolean }>;
  waits[label] = { waitedS: (Date.now() - started) / 1000, quiet: !working };
  return !working;
}
