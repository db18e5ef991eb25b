import type { Reply } from '../../kit/featureApp';
import type { OutboundCard, Recipient } from '../../delivery/types';
import type { Bi } from './bilingual';
import { recipientKeyOf, recipientsOf } from './audienceRules';
import type { Dissemination } from './broadcastDelivery';
import { CSV_LINK_TTL_MS, sourceOf } from './broadcastDelivery';
import type { RemissAnswerDoc, RemissDoc } from './model';
import { BATCH } from './model';
import { summariseDeliveries } from './progressRules';
import { remissCardData, remissStatusData } from './remissCards';
import { secretariatViewers } from '../../directory/secretariatViewers';

export const JOB_REMISS_REMIND = 'remiss.remind';
export const JOB_REMISS_CLOSE = 'remiss.close';

/** One card per manager (or channel), for the recipient's party. */
export function remissMessageFor(r: RemissDoc, reminder: boolean, now: Date): (recipient: Recipient) => OutboundCard {
  const planned = new Map(recipientsOf(r.plan).map((p) => [p.key, p]));
  const parties = new Map(r.plan.parties.map((p) => [p.partyId, p]));
  return (recipient) => {
    const partyId = planned.get(recipientKeyOf(recipient))?.partyId;
    const party = partyId ? parties.get(partyId) : undefined;
    const viewers = recipient.kind === 'member' ? [recipient.aadObjectId] : (party?.members ?? []).map((m) => m.aadObjectId);
    return {
      template: 'remiss-message',
      data: remissCardData(r, { party: party ? { id: party.partyId, name: party.name } : null, answer: null, reminder, viewers, now }),
      summary: r.title,
    };
  };
}

/** Sends the remiss (or a reminder) to the managers of the given parties; the batch id makes it idempotent. */
export async function enqueueRemiss(d: Dissemination, r: RemissDoc, batchId: string, parties: ReadonlySet<string> | undefined, reminder: boolean): Promise<number> {
  const recipients = recipientsOf(r.plan, parties).map((p) => p.recipient);
  if (recipients.length === 0) return 0;
  await d.deps.outbox.enqueue({ batchId, source: sourceOf(r.id), recipients, message: remissMessageFor(r, reminder, d.deps.clock.now()) });
  return recipients.length;
}

/** The state of the remiss per party, as of now. */
export async function remissStatus(d: Dissemination, r: RemissDoc, options: { summary: boolean; notice?: Bi; answers?: readonly RemissAnswerDoc[] }): Promise<object> {
  const [answers, views, liveFor] = await Promise.all([
    options.answers ? Promise.resolve(options.answers) : d.repo.answers(r.id),
    d.deps.outbox.deliveries(sourceOf(r.id), BATCH.send),
    secretariatViewers(d.deps.directory, [r.createdBy.aadObjectId]),
  ]);
  return remissStatusData(r, answers, {
    summary: options.summary,
    now: d.deps.clock.now(),
    delivery: summariseDeliveries(r.plan, views),
    csvUrl: d.deps.links.url('remiss-answers', { remissId: r.id }, CSV_LINK_TTL_MS),
    liveFor,
    ...(options.notice ? { notice: options.notice } : {}),
  });
}

export async function remissStatusReply(d: Dissemination, r: RemissDoc, notice?: Bi): Promise<Reply> {
  return { card: 'remiss-status', data: await remissStatus(d, r, { summary: false, ...(notice ? { notice } : {}) }) };
}
