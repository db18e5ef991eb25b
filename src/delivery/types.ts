import type { Locale } from '../config';
import type { ContainerName } from '../store/containers';
import type { ConversationDoc } from '../directory/model';

/** Who a proactive message goes to. */
export type Recipient =
  /** A member's personal chat with the bot (their conversation reference from the directory). */
  | { kind: 'member'; aadObjectId: string }
  /** A known conversation: a linked team channel or a group chat (conversation key). */
  | { kind: 'conversation'; conversationKey: string };

/** A card to render at send time, in the recipient's locale. */
export interface OutboundCard {
  template: string;
  data: object;
  /** Locale when the recipient has none (a channel); default: the configured locale. */
  locale?: Locale;
  /** Plain-text summary shown in notifications and activity feeds. */
  summary?: string;
}

/** One message to a set of recipients, recorded as one delivery document per recipient. */
export interface OutboxBatch {
  /** Stable id: enqueuing the same batch id again adds only recipients not yet in it. */
  batchId: string;
  /** Where the delivery documents live: the source's container and partition (meeting, case, broadcast). */
  source: { container: ContainerName; pk: string };
  recipients: Recipient[];
  /** The message per recipient (e.g. a card personalised with the recipient's own state). */
  message: OutboundCard | ((recipient: Recipient) => OutboundCard);
  /**
   * Update, in place, what an earlier batch sent to the same recipient (by that batch's recorded
   * Teams activity id) instead of sending a new message; recipients the earlier batch never
   * reached get a new message.
   */
  replaces?: string;
  /**
   * Update, in place, this message (one the bot answered a press with, which no batch sent) in the
   * recipient's conversation; a recipient elsewhere, or a message since deleted, gets a new message.
   */
  updates?: { activityId: string; conversationId: string };
  /** Not before this time (scheduled sends). */
  notBefore?: Date;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'gone';

/** What the outbox records per recipient conversation. */
export interface DeliveryView {
  batchId: string;
  recipient: Recipient;
  status: DeliveryStatus;
  attempts: number;
  activityId: string | null;
  error: string | null;
  sentAt: string | null;
}

export interface Outbox {
  enqueue(batch: OutboxBatch): Promise<{ queued: number }>;
  /** Delivery state of a batch, for status cards and exports. */
  deliveries(source: { container: ContainerName; pk: string }, batchId: string): Promise<DeliveryView[]>;
  /** Puts failed deliveries of a batch back to pending. */
  retryFailed(source: { container: ContainerName; pk: string }, batchId: string): Promise<number>;
}

/** A job the durable scheduler runs once at (or after) `runAt`, whatever the number of instances. */
export interface JobSpec<P extends object = object> {
  /** Stable id: scheduling the same id again replaces the job if it has not run yet. */
  id: string;
  kind: string;
  runAt: Date;
  payload: P;
}

export interface JobContext {
  jobId: string;
  /** When the job was due; the handler decides with this, not with the wall clock. */
  runAt: Date;
  attempt: number;
}

export type JobHandler<P extends object = object> = (payload: P, context: JobContext) => Promise<void>;

export interface Scheduler {
  schedule<P extends object>(job: JobSpec<P>): Promise<void>;
  /** Cancels a job that has not run; unknown ids are ignored. */
  cancel(id: string, runAt: Date): Promise<void>;
  /** The handler for a kind of job; registered once at start by the feature that owns it. */
  handle<P extends object>(kind: string, handler: JobHandler<P>): void;
}

/** Where a recipient's messages go; the directory answers it. */
export type ResolvedRecipient =
  | { ok: true; conversation: ConversationDoc; locale: Locale | null }
  | { ok: false; reason: 'not-installed' | 'unknown-member' | 'unknown-conversation' | 'gone' };

export interface RecipientResolver {
  resolve(recipient: Recipient): Promise<ResolvedRecipient>;
  /**
   * The same for a page of recipients in a few store calls instead of two reads each, keyed by
   * `recipientKey`; recipients it leaves out are resolved one by one.
   */
  resolveMany?(recipients: readonly Recipient[]): Promise<Map<string, ResolvedRecipient>>;
  /** Marks a conversation gone after a 403/404 from Teams, so later sends skip it. */
  markGone(conversationKey: string, reason: string): Promise<void>;
}
