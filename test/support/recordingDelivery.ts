import type { DeliveryFactory } from '../../src/app';
import type { JobHandler, OutboxBatch, Recipient } from '../../src/delivery/types';

/** What a recording delivery saw: batches enqueued, jobs scheduled, and the job handlers registered. */
export interface DeliveryRecord {
  batches: OutboxBatch[];
  jobs: unknown[];
  /** The handlers features registered, by job kind, so a test can run a job by hand. */
  handlers?: Map<string, JobHandler>;
}

/** An outbox and scheduler that only record what they were asked, for tests of the frame itself. */
export function recordingDelivery(record: DeliveryRecord = { batches: [], jobs: [] }): DeliveryFactory {
  return () => {
    const handlers = new Map<string, JobHandler>();
    record.handlers = handlers;
    return {
      outbox: {
        enqueue: (batch) => {
          // As the outbox contract says: enqueuing a batch id again queues only recipients not yet in it.
          const key = (r: Recipient) => JSON.stringify(r);
          const earlier = new Set(
            record.batches
              .filter((b) => b.batchId === batch.batchId && b.source.container === batch.source.container && b.source.pk === batch.source.pk)
              .flatMap((b) => b.recipients.map(key)),
          );
          record.batches.push(batch);
          return Promise.resolve({ queued: new Set(batch.recipients.map(key).filter((k) => !earlier.has(k))).size });
        },
        deliveries: () => Promise.resolve([]),
        retryFailed: () => Promise.resolve(0),
      },
      scheduler: {
        schedule: (job) => {
          record.jobs.push(job);
          return Promise.resolve();
        },
        cancel: () => Promise.resolve(),
        handle: (kind, handler) => {
          handlers.set(kind, handler as JobHandler);
        },
      },
      start: () => undefined,
      stop: () => Promise.resolve(),
    };
  };
}
