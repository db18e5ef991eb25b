import type { Reply } from '../../kit/featureApp';
import { cardBytes, renderCard } from '../../cards/renderCard';
import type { AppDeps } from '../../deps';
import type { OutboundCard, Recipient } from '../../delivery/types';
import type { Stored } from '../../store/types';
import type { Bi } from './bilingual';
import { LOCALES } from './bilingual';
import { planRecipients, recipientKeyOf, recipientsOf } from './audienceRules';
import { messageCardData, previewReply } from './broadcastCards';
import { statusCardData } from './broadcastStatusCards';
import type { DisseminationRepo } from './disseminationRepo';
import type { Audience, BroadcastDoc, RecipientPlan, Targets } from './model';
import { BATCH, MANAGERS_BODY } from './model';
import type { DeliverySummary } from './progressRules';
import { summariseDeliveries } from './progressRules';
import { CSV_LINK_MAX_AGE_MS } from '../../links';
import { secretariatViewers } from '../../directory/secretariatViewers';

/** What the broadcast handlers and jobs work with. */
export interface Dissemination {
  deps: AppDeps;
  repo: DisseminationRepo;
}

/** Where a broadcast's or remiss's delivery records live: its own partition. */
export function sourceOf(id: string): { container: 'dissemination'; pk: string } {
  return { container: 'dissemination', pk: id };
}

/** Signed CSV links stay valid this long (a status card shown again makes a fresh one). */
export const CSV_LINK_TTL_MS = CSV_LINK_MAX_AGE_MS;

/** The recipients of an audience, from the directory as it is now. */
export async function planFor(
  deps: AppDeps,
  audience: Audience,
  targets: Targets,
  excludePartyId: string | null,
  options: { channelWhenNoMembers?: boolean } = {},
): Promise<RecipientPlan> {
  const [parties, members, body] = await Promise.all([
    deps.directory.parties(),
    deps.directory.membersOfBody(audience.bodyId ?? MANAGERS_BODY),
    audience.bodyId ? deps.directory.body(audience.bodyId) : Promise.resolve(undefined),
  ]);
  return planRecipients({ audience, targets, excludePartyId, parties, members, body: body ?? null, ...options });
}

export async function partyName(deps: AppDeps, partyId: string | null): Promise<string | null> {
  if (!partyId) return null;
  return (await deps.directory.party(partyId))?.name ?? partyId;
}

/**
 * The largest the recipients' card can get (with a reminder banner, or with a long acknowledgement
 * line, and a full refresh list), in either language: what Teams' size limit is checked against.
 */
export function largestMessageBytes(b: BroadcastDoc, fromPartyName: string | null): number {
  const party = { id: 'party', name: 'x'.repeat(60) };
  const viewers = Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const sent = { ...b, sentAt: b.sentAt ?? new Date(0).toISOString() };
  const ack = { id: 'ack', pk: b.id, type: 'broadcast-ack' as const, partyId: 'party', by: { aadObjectId: 'x', name: 'x'.repeat(200) }, at: sent.sentAt };
  const variants = [
    messageCardData(sent, fromPartyName, { party, ack: null, reminder: true, viewers }),
    messageCardData(sent, fromPartyName, { party, ack, reminder: false, viewers }),
  ];
  return Math.max(...variants.flatMap((data) => LOCALES.map((l) => cardBytes(renderCard('broadcast-message', data, l)))));
}

/** One card per recipient: the message, with the acknowledgement prompt for the recipient's party. */
export function messageFor(b: BroadcastDoc, plan: RecipientPlan, fromPartyName: string | null, reminder: boolean): (r: Recipient) => OutboundCard {
  const planned = new Map(recipientsOf(plan).map((p) => [p.key, p]));
  const parties = new Map(plan.parties.map((p) => [p.partyId, p]));
  return (recipient) => {
    const partyId = planned.get(recipientKeyOf(recipient))?.partyId;
    const party = partyId ? parties.get(partyId) : undefined;
    const viewers = recipient.kind === 'member' ? [recipient.aadObjectId] : [];
    return {
      template: 'broadcast-message',
      data: messageCardData(b, fromPartyName, {
        party: party ? { id: party.partyId, name: party.name } : null,
        ack: null,
        reminder,
        viewers,
      }),
      summary: b.title,
    };
  };
}

/** Queues the message to every planned recipient; enqueuing again adds only those not yet queued. */
export async function enqueueSend(d: Dissemination, b: BroadcastDoc): Promise<void> {
  if (!b.plan) return;
  const fromParty = await partyName(d.deps, b.fromPartyId);
  await d.deps.outbox.enqueue({
    batchId: BATCH.send,
    source: sourceOf(b.id),
    recipients: recipientsOf(b.plan).map((r) => r.recipient),
    message: messageFor(b, b.plan, fromParty, false),
  });
}

/** Delivery state of the send, per party; `justQueued` skips reading records that are all still pending. */
export async function deliverySummary(d: Dissemination, b: BroadcastDoc, justQueued = false): Promise<DeliverySummary | null> {
  if (b.status !== 'sent' || !b.plan) return null;
  const views = justQueued ? [] : await d.deps.outbox.deliveries(sourceOf(b.id), BATCH.send);
  return summariseDeliveries(b.plan, views);
}

/** The status card's data as of now (delivery records and acknowledgements read fresh). */
export async function statusData(d: Dissemination, b: BroadcastDoc, notice?: Bi, justQueued = false): Promise<object> {
  const [summary, acks, liveFor] = await Promise.all([
    deliverySummary(d, b, justQueued),
    d.repo.acks(b.id),
    secretariatViewers(d.deps.directory, [b.createdBy.aadObjectId]),
  ]);
  const csvUrl = d.deps.links.url('broadcast-log', { broadcastId: b.id }, CSV_LINK_TTL_MS);
  return statusCardData(b, summary, acks, { csvUrl, liveFor, ...(notice ? { notice } : {}) });
}

export async function statusReply(d: Dissemination, b: BroadcastDoc, notice?: Bi): Promise<Reply> {
  return { card: 'broadcast-status', data: await statusData(d, b, notice) };
}

/** Posts the status card that progress updates replace, in the conversation the broadcast was composed in. */
export async function enqueueStatusCard(d: Dissemination, b: Stored<BroadcastDoc> | BroadcastDoc): Promise<void> {
  await d.deps.outbox.enqueue({
    batchId: BATCH.status,
    source: sourceOf(b.id),
    recipients: [{ kind: 'conversation', conversationKey: b.statusConversation }],
    message: { template: 'broadcast-status', data: await statusData(d, b, undefined, true), summary: b.title },
  });
}

/** The preview of a draft (or the state of a scheduled or cancelled broadcast), with fresh recipients. */
export async function currentPreview(d: Dissemination, b: BroadcastDoc, notice?: 'stale'): Promise<Reply> {
  const plan = b.plan ?? (await planFor(d.deps, b.audience, b.targets, b.fromPartyId));
  const fromParty = await partyName(d.deps, b.fromPartyId);
  return previewReply(b, plan, { fromParty }, largestMessageBytes(b, fromParty), notice);
}
