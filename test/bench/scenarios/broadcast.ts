import { systemClock } from '../../../src/clock';
import { createOutbox } from '../../../src/delivery/outbox';
import type { DeliveryView, Recipient } from '../../../src/delivery/types';
import { ELEVEN_PARTY_IDS } from '../../../src/directory/seed';
import { CountingStore } from '../../support/countingStore';
import { cardAction, personalConversationId } from '../../support/activities';
import type { TurnKind } from './latency';
import { isCardAnswer } from './latency';
import type { BenchContext } from '../context';
import { DeliveryTally, until } from '../context';
import type { OpsSummary } from '../storeOps';
import type { Responsiveness } from '../responsiveness';
import { sampleResponsiveness } from '../responsiveness';
import { SECRETARY, channelRecipient, helpUser, memberRecipient, partyChannelId, recipient, seedPeople } from '../population';
import { buttonData, press } from '../botClient';

/** What one broadcast to `chats` personal chats and the eleven party channels measured. */
export interface BroadcastRun {
  /** `feature`: composed and confirmed by the secretariat through the bot; `outbox`: enqueued directly. */
  mode: 'outbox' | 'feature';
  /** The broadcast (feature mode), for the acknowledgements measured later. */
  broadcastId: string | null;
  /** How long the secretariat's "Skicka nu" press took to answer (feature mode: it enqueues everything). */
  confirmTurnMs: number | null;
  recipients: number;
  chats: number;
  channels: number;
  /** From the send (the enqueue starting) to the last message Teams accepted. */
  totalS: number;
  /** Until the enqueue had returned (the deliveries and the batch pointer written). */
  enqueueS: number;
  /** From the first to the last message Teams accepted. */
  sendingS: number;
  /** Messages per second from first to last. */
  rate: number;
  /** `rate` as a share of the binding limit (50 per second per app). */
  ratePctOfLimit: number;
  throttled429: number;
  duplicates: number;
  lost: number;
  /** Deliveries recorded `sent` in the store at the end. */
  recordedSent: number;
  /** Store operations of the bot while it delivered, all of them and without its idle background. */
  storeOps: { all: OpsSummary; own: OpsSummary; perMessageAll: number; perMessageOwn: number };
  /** Store operations of the enqueue when the bench made it (outbox mode; in feature mode the bot's count has it). */
  enqueueOps: number;
  rssAfterMiB: number;
  /** CPU time of the bot per delivered message, in ms. */
  cpuMsPerMessage: number;
  /** `/healthz` round trips while it delivered: the event-loop delay every send and answer also waits. */
  healthz: Responsiveness;
}

const APP_LIMIT_PER_S = 50;

