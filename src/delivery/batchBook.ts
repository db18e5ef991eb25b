import type { Clock } from '../clock';
import type { Logger } from '../log';
import { queryAll } from '../store/concurrency';
import type { DocContainer, Store, Stored } from '../store/types';
import { isStoreError } from '../store/types';
import type { DeliveryDoc } from './deliveryDoc';
import type { BatchPointerDoc } from './jobDocs';
import type { PeerView } from './peers';

/** A batch this instance is working on, with the deliveries it has read but not yet tried. */
export interface ActiveBatch {
  /** The pointer id (the same in every date partition). */
  key: string;
  batchId: string;
  source: BatchPointerDoc['source'];
  container: DocContainer;
  /** The open pointers, by date partition, as last read: their etags guard marking the batch done. */
  pointers: Map<string, Stored<BatchPointerDoc>>;
  buffer: Stored<DeliveryDoc>[];
  /** Not queried again before this (monotonic ms). */
  nextRefillAt: number;
  /** Tasks of this batch running on this instance. */
  inFlight: number;
}

export type RefillResult = 'filled' | 'waiting' | 'settled';

// The one query of the refill (one text, so that a server that compiles each query text once, as
// the embedded one does, compiles it once): deliveries of a batch in a shard range that are pending
// and due, or held by an expired lease, as of `@now`. With `@now` in the far future it returns
// every open delivery.
const CLAIMABLE =
  "c.type = 'delivery' AND c.batchId = @batchId AND c.shard >= @lo AND c.shard < @hi AND " +
  "((c.status = 'pending' AND c.notBefore <= @now) OR (c.status = 'sending' AND c.leaseUntil <= @now))";
const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const ALL_SHARDS = { lo: 0, hi: 1000 };

/**
 * The open batches this instance knows of. Pointers are found per date partition; deliveries are
 * read a page at a time, first from this instance's shard range (so that instances rarely reach for
 * the same document), then, once that is done, the upper half of what is left anywhere (the others
 * work upwards from the bottom of their ranges).
 */
