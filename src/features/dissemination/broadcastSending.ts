import type { JobContext } from '../../delivery/types';
import type { UpdateWindows } from '../../delivery/liveStatus';
import { recipientsOf } from './audienceRules';
import type { Dissemination } from './broadcastDelivery';
import { deliverySummary, enqueueSend, enqueueStatusCard, planFor, sourceOf, statusData } from './broadcastDelivery';
import type { BroadcastDoc } from './model';
import { BATCH } from './model';
import { APP_MESSAGES_PER_SECOND, summariseDeliveries } from './progressRules';

export const JOB_SEND = 'broadcast.send';
export const JOB_PROGRESS = 'broadcast.progress';

/**
 * Progress updates: about ten over the time the send is expected to take at Teams' rate, and at
 * most one every 3 s (a step reads every delivery record and sends the card as a batch of its own:
 * a fixed number of steps keeps a large send's cost in proportion to its size, and a small send
 * is done in a step or two), for 100 steps; then every 30 s for 2 hours more.
 */
const FAST_TICKS = 100;
const MAX_TICKS = FAST_TICKS + 240;
const STEPS_PER_SEND = 10;
const tickDelayMs = (tick: number, recipients: number): number =>
  tick < FAST_TICKS ? Math.max(3_000, Math.ceil((recipients * 1000) / APP_MESSAGES_PER_SECOND / STEPS_PER_SEND)) : 30_000;
/** A send whose deliveries are not all queued this long after it started was interrupted: queue the rest. */
const ENQUEUE_GRACE_MS = 60_000;

export interface SendJob {
  broadcastId: string;
  revision: number;
}

export interface ProgressJob {
  broadcastId: string;
  /** One chain of updates per send, retry or acknowledgement. */
  chain: string;
  tick: number;
}

export function sendJobId(broadcastId: string, revision: number): string {
  return `bcast-send-${broadcastId}-r${revision}`;
}

export async function scheduleProgress(d: Dissemination, broadcastId: string, chain: string, tick: number, runAt: Date): Promise<void> {
  await d.deps.scheduler.schedule<ProgressJob>({
    id: `bcast-progress-${broadcastId}-${chain}-${tick}`,
    kind: JOB_PROGRESS,
    runAt,
    payload: { broadcastId, chain, tick },
  });
}

/**
 * After an acknowledgement was recorded: the status card's update for its window of a few seconds
 * (`UpdateWindows`), scheduled once per window as a progress chain of its own.
 */
export async function scheduleAckUpdate(d: Dissemination, broadcastId: string, windows: UpdateWindows): Promise<void> {
  await windows.request(broadcastId, (window, runAt) => scheduleProgress(d, broadcastId, `acks-${window}`, 0, runAt));
}

/**
 * Sends a confirmed broadcast: fixes its recipients from the directory, marks it sent and queues
 * one delivery per recipient, then posts the status card. The first progress update is scheduled
 * before anything else, so a crash at any point is finished by that job. Only the revision that
 * was confirmed is sent; a broadcast already sent is only queued again (which adds nobody twice).
 */
export async function startSend(d: Dissemination, broadcastId: string, revision: number): Promise<'started' | 'resumed' | 'skipped'> {
  const now = d.deps.clock.now();
  const current = await d.repo.broadcast(broadcastId);
  if (!current || current.status === 'cancelled' || current.status === 'draft' && current.revision !== revision) return 'skipped';
  await scheduleProgress(d, broadcastId, 'send', 0, new Date(now.getTime() + tickDelayMs(0, current.plan ? recipientsOf(current.plan).length : 0)));
  const plan = current.plan ?? (await planFor(d.deps, current.audience, current.targets, current.fromPartyId));
  const outcome = await d.repo.updateBroadcast<'started' | 'resumed' | 'skipped'>(broadcastId, (b) => {
    if (!b || b.status === 'cancelled') return { result: 'skipped' };
    if (b.status === 'sent') return { result: 'resumed' };
    if (b.revision !== revision) return { result: 'skipped' };
    return { write: { ...b, status: 'sent', plan: b.plan ?? plan, sentAt: now.toISOString(), updatedAt: now.toISOString() }, result: 'started' };
  });
  if (outcome === 'skipped') return outcome;
  const sent = await d.repo.broadcast(broadcastId);
  if (!sent) return 'skipped';
  await enqueueSend(d, sent);
  await enqueueStatusCard(d, sent);
  d.deps.log.info({ broadcastId, outcome, recipients: sent.plan ? recipientsOf(sent.plan).length : 0 }, 'broadcast queued');
  return outcome;
}

