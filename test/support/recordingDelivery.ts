import type { DeliveryFactory } from '../../src/app';
import type { JobHandler, OutboxBatch } from '../../src/delivery/types';

/** An outbox and scheduler that only record what they were asked, for tests of the frame itself. */
export function recordingDelivery(record: { batches: OutboxBatch[]; jobs: unknown[] } = { batches: [], jobs: [] }): DeliveryFactory {
  return () => {
    const handlers = new Map<string, JobHandler>();
    return {
      outbox: {
        enqueue: (batch) => {
          record.batches.push(batch);
          return Promise.resolve({ queued: batch.recipients.length });
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
