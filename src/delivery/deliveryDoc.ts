import type { Doc, Stored } from '../store/types';
import { digest } from './jobDocs';
import type { DeliveryStatus, DeliveryView, OutboundCard, Recipient } from './types';

/** One recipient of one batch, in the source's partition. */
export interface DeliveryDoc extends Doc {
  type: 'delivery';
  batchId: string;
  recipient: Recipient;
  recipientKey: string;
  /** 0..999, from the id: instances split a batch by shard range before they help each other. */
  shard: number;
  /** The message for this recipient, rendered at send time in the recipient's locale. */
  message: OutboundCard;
  status: DeliveryStatus;
  /** Send attempts started (a claim counts as one). */
  attempts: number;
  /** Not attempted before this time (the batch's `notBefore`, then retry backoff). */
  notBefore: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** The earlier batch whose message to this recipient is updated in place. */
  replaces: ReplaceTarget | null;
  /** Where the message went (the directory's conversation key and Teams' conversation id). */
  conversationKey: string | null;
  conversationId: string | null;
  activityId: string | null;
  error: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReplaceTarget {
  batchId: string;
  /** Known when the earlier message had been sent at enqueue time; otherwise looked up at send time. */
  activityId: string | null;
  conversationId: string | null;
}

/** One key per recipient, the same however often it is enqueued. */
export function recipientKey(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'member':
      return `member:${recipient.aadObjectId}`;
    case 'conversation':
      return `conv:${recipient.conversationKey}`;
  }
}

/** The delivery id of a recipient in a batch: re-enqueuing writes the same id, so it is idempotent. */
export function deliveryId(batchId: string, key: string): string {
  return `dlv-${digest(`${batchId}\u0000${key}`)}`;
}

/** The shard of a delivery id. */
export function shardOf(id: string): number {
  return parseInt(digest(id).slice(0, 8), 16) % 1000;
}

/** What callers see of a delivery. */
export function toView(doc: DeliveryDoc | Stored<DeliveryDoc>): DeliveryView {
  return {
    batchId: doc.batchId,
    recipient: doc.recipient,
    status: doc.status,
    attempts: doc.attempts,
    activityId: doc.activityId,
    error: doc.error,
    sentAt: doc.sentAt,
  };
}