/** The scheduled send: runs only if the broadcast is still scheduled with the revision it was scheduled for. */
export async function runSendJob(d: Dissemination, job: SendJob): Promise<void> {
  const b = await d.repo.broadcast(job.broadcastId);
  if (!b || b.revision !== job.revision || (b.status !== 'scheduled' && b.status !== 'sent')) return;
  await startSend(d, job.broadcastId, job.revision);
}

/**
 * One progress step: makes sure every recipient is queued (finishing a send a crash interrupted),
 * updates the status card in place, and schedules the next step until the send is complete.
 */
export async function runProgressJob(d: Dissemination, job: ProgressJob, context: JobContext): Promise<void> {
  const b = await d.repo.broadcast(job.broadcastId);
  if (!b || b.status !== 'sent' || !b.plan) return;
  const recipients = recipientsOf(b.plan).length;
  const views = await d.deps.outbox.deliveries(sourceOf(b.id), BATCH.send);
  const queuing = context.runAt.getTime() - Date.parse(b.sentAt ?? context.runAt.toISOString()) < ENQUEUE_GRACE_MS;
  let summary = summariseDeliveries(b.plan, views);
  if (views.length < recipients && !queuing) {
    await enqueueSend(d, b);
    await enqueueStatusCard(d, b);
    summary = (await deliverySummary(d, b)) ?? summary;
  }
  const pushed = await pushStatus(d, b);
  const done = summary.complete && (pushed === 'pushed' || pushed === 'unreachable');
  if (!done && job.tick < MAX_TICKS) {
    const next = job.tick + 1;
    await scheduleProgress(d, b.id, job.chain, next, new Date(context.runAt.getTime() + tickDelayMs(next, recipients)));
  }
}

/**
 * Updates the status card in place with the latest state. Updates go out one at a time (the next
 * only when the previous has been delivered), so an older state never overwrites a newer one. A
 * status card that could not be delivered at all is `unreachable`: there is nothing to update.
 */
export async function pushStatus(d: Dissemination, b: BroadcastDoc): Promise<'pushed' | 'busy' | 'not-ready' | 'unreachable'> {
  const source = sourceOf(b.id);
  const card = await d.deps.outbox.deliveries(source, BATCH.status);
  if (!card.some((v) => v.status === 'sent')) {
    const settled = card.length > 0 && card.every((v) => v.status === 'failed' || v.status === 'gone');
    return settled ? 'unreachable' : 'not-ready';
  }
  if (b.lastStatusBatch) {
    const previous = await d.deps.outbox.deliveries(source, b.lastStatusBatch);
    if (previous.some((v) => v.status === 'pending' || v.status === 'sending')) return 'busy';
  }
  const number = b.statusUpdates + 1;
  const batchId = BATCH.statusUpdate(number);
  const claimed = await d.repo.updateBroadcast<boolean>(b.id, (current) =>
    current?.statusUpdates === number - 1
      ? { write: { ...current, statusUpdates: number, lastStatusBatch: batchId }, result: true }
      : { result: false },
  );
  if (!claimed) return 'busy';
  const latest = (await d.repo.broadcast(b.id)) ?? b;
  await d.deps.outbox.enqueue({
    batchId,
    source,
    recipients: [{ kind: 'conversation', conversationKey: b.statusConversation }],
    message: { template: 'broadcast-status', data: await statusData(d, latest), summary: b.title },
    replaces: BATCH.status,
  });
  return 'pushed';
}
