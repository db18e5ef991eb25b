import { renderCard } from '../../../src/cards/renderCard';
import type { Locale } from '../../../src/config';
import type { JobHandler, JobSpec, OutboxBatch, Recipient } from '../../../src/delivery/types';
import { cardText } from '../../support/cards';

/** What the bot recorded: messages it queued, jobs it scheduled, and the job handlers features registered. */
export interface Recorded {
  batches: OutboxBatch[];
  jobs: JobSpec[];
  handlers: Map<string, JobHandler>;
}

export function newRecord(): Recorded {
  return { batches: [], jobs: [], handlers: new Map() };
}

/** The text a recipient would read in a queued message, rendered as the sender would (in `locale` when they have one). */
export function textFor(batch: OutboxBatch, aadObjectId: string, locale?: Locale): string {
  const recipient: Recipient = { kind: 'member', aadObjectId };
  const message = typeof batch.message === 'function' ? batch.message(recipient) : batch.message;
  return cardText(renderCard(message.template, message.data, locale ?? message.locale ?? 'sv'));
}

export function recipientIds(batch: OutboxBatch): string[] {
  return batch.recipients.map((r) => (r.kind === 'member' ? r.aadObjectId : r.conversationKey)).sort();
}

/** Runs a scheduled job as the scheduler would at its due time. */
export async function runJob(record: Recorded, job: JobSpec): Promise<void> {
  const handler = record.handlers.get(job.kind);
  if (!handler) throw new Error(`no handler for ${job.kind}`);
  await handler(job.payload, { jobId: job.id, runAt: job.runAt, attempt: 1 });
}
