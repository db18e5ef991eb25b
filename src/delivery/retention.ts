import type { Clock } from '../clock';
import { queryAll } from '../store/concurrency';
import type { DocContainer, Store } from '../store/types';
import { isStoreError } from '../store/types';
import type { DeliveryDoc } from './deliveryDoc';
import type { BatchPointerDoc, JobDoc } from './jobDocs';
import { dueDatePk } from './jobDocs';

const DAY = 86_400_000;

/** Where the sweeps of the jobs container's days have got to (one document, in the directory's settings). */
interface SweepCursorDoc {
  id: 'retention-cursor';
  pk: 'settings';
  type: 'retention-cursor';
  /** Per sweep: the last day partition swept, `YYYY-MM-DD`. */
  through: Record<string, string>;
}

/** The first night looks this far behind the cutoff; later nights start where the last one stopped. */
const FIRST_LOOK_BACK_DAYS = 400;

/**
 * Removes what the outbox and the scheduler no longer need: the delivery records of settled
 * batches (with the pointer to each batch) once the batch's day is `deliveryDays` old, and
 * finished or failed jobs once their day is `jobDays` old. Both walk the `jobs` container's day
 * partitions, from where the last night stopped to the cutoff; a batch still open or a job still
 * to run is left alone.
 */
export class DeliveryRetention {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly days: { deliveryDays: number; jobDays: number },
  ) {}

  /** Delivery records (and batch pointers) of settled batches older than the retention; returns how many documents went. */
  sweepDeliveries(): Promise<number> {
    return this.walk('deliveries', this.days.deliveryDays, async (pk, cutoff) => {
      let removed = 0;
      const pointers = await queryAll<BatchPointerDoc>(this.store.containers.jobs, pk, "c.type = 'outbox-batch' AND c.status = 'done'");
      for (const pointer of pointers) {
        const source = this.store.containers[pointer.source.container];
        const deliveries = await queryAll<DeliveryDoc>(source, pointer.source.pk, "c.type = 'delivery' AND c.batchId = @batchId AND c.updatedAt < @cutoff", {
          batchId: pointer.batchId,
          cutoff,
        });
        for (const d of deliveries.filter((x) => x.status === 'sent' || x.status === 'failed' || x.status === 'gone')) {
          removed += await this.remove(source, d.pk, d.id);
        }
        removed += await this.remove(this.store.containers.jobs, pk, pointer.id, pointer._etag);
      }
      return removed;
    });
  }

  /** Finished and failed jobs older than the retention; returns how many went. */
  sweepJobs(): Promise<number> {
    return this.walk('jobs', this.days.jobDays, async (pk) => {
      let removed = 0;
      const jobs = await queryAll<JobDoc>(this.store.containers.jobs, pk, "c.type = 'job' AND (c.status = 'done' OR c.status = 'failed')");
      for (const job of jobs) removed += await this.remove(this.store.containers.jobs, pk, job.id, job._etag);
      return removed;
    });
  }

  /** Sweeps each day partition from the last one swept up to the day before the cutoff, then remembers it. */
  private async walk(name: string, retentionDays: number, sweepDay: (pk: string, cutoff: string) => Promise<number>): Promise<number> {
    const now = this.clock.now().getTime();
    const cutoff = new Date(now - retentionDays * DAY);
    const lastDay = dueDatePk(new Date(cutoff.getTime() - DAY));
    const cursor = await this.store.containers.directory.read<SweepCursorDoc>('settings', 'retention-cursor');
    const from = cursor?.through[name] ?? dueDatePk(new Date(cutoff.getTime() - FIRST_LOOK_BACK_DAYS * DAY));
    let removed = 0;
    for (let day = Date.parse(`${from}T00:00:00Z`) + DAY; day <= Date.parse(`${lastDay}T00:00:00Z`); day += DAY) {
      removed += await sweepDay(dueDatePk(new Date(day)), cutoff.toISOString());
    }
    if (from < lastDay) await this.remember(name, lastDay);
    return removed;
  }

  private async remember(name: string, day: string): Promise<void> {
    const directory = this.store.containers.directory;
    const current = await directory.read<SweepCursorDoc>('settings', 'retention-cursor');
    const doc: SweepCursorDoc = { id: 'retention-cursor', pk: 'settings', type: 'retention-cursor', through: { ...current?.through, [name]: day } };
    // Two instances sweeping the same night write the same day: the last write stands either way.
    await directory.upsert(doc);
  }

  /** Deletes one document; gone already (another instance, another night) counts as nothing. */
  private async remove(container: DocContainer, pk: string, id: string, etag?: string): Promise<number> {
    try {
      await container.delete(pk, id, etag);
      return 1;
    } catch (err) {
      if (isStoreError(err, 'not_found') || isStoreError(err, 'precondition')) return 0;
      throw err;
    }
  }
}
