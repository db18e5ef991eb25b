import type { DeliveryFactory } from '../../../src/app';
import type { JobHandler, JobSpec, OutboxBatch } from '../../../src/delivery/types';

/**
 * An outbox that records what it was given, and a scheduler whose jobs the test runs by hand at
 * their due time: for tests of what is sent when, without waiting for the clock.
 */
export function recordingWithJobs(): {
  batches: OutboxBatch[];
  jobs: JobSpec[];
  factory: DeliveryFactory;
  runDue(kind: string, now: Date): Promise<number>;
} {
  const batches: OutboxBatch[] = [];
  const jobs: JobSpec[] = [];
  const handlers = new Map<string, JobHandler>();
  const ran = new Set<string>();
  const factory: DeliveryFactory = () => ({
    outbox: {
      enqueue: (batch) => {
        batches.push(batch);
        return Promise.resolve({ queued: batch.recipients.length });
      },
      deliveries: () => Promise.resolve([]),
      retryFailed: () => Promise.resolve(0),
    },
    scheduler: {
      schedule: (job) => {
        jobs.push(job);
        return Promise.resolve();
      },
      cancel: () => Promise.resolve(),
      handle: (kind, handler) => {
        handlers.set(kind, handler as JobHandler);
      },
    },
    start: () => undefined,
    stop: () => Promise.resolve(),
  });
  return {
    batches,
    jobs,
    factory,
    async runDue(kind, now) {
      let count = 0;
      for (const job of jobs.filter((j) => j.kind === kind && j.runAt.getTime() <= now.getTime() && !ran.has(j.id))) {
        ran.add(job.id);
        await handlers.get(kind)!(job.payload, { jobId: job.id, runAt: job.runAt, attempt: 1 });
        count += 1;
      }
      return count;
    },
  };
}
