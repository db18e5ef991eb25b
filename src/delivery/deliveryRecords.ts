import type { Logger } from '../log';
import type { DocContainer, Stored } from '../store/types';
import { isStoreError } from '../store/types';
import type { DeliveryDoc } from './deliveryDoc';
import { toView } from './deliveryDoc';
import type { DeliveryView } from './types';

/** The store writes of a delivery's life: each conditional on the etag last read or written. */
export class DeliveryRecords {
  constructor(
    private readonly log: Logger,
    private readonly random: () => number,
    private readonly onChange: (view: DeliveryView) => void = () => undefined,
  ) {}

  /**
   * Writes `next` over the version `etag`; null when someone else changed it first (412). Used
   * before a send: a lost race means another instance has the delivery.
   */
  async write(container: DocContainer, next: DeliveryDoc, etag: string): Promise<Stored<DeliveryDoc> | null> {
    try {
      return this.changed(await container.replace(next, etag));
    } catch (err) {
      if (isStoreError(err, 'precondition')) return null;
      throw err;
    }
  }

  /**
   * Records what Teams answered. Teams has acted, so a failure here is what turns into a duplicate
   * later: transient store errors are tried again for a few seconds before giving up.
   */
  async writeOutcome(container: DocContainer, next: DeliveryDoc, etag: string): Promise<Stored<DeliveryDoc> | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return this.changed(await container.replace(next, etag));
      } catch (err) {
        if (isStoreError(err, 'precondition')) {
          this.log.warn(
            { deliveryId: next.id, batchId: next.batchId, status: next.status },
            'delivery lease lost before its outcome was recorded; another instance may send it again',
          );
          return null;
        }
        const transient = isStoreError(err, 'unavailable') || isStoreError(err, 'throttled');
        if (!transient || attempt >= 6) {
          this.log.error(
            { err, deliveryId: next.id, batchId: next.batchId, status: next.status },
            'delivery outcome not recorded; the delivery will be tried again when its lease expires',
          );
          return null;
        }
        const retryAfter = isStoreError(err) ? err.retryAfterMs : undefined;
        await delay(retryAfter ?? Math.round(100 * 2 ** attempt * (0.5 + this.random() / 2)));
      }
    }
  }

  private changed(doc: Stored<DeliveryDoc>): Stored<DeliveryDoc> {
    this.onChange(toView(doc));
    return doc;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
