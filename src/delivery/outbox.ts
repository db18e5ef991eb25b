import type { Clock } from '../clock';
import type { Logger } from '../log';
import { queryAll, updateDoc } from '../store/concurrency';
import type { ContainerName } from '../store/containers';
import type { DocContainer, Store, Stored } from '../store/types';
import { isStoreError } from '../store/types';
import type { DeliveryDoc, ReplaceTarget } from './deliveryDoc';
import { deliveryId, recipientKey, shardOf, toView } from './deliveryDoc';
import type { BatchPointerDoc } from './jobDocs';
import { batchPointerId, dueDatePk } from './jobDocs';
import { runPool } from './pool';
import type { DeliveryView, Outbox, OutboxBatch, Recipient } from './types';

export interface OutboxDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /**
   * Told when deliveries are queued (or put back) and due, with the batch's pointer as written, so
   * that this instance's worker starts on it at once without looking for it.
   */
  onQueued?: (pointer: Stored<BatchPointerDoc>) => void;
}

type Source = { container: ContainerName; pk: string };

// Delivery documents of a batch, by status.
const DELIVERIES_OF_BATCH = "c.type = 'delivery' AND c.batchId = @batchId";

/**
 * The outbox: one delivery document per recipient in the source's partition, and one pointer in
 * the `jobs` container that sends the delivery workers there.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  return {
    enqueue: (batch) => enqueue(deps, batch),
    deliveries: async (source, batchId) => {
      // Status cards read this every few seconds during a send: large pages, few requests.
      const docs = await queryAll<DeliveryDoc>(containerOf(deps, source), source.pk, DELIVERIES_OF_BATCH, { batchId }, { pageSize: 1000 });
      return docs.sort((a, b) => a.recipientKey.localeCompare(b.recipientKey)).map(toView) satisfies DeliveryView[];
    },
    retryFailed: (source, batchId) => retryFailed(deps, source, batchId),
  };
}

async function enqueue(deps: OutboxDeps, batch: OutboxBatch): Promise<{ queued: number }> {
  if (batch.batchId.trim() === '') throw new Error('an outbox batch needs a batchId');
  const container = containerOf(deps, batch.source);
  const now = deps.clock.now();
  const notBefore = batch.notBefore && batch.notBefore > now ? batch.notBefore : now;
  const earlier = batch.replaces ? await sentMessages(container, batch.source.pk, batch.replaces) : new Map<string, ReplaceTarget>();
  const recipients = new Map<string, Recipient>();
  for (const recipient of batch.recipients) recipients.set(recipientKey(recipient), recipient);

  let queued = 0;
  await runPool([...recipients], 16, async ([key, recipient]) => {
    const id = deliveryId(batch.batchId, key);
    const doc: DeliveryDoc = {
      id,
      pk: batch.source.pk,
      type: 'delivery',
      batchId: batch.batchId,
      recipient,
      recipientKey: key,
      shard: shardOf(id),
      message: typeof batch.message === 'function' ? batch.message(recipient) : batch.message,
      status: 'pending',
      attempts: 0,
      notBefore: notBefore.toISOString(),
      leaseOwner: null,
      leaseUntil: null,
      replaces: batch.updates
        ? { batchId: batch.batchId, ...batch.updates }
        : batch.replaces
          ? (earlier.get(key) ?? { batchId: batch.replaces, activityId: null, conversationId: null })
          : null,
      conversationKey: null,
      conversationId: null,
      activityId: null,
      error: null,
      sentAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    try {
      await container.create(doc);
      queued += 1;
    } catch (err) {
      if (!isStoreError(err, 'conflict')) throw err;
    }
  });
  // The pointer is written after the deliveries, always (also when nothing new was queued): a
  // worker that saw the pointer before this write cannot mark the batch done with its old etag.
  const pointer = await openPointer(deps, batch.source, batch.batchId, notBefore);
  if (notBefore.getTime() <= now.getTime()) deps.onQueued?.(pointer);
  deps.log.info(
    { batchId: batch.batchId, container: batch.source.container, pk: batch.source.pk, recipients: recipients.size, queued },
    'outbox batch queued',
  );
  return { queued };
}

async function retryFailed(deps: OutboxDeps, source: Source, batchId: string): Promise<number> {
  const container = containerOf(deps, source);
  const failed = await queryAll<DeliveryDoc>(container, source.pk, `${DELIVERIES_OF_BATCH} AND c.status = 'failed'`, {
    batchId,
  });
  let reset = 0;
  for (const doc of failed) {
    const changed = await updateDoc<DeliveryDoc, boolean>(container, source.pk, doc.id, (current) => {
      if (current?.status !== 'failed') return { result: false };
      const now = deps.clock.now().toISOString();
      return { write: { ...current, status: 'pending', attempts: 0, error: null, notBefore: now, updatedAt: now }, result: true };
    });
    if (changed) reset += 1;
  }
  if (reset > 0) {
    // Written whether or not anyone here listens (an optional call would skip its argument).
    const pointer = await openPointer(deps, source, batchId, deps.clock.now());
    deps.onQueued?.(pointer);
  }
  deps.log.info({ batchId, container: source.container, pk: source.pk, reset }, 'outbox failed deliveries put back');
  return reset;
}

// Messages an earlier batch sent, by recipient: what a `replaces` batch updates in place.
async function sentMessages(container: DocContainer, pk: string, batchId: string): Promise<Map<string, ReplaceTarget>> {
  const sent = await queryAll<DeliveryDoc>(container, pk, `${DELIVERIES_OF_BATCH} AND c.status = 'sent'`, { batchId });
  return new Map(
    sent.map((doc) => [doc.recipientKey, { batchId, activityId: doc.activityId, conversationId: doc.conversationId }]),
  );
}

async function openPointer(deps: OutboxDeps, source: Source, batchId: string, runAt: Date): Promise<Stored<BatchPointerDoc>> {
  const pointer: BatchPointerDoc = {
    id: batchPointerId(source, batchId),
    pk: dueDatePk(runAt),
    type: 'outbox-batch',
    kind: 'outbox.batch',
    runAt: runAt.toISOString(),
    status: 'open',
    source: { container: source.container, pk: source.pk },
    batchId,
    updatedAt: deps.clock.now().toISOString(),
  };
  return deps.store.containers.jobs.upsert(pointer);
}

function containerOf(deps: OutboxDeps, source: Source): DocContainer {
  return deps.store.containers[source.container];
}
