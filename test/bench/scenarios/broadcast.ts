import { systemClock } from '../../../src/clock';
import { createOutbox } from '../../../src/delivery/outbox';
import type { Recipient } from '../../../src/delivery/types';
import { ELEVEN_PARTY_IDS } from '../../../src/features/directory/seed';
import { CountingStore } from '../../support/countingStore';
import { personalConversationId } from '../../support/activities';
import type { BenchContext } from '../context';
import { DeliveryTally, until } from '../context';
import type { OpsSummary } from '../storeOps';
import type { Responsiveness } from '../responsiveness';
import { sampleResponsiveness } from '../responsiveness';
import { channelRecipient, memberRecipient, partyChannelId, recipient, seedPeople } from '../population';

/** What one broadcast to `chats` personal chats and the eleven party channels measured. */
export interface BroadcastRun {
  mode: 'outbox';
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
  /** Store operations of the enqueue (made by the sender, here the bench over the outbox). */
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
  const people = Array.from({ length: n - ctx.seeded.recipients }, (_, i) => recipient(ctx.seeded.recipients + i));
  await seedPeople(ctx.store, people, ctx.limited.serviceUrl);
  ctx.seeded.recipients = n;
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
  const cpuUsed = ctx.bot.cpuMs() - cpuBefore;
  const healthz = await stopSampling();
  tally.update();
  const views = await outbox.deliveries(source, batchId);
  const sent = [...tally.perConversation.entries()].filter(([id]) => expected.has(id));
  const messages = sent.reduce((n, [, c]) => n + c, 0);
  const sendingS = (tally.last - tally.first) / 1000;
  const rate = messages > 1 && sendingS > 0 ? (messages - 1) / sendingS : 0;
  const own = measured.own;
  return {
    mode: 'outbox',
    recipients: recipients.length,
    chats,
    channels: ELEVEN_PARTY_IDS.length,
    totalS: (tally.last - started) / 1000,
    enqueueS,
    sendingS,
    rate,
    ratePctOfLimit: (rate / APP_LIMIT_PER_S) * 100,
    throttled429: ctx.limited.throttled,
    duplicates: sent.filter(([, c]) => c > 1).length,
    lost: expected.size - sent.length,
    recordedSent: views.filter((v) => v.status === 'sent').length,
    storeOps: {
      all: measured.all,
      own,
      perMessageAll: measured.all.total / Math.max(1, messages),
      perMessageOwn: own.total / Math.max(1, messages),
    },
    enqueueOps: enqueueStore.count(),
    rssAfterMiB: ctx.bot.rssMiB(),
    cpuMsPerMessage: cpuUsed / Math.max(1, messages),
    healthz,
  };
}