export class BatchBook {
  readonly batches = new Map<string, ActiveBatch>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: { fetchSize: number; pollMs: number },
  ) {}

  /** Takes a pointer this instance has just written: its batch is worked on without a discovery. */
  adopt(pointer: Stored<BatchPointerDoc>): void {
    const batch = this.batches.get(pointer.id);
    if (batch) {
      batch.pointers.set(pointer.pk, pointer);
      if (batch.buffer.length === 0) batch.nextRefillAt = 0;
      return;
    }
    this.batches.set(pointer.id, this.newBatch(pointer));
    this.batches.get(pointer.id)!.pointers.set(pointer.pk, pointer);
  }

  /** Reads the open, due pointers of the partitions `pks`; returns how many batches are new here. */
  async discover(pks: readonly string[]): Promise<number> {
    let added = 0;
    const now = this.clock.now().toISOString();
    for (const pk of pks) {
      const pointers = await queryAll<BatchPointerDoc>(
        this.store.containers.jobs,
        pk,
        "c.type = 'outbox-batch' AND c.status = 'open' AND c.runAt <= @now",
        { now },
      );
      const seen = new Set<string>();
      for (const pointer of pointers) {
        seen.add(pointer.id);
        let batch = this.batches.get(pointer.id);
        if (!batch) {
          batch = this.newBatch(pointer);
          this.batches.set(pointer.id, batch);
          added += 1;
        }
        batch.pointers.set(pk, pointer);
      }
      for (const batch of this.batches.values()) if (!seen.has(batch.key)) batch.pointers.delete(pk);
    }
    for (const batch of this.batches.values()) {
      // Finished by another instance.
      if (batch.pointers.size === 0 && batch.buffer.length === 0 && batch.inFlight === 0) this.batches.delete(batch.key);
    }
    return added;
  }

  private newBatch(pointer: BatchPointerDoc): ActiveBatch {
    return {
      key: pointer.id,
      batchId: pointer.batchId,
      source: pointer.source,
      container: this.store.containers[pointer.source.container],
      pointers: new Map(),
      buffer: [],
      nextRefillAt: 0,
      inFlight: 0,
    };
  }

  /** Reads deliveries this instance may claim into the batch's buffer. */
  async refill(batch: ActiveBatch, peers: PeerView, known: ReadonlySet<string>, nowMono: number): Promise<RefillResult> {
    const now = this.clock.now();
    if (peers.count === 1) {
      // Alone: every open delivery, due or not, in one query; when they fit in a page, what is due
      // is picked here and what is not tells when to look again.
      const open = await this.claimable(batch, FAR_FUTURE, ALL_SHARDS);
      if (open.length < this.options.fetchSize) return this.sorted(batch, open, known, now, nowMono);
    }
    const own = {
      lo: Math.floor((peers.index * 1000) / peers.count),
      hi: Math.floor(((peers.index + 1) * 1000) / peers.count),
    };
    const mine = unknown(await this.claimable(batch, now.toISOString(), own), known);
    if (mine.length > 0) {
      batch.buffer.push(...mine);
      return 'filled';
    }
    if (peers.count > 1) {
      const rest = unknown(await this.claimable(batch, now.toISOString(), ALL_SHARDS), known);
      if (rest.length > 0) {
        batch.buffer.push(...rest.slice(Math.floor(rest.length / 2)));
        return 'filled';
      }
    }
    return this.sorted(batch, await this.claimable(batch, FAR_FUTURE, ALL_SHARDS), known, now, nowMono, false);
  }

  // From every open delivery of the batch (all of them): buffers those due now (unless `take` is
  // false), or says when to look again, or that the batch is settled.
  private sorted(
    batch: ActiveBatch,
    open: Stored<DeliveryDoc>[],
    known: ReadonlySet<string>,
    now: Date,
    nowMono: number,
    take = true,
  ): RefillResult {
    if (open.length === 0) return 'settled';
    const at = now.toISOString();
    const due = take ? unknown(open, known).filter((d) => (d.status === 'pending' ? d.notBefore <= at : (d.leaseUntil ?? FAR_FUTURE) <= at)) : [];
    if (due.length > 0) {
      batch.buffer.push(...due);
      return 'filled';
    }
    let soonest = this.options.pollMs;
    for (const doc of unknown(open, known)) {
      const readyAt = Date.parse((doc.status === 'sending' ? doc.leaseUntil : doc.notBefore) ?? FAR_FUTURE);
      soonest = Math.min(soonest, readyAt - now.getTime());
    }
    batch.nextRefillAt = nowMono + Math.max(10, soonest);
    return 'waiting';
  }

  /** Marks the batch's pointers done; false when one changed meanwhile (new recipients: look again). */
  async settle(batch: ActiveBatch): Promise<boolean> {
    let settled = true;
    for (const [pk, pointer] of batch.pointers) {
      try {
        await this.store.containers.jobs.replace<BatchPointerDoc>(
          { ...pointer, status: 'done', updatedAt: this.clock.now().toISOString() },
          pointer._etag,
        );
        batch.pointers.delete(pk);
      } catch (err) {
        if (!isStoreError(err, 'precondition')) throw err;
        settled = false;
      }
    }
    if (settled) {
      this.batches.delete(batch.key);
      this.log.info({ batchId: batch.batchId, container: batch.source.container, pk: batch.source.pk }, 'outbox batch settled');
    }
    return settled;
  }

  private async claimable(batch: ActiveBatch, now: string, range: { lo: number; hi: number }): Promise<Stored<DeliveryDoc>[]> {
    const page = await batch.container.query<DeliveryDoc>(
      batch.source.pk,
      CLAIMABLE,
      { batchId: batch.batchId, now, ...range },
      { orderBy: 'c.shard ASC', pageSize: this.options.fetchSize },
    );
    return page.items;
  }
}

function unknown(docs: Stored<DeliveryDoc>[], known: ReadonlySet<string>): Stored<DeliveryDoc>[] {
  return docs.filter((doc) => !known.has(doc.id));
}
