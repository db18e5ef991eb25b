import { createHash } from 'node:crypto';
import type { ContainerName } from '../store/containers';
import type { Doc } from '../store/types';

/** The partition of the `jobs` container that holds the instances' heartbeats. */
export const LEASE_PK = 'lease';

/** A job of the durable scheduler, in the partition of its due date. */
export interface JobDoc extends Doc {
  type: 'job';
  kind: string;
  runAt: string;
  payload: object;
  status: 'scheduled' | 'running' | 'done' | 'failed';
  attempts: number;
  /** Not before this time (the due time, then the backoff after a failure). */
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/**
 * Points the delivery workers at a partition that holds an outbox batch. Every instance works on
 * an open batch at once; whoever finds the batch settled marks it done.
 */
export interface BatchPointerDoc extends Doc {
  type: 'outbox-batch';
  kind: 'outbox.batch';
  runAt: string;
  status: 'open' | 'done';
  source: { container: ContainerName; pk: string };
  batchId: string;
  updatedAt: string;
}

/** An instance's sign of life: how many instances share the app's send budget. */
export interface HeartbeatDoc extends Doc {
  type: 'heartbeat';
  pk: typeof LEASE_PK;
  owner: string;
  /** Counted as alive until then. */
  until: string;
  startedAt: string;
}

/** The `jobs` partition for a due time: its UTC date, `YYYY-MM-DD`. */
export function dueDatePk(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Today's partition and the `days` before it, newest first. */
export function lookBackPks(now: Date, days: number): string[] {
  const out: string[] = [];
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let i = 0; i <= days; i++) out.push(dueDatePk(new Date(day - i * 86_400_000)));
  return out;
}

/** The pointer id of a batch: the same for every enqueue of it, in whichever date partition. */
export function batchPointerId(source: { container: ContainerName; pk: string }, batchId: string): string {
  return `outbox-${digest(`${source.container}\u0000${source.pk}\u0000${batchId}`)}`;
}

/** Ids the store accepts (Cosmos DB refuses `/ \ ? #` and ids over 255 characters). */
export function assertValidId(id: string, what: string): void {
  if (id.length === 0 || id.length > 255 || /[/\\?#]/.test(id)) {
    throw new Error(`${what} must be 1 to 255 characters without / \\ ? or #: ${JSON.stringify(id)}`);
  }
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}
