import type { Clock } from '../clock';
import type { Locale } from '../config';
import type { ConversationDoc } from '../directory/model';
import type { Logger } from '../log';
import type { DocContainer, Stored } from '../store/types';
import { isStoreError } from '../store/types';
import type { ConversationLimiters } from './conversationLimiters';
import type { DeliveryDoc } from './deliveryDoc';
import { deliveryId } from './deliveryDoc';
import type { DeliveryOptions } from './deliveryOptions';
import type { DeliveryRecords } from './deliveryRecords';
import type { RateGate } from './rateGate';
import type { RenderedCards } from './renderedCards';
import type { SlidingWindowLimiter } from './rateLimiter';
import { decideRetry } from './retryPolicy';
import type { SendResult, TeamsSender } from './sender';
import { cardActivity } from './sender';
import type { DeliveryStatus, RecipientResolver, ResolvedRecipient } from './types';

/** A delivery this instance may try to claim: as last read, with the etag that guards the claim. */
export interface Candidate {
  doc: Stored<DeliveryDoc>;
  container: DocContainer;
  batchKey: string;
  /** The recipient's address, looked up with the rest of its page; absent: look it up now. */
  resolved?: ResolvedRecipient;
}

/** What became of one try: finished here (or by someone else), or to try again after a while. */
export type TaskOutcome = { kind: 'settled' } | { kind: 'later'; candidate: Candidate; delayMs: number };

export interface TaskContext {
  clock: Clock;
  log: Logger;
  sender: TeamsSender;
  resolver: RecipientResolver;
  defaultLocale: Locale;
  options: DeliveryOptions;
  records: DeliveryRecords;
  appGate: RateGate;
  cards: RenderedCards;
  conversations: ConversationLimiters;
  /** Conversations with a message in flight from this instance. */
  inFlight: Set<string>;
  /** Monotonic milliseconds, for pacing. */
  now(): number;
}

/**
 * One try at one delivery: resolve the recipient, render, claim (status `sending`, written before
 * the call), wait for the app's budget, call Teams once, record the outcome. `onSending` is called
 * once the budget allows the call.
 */
export async function deliver(ctx: TaskContext, candidate: Candidate, onSending: () => void): Promise<TaskOutcome> {
  const { doc } = candidate;
  const resolved = candidate.resolved ?? (await ctx.resolver.resolve(doc.recipient));
  if (!resolved.ok) {
    return finish(ctx, candidate, resolved.reason === 'gone' ? 'gone' : 'failed', resolved.reason);
  }
  const conversation = resolved.conversation;
  if (conversation.gone) return finish(ctx, candidate, 'gone', 'gone');

  const key = conversation.id;
  const limiter = ctx.conversations.get(key);
  const wait = limiter.waitMs(ctx.now());
  if (ctx.inFlight.has(key) || wait > 0) return { kind: 'later', candidate, delayMs: Math.max(wait, 100) };
  ctx.inFlight.add(key);
  try {
    const target = await replaceTarget(candidate, conversation);
    if (target === 'wait') return { kind: 'later', candidate, delayMs: ctx.options.replaceWaitMs };
    const rendered = ctx.cards.render(doc.message, resolved.locale ?? doc.message.locale ?? ctx.defaultLocale);
    if ('refused' in rendered) return finish(ctx, candidate, 'failed', rendered.refused);

    let claimed: Stored<DeliveryDoc> | null;
    try {
      claimed = await claim(ctx, candidate, conversation);
    } catch (err) {
      if (!isStoreError(err)) throw err;
      ctx.log.warn({ err, deliveryId: doc.id }, 'delivery claim failed; trying again shortly');
      return { kind: 'later', candidate, delayMs: ctx.options.pollMs };
    }
    if (!claimed) return { kind: 'settled' };
    const grant = await ctx.appGate.acquire();
    if (!grant) {
      await release(ctx, candidate.container, claimed);
      return { kind: 'settled' };
    }
    onSending();
    limiter.take();
    let result: SendResult;
    try {
      result = await send(ctx, {
        conversation,
        activity: cardActivity(rendered.card, doc.message.summary),
        ...(target.activityId ? { updateActivityId: target.activityId } : {}),
      });
    } finally {
      grant.done();
      limiter.finish(grant.at, ctx.now());
    }
    return await record(ctx, { ...candidate, doc: claimed }, conversation, result, limiter, target.activityId !== null);
  } finally {
    ctx.inFlight.delete(key);
  }
}

// The activity to update in place, if the batch replaces an earlier one that reached this
// conversation.
async function replaceTarget(candidate: Candidate, conversation: ConversationDoc): Promise<{ activityId: string | null } | 'wait'> {
  const { doc } = candidate;
  if (!doc.replaces) return { activityId: null };
  let { activityId, conversationId } = doc.replaces;
  if (!activityId) {
    const earlier = await candidate.container.read<DeliveryDoc>(doc.pk, deliveryId(doc.replaces.batchId, doc.recipientKey));
    if (earlier?.status === 'pending' || earlier?.status === 'sending') return 'wait';
    if (earlier?.status !== 'sent' || !earlier.activityId) return { activityId: null };
    activityId = earlier.activityId;
    conversationId = earlier.conversationId;
  }
  // A member who reinstalled the bot has a new chat: the old message cannot be updated there.
  return { activityId: conversationId === conversation.conversationId ? activityId : null };
}