/** Makes sure recipients 0 … n-1 are in the directory with their personal chats. */
export async function ensureRecipients(ctx: BenchContext, n: number): Promise<void> {
  if (ctx.seeded.recipients >= n) return;
  const started = Date.now();
  const people = Array.from({ length: n - ctx.seeded.recipients }, (_, i) => recipient(ctx.seeded.recipients + i));
  await seedPeople(ctx.seed, people, ctx.limited.serviceUrl);
  ctx.seeded.recipients = n;
  process.stdout.write(`    ${people.length} more recipients in the directory (${n} in all) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/**
 * A broadcast through the outbox directly (the dissemination feature's send is one enqueue of
 * this shape): one delivery per recipient conversation, delivered by the bot's worker to the
 * connector that enforces Teams' limits.
 */
export async function runOutboxBroadcast(ctx: BenchContext, chats: number, label: string): Promise<BroadcastRun> {
  await ensureRecipients(ctx, chats);
  const recipients: Recipient[] = [
    ...ELEVEN_PARTY_IDS.map((partyId) => channelRecipient(partyId)),
    ...Array.from({ length: chats }, (_, i) => memberRecipient(recipient(i))),
  ];
  const expected = new Set<string>([
    ...ELEVEN_PARTY_IDS.map((partyId) => partyChannelId(partyId)),
    ...Array.from({ length: chats }, (_, i) => personalConversationId(recipient(i).user)),
  ]);
  ctx.limited.reset();
  const tally = new DeliveryTally(ctx.limited);
  const batchId = `bench-${label}-${Date.now()}`;
  const source = { container: 'dissemination' as const, pk: batchId };
  const enqueueStore = new CountingStore(ctx.store);
  const outbox = createOutbox({ store: enqueueStore, clock: systemClock, log: ctx.log });
  const timeoutMs = 60_000 + (recipients.length / APP_LIMIT_PER_S) * 2_000;

  let enqueueS = 0;
  let started = 0;
  const cpuBefore = ctx.bot.cpuMs();
  const stopSampling = sampleResponsiveness(ctx.bot.url);
  const measured = await ctx.meter.measure(async () => {
    started = Date.now();
    await outbox.enqueue({
      batchId,
      source,
      recipients,
      message: {
        template: 'error',
        data: { message: 'Beslut: gemensam riktlinje för hemsjukvård i Gävleborg. Läs beslutet och för det vidare i din organisation.' },
        summary: 'Nytt beslut från Länsledning Välfärd',
      },
    });
    enqueueS = (Date.now() - started) / 1000;
    await until(() => tally.update().reached(expected) === expected.size, timeoutMs, 100);
    // The worker records each outcome after Teams answers: wait until every delivery says `sent`.
    await until(async () => (await outbox.deliveries(source, batchId)).every((v) => v.status === 'sent'), 30_000, 500);
  });
  const figures = await deliveryFigures(ctx, { tally, expected, started, cpuBefore, measured, stopSampling, views: () => outbox.deliveries(source, batchId) });
  return {
    mode: 'outbox',
    broadcastId: null,
    confirmTurnMs: null,
    recipients: recipients.length,
    chats,
    enqueueS,
    ...figures,
    enqueueOps: enqueueStore.count(),
  };
}

type SharedFigures = Omit<BroadcastRun, 'mode' | 'broadcastId' | 'confirmTurnMs' | 'recipients' | 'chats' | 'enqueueS' | 'enqueueOps'>;

/** The figures both kinds of run take the same way: what Teams received, what the store recorded, what it cost. */
async function deliveryFigures(
  ctx: BenchContext,
  run: {
    tally: DeliveryTally;
    expected: ReadonlySet<string>;
    started: number;
    cpuBefore: number;
    measured: { all: OpsSummary; own: OpsSummary };
    stopSampling: () => Promise<Responsiveness>;
    views: () => Promise<DeliveryView[]>;
  },
): Promise<SharedFigures> {
  const { tally, expected, measured } = run;
  const cpuUsed = ctx.bot.cpuMs() - run.cpuBefore;
  const healthz = await run.stopSampling();
  tally.update();
  const views = await run.views();
  const sent = [...tally.perConversation.entries()].filter(([id]) => expected.has(id));
  const messages = sent.reduce((n, [, c]) => n + c, 0);
  const sendingS = (tally.last - tally.first) / 1000;
  const rate = messages > 1 && sendingS > 0 ? (messages - 1) / sendingS : 0;
  return {
    channels: ELEVEN_PARTY_IDS.length,
    totalS: (tally.last - run.started) / 1000,
    sendingS,
    rate,
    ratePctOfLimit: (rate / APP_LIMIT_PER_S) * 100,
    throttled429: ctx.limited.throttled,
    duplicates: sent.filter(([, c]) => c > 1).length,
    lost: expected.size - sent.length,
    recordedSent: views.filter((v) => v.status === 'sent').length,
    storeOps: {
      all: measured.all,
      own: measured.own,
      perMessageAll: measured.all.total / Math.max(1, messages),
      perMessageOwn: measured.own.total / Math.max(1, messages),
    },
    rssAfterMiB: ctx.bot.rssMiB(),
    cpuMsPerMessage: cpuUsed / Math.max(1, messages),
    healthz,
  };
}

/** What the secretariat writes: a decision to the eleven parties, to be acknowledged. */
export function decisionForm(label: string): Record<string, string> {
  return {
    kind: 'decision',
    title: `Beslut: gemensam riktlinje för hemsjukvård (${label})`,
    text: 'Länsledning Välfärd har beslutat att anta den gemensamma riktlinjen för hemsjukvård i Gävleborg. Riktlinjen gäller från 1 januari. För beslutet vidare i din organisation och kvittera här.',
    links: 'Riktlinjen https://docs.example/riktlinje-hemsjukvard.pdf',
    audience: ELEVEN_PARTY_IDS.join(','),
    targets: 'both',
    requiresAck: 'true',
  };
}

/**
 * A broadcast as the secretariat sends it: `broadcast.create` (the preview), then "Skicka nu"
 * (`broadcast.confirm`), which plans the recipients from the directory (the eleven parties'
 * channels and their Länsledning members' chats) and enqueues them. Measured from the press.
 */
export async function runFeatureBroadcast(ctx: BenchContext, chats: number, label: string): Promise<BroadcastRun> {
  await ensureRecipients(ctx, chats);
  const expected = new Set<string>([
    ...ELEVEN_PARTY_IDS.map((partyId) => partyChannelId(partyId)),
    ...Array.from({ length: chats }, (_, i) => personalConversationId(recipient(i).user)),
  ]);
  const secretariat = ctx.plain.serviceUrl;
  const preview = await press(ctx.bot.url, SECRETARY.user, secretariat, 'broadcast.create', decisionForm(label));
  const confirm = buttonData(preview, 'broadcast.confirm');
  const broadcastId = String(confirm.broadcastId);
  const source = { container: 'dissemination' as const, pk: broadcastId };
  const outbox = createOutbox({ store: ctx.store, clock: systemClock, log: ctx.log });
  ctx.limited.reset();
  const tally = new DeliveryTally(ctx.limited);
  const timeoutMs = 60_000 + (expected.size / APP_LIMIT_PER_S) * 2_000;
  const cpuBefore = ctx.bot.cpuMs();
  const stopSampling = sampleResponsiveness(ctx.bot.url);
  let started = 0;
  let confirmTurnMs = 0;
  const measured = await ctx.meter.measure(async () => {
    started = Date.now();
    await press(ctx.bot.url, SECRETARY.user, secretariat, 'broadcast.confirm', confirm, 180_000);
    confirmTurnMs = Date.now() - started;
    await until(() => tally.update().reached(expected) === expected.size, timeoutMs, 100);
    await until(async () => (await outbox.deliveries(source, 'send')).every((v) => v.status === 'sent'), 30_000, 500);
  });
  const figures = await deliveryFigures(ctx, { tally, expected, started, cpuBefore, measured, stopSampling, views: () => outbox.deliveries(source, 'send') });
  return {
    mode: 'feature',
    broadcastId,
    confirmTurnMs,
    recipients: expected.size,
    chats,
    enqueueS: confirmTurnMs / 1000,
    ...figures,
    enqueueOps: 0,
  };
}

/** `broadcast.ack`: the parties' people press "received and carried into our organisation". */
export function ackTurn(ctx: BenchContext, broadcastId: string, members: number): TurnKind {
  const serviceUrl = ctx.limited.serviceUrl;
  let n = 0;
  let e = 0;
  return {
    name: 'broadcast.ack',
    activity: () => cardAction(recipient(n++ % members).user, { serviceUrl }, 'broadcast.ack', { broadcastId }),
    echoActivity: () => cardAction(helpUser(e++ % 200).user, { serviceUrl: ctx.plain.serviceUrl }, 'broadcast.ack', { broadcastId }),
    check: isCardAnswer,
    writes: true,
  };
}