function claim(ctx: TaskContext, candidate: Candidate, conversation: ConversationDoc): Promise<Stored<DeliveryDoc> | null> {
  const now = ctx.clock.now();
  const { doc } = candidate;
  return ctx.records.write(
    candidate.container,
    {
      ...doc,
      status: 'sending',
      attempts: doc.attempts + 1,
      leaseOwner: ctx.options.owner,
      leaseUntil: new Date(now.getTime() + ctx.options.leaseMs).toISOString(),
      conversationKey: conversation.id,
      conversationId: conversation.conversationId,
      updatedAt: now.toISOString(),
    },
    doc._etag,
  );
}

// Gives back a claim that was never sent (the worker is stopping).
async function release(ctx: TaskContext, container: DocContainer, claimed: Stored<DeliveryDoc>): Promise<void> {
  const next = { ...claimed, status: 'pending' as const, attempts: claimed.attempts - 1, leaseOwner: null, leaseUntil: null };
  try {
    await ctx.records.write(container, { ...next, updatedAt: ctx.clock.now().toISOString() }, claimed._etag);
  } catch (err) {
    ctx.log.warn({ err, deliveryId: claimed.id }, 'unsent claim not released; it is taken again when its lease expires');
  }
}

async function send(ctx: TaskContext, request: Parameters<TeamsSender['send']>[0]): Promise<SendResult> {
  try {
    return await ctx.sender.send(request);
  } catch (err) {
    return { kind: 'retry', status: null, retryAfterMs: null, reason: `send failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function record(
  ctx: TaskContext,
  candidate: Candidate,
  conversation: ConversationDoc,
  result: SendResult,
  limiter: SlidingWindowLimiter,
  wasUpdate: boolean,
): Promise<TaskOutcome> {
  const { doc, container } = candidate;
  const now = ctx.clock.now();
  const base = { ...doc, leaseOwner: null, leaseUntil: null, updatedAt: now.toISOString() };
  switch (result.kind) {
    case 'ok':
      await ctx.records.writeOutcome(
        container,
        { ...base, status: 'sent', activityId: result.activityId, error: null, sentAt: now.toISOString() },
        doc._etag,
      );
      return { kind: 'settled' };
    case 'retry': {
      if (result.status === 429) throttled(ctx, limiter, result.retryAfterMs);
      const decision = decideRetry(doc.attempts, result.retryAfterMs, result.reason, ctx.options.retry, ctx.options.random);
      if (decision.kind === 'give-up') {
        await ctx.records.writeOutcome(container, { ...base, status: 'failed', error: decision.reason }, doc._etag);
        ctx.log.warn({ deliveryId: doc.id, batchId: doc.batchId, reason: decision.reason }, 'delivery failed');
        return { kind: 'settled' };
      }
      const notBefore = new Date(now.getTime() + decision.delayMs).toISOString();
      const written = await ctx.records.writeOutcome(container, { ...base, status: 'pending', error: result.reason, notBefore }, doc._etag);
      return written ? { kind: 'later', candidate: { ...candidate, doc: written }, delayMs: decision.delayMs } : { kind: 'settled' };
    }
    case 'gone': {
      if (wasUpdate && result.status === 404) {
        // The message to update was deleted, not the conversation: send a new one instead.
        const next = { ...base, status: 'pending' as const, replaces: null, error: 'message to update not found (http 404)' };
        const written = await ctx.records.writeOutcome(container, next, doc._etag);
        return written ? { kind: 'later', candidate: { ...candidate, doc: written }, delayMs: 0 } : { kind: 'settled' };
      }
      await ctx.records.writeOutcome(container, { ...base, status: 'gone', error: result.reason }, doc._etag);
      await ctx.resolver.markGone(conversation.id, result.reason);
      ctx.log.info({ deliveryId: doc.id, conversationKey: conversation.id, reason: result.reason }, 'conversation gone');
      return { kind: 'settled' };
    }
    case 'failed':
      await ctx.records.writeOutcome(container, { ...base, status: 'failed', error: result.reason }, doc._etag);
      ctx.log.warn({ deliveryId: doc.id, batchId: doc.batchId, reason: result.reason }, 'delivery failed');
      return { kind: 'settled' };
  }
}

// A 429 pauses the conversation for Retry-After. Teams does not say which limit it was: when the
// conversation is far from its own limits, it was the app's, and the whole instance pauses briefly.
function throttled(ctx: TaskContext, limiter: SlidingWindowLimiter, retryAfterMs: number | null): void {
  const now = ctx.now();
  const pause = retryAfterMs ?? 1_000;
  if (!limiter.busy(now)) {
    ctx.appGate.limiter.pause(now + Math.min(pause, ctx.options.appPauseCapMs));
    ctx.log.warn({ retryAfterMs }, 'Teams throttled the app; pausing sends');
  }
  limiter.pause(now + pause);
}

// A final state decided before any call to Teams (unknown recipient, too large...).
async function finish(ctx: TaskContext, candidate: Candidate, status: DeliveryStatus, reason: string): Promise<TaskOutcome> {
  const { doc } = candidate;
  const now = ctx.clock.now().toISOString();
  const next = { ...doc, status, error: reason, leaseOwner: null, leaseUntil: null, updatedAt: now };
  const written = await ctx.records.write(candidate.container, next, doc._etag);
  if (written) ctx.log.info({ deliveryId: doc.id, batchId: doc.batchId, status, reason }, 'delivery not sent');
  return { kind: 'settled' };
}
