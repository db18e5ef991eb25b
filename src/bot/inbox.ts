import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import { queryAll } from '../store/concurrency';
import type { Doc, DocContainer } from '../store/types';
import { isStoreError } from '../store/types';

/** A processed (or in-progress) activity, kept so that a retry by Teams is not done twice. */
interface InboxDoc extends Doc {
  type: 'inbox';
  state: 'processing' | 'done';
  leaseUntil: string;
  /** The invoke response given the first time, returned again for a retry. */
  response: unknown;
  expiresAt: string;
}

export type InboxClaim =
  | { kind: 'new'; finish(response?: unknown): Promise<void>; abandon(): Promise<void> }
  | { kind: 'done'; response: unknown }
  | { kind: 'busy' };

const LEASE_MS = 60_000;

/**
 * Idempotency for incoming activities. Documents are partitioned by the activity's UTC day (from
 * its `timestamp`, which a retry repeats), so expired days are swept partition by partition.
 */
export class Inbox {
  constructor(
    private readonly container: DocContainer,
    private readonly clock: Clock,
    private readonly retentionDays = 7,
  ) {}

  async claim(activity: { id?: string; type?: string; timestamp?: Date | string; conversation?: { id?: string } }): Promise<InboxClaim> {
    if (!activity.id) return { kind: 'new', finish: () => Promise.resolve(), abandon: () => Promise.resolve() };
    const now = this.clock.now();
    const pk = dayOf(activity.timestamp, now);
    const id = createHash('sha256').update(`${activity.conversation?.id ?? ''}|${activity.id}`).digest('hex').slice(0, 40);
    const fresh: InboxDoc = {
      id,
      pk,
      type: 'inbox',
      state: 'processing',
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      response: null,
      expiresAt: new Date(now.getTime() + this.retentionDays * 86_400_000).toISOString(),
    };
    try {
      const created = await this.container.create(fresh);
      return this.claimed(created, created._etag, answersAgain(activity));
    } catch (err) {
      if (!isStoreError(err, 'conflict')) throw err;
    }
    const existing = await this.container.read<InboxDoc>(pk, id);
    if (!existing) return this.claim(activity);
    if (existing.state === 'done') return { kind: 'done', response: existing.response };
    if (new Date(existing.leaseUntil).getTime() > now.getTime()) return { kind: 'busy' };
    // The first attempt's process died mid-turn: take over.
    try {
      const taken = await this.container.replace({ ...existing, leaseUntil: fresh.leaseUntil }, existing._etag);
      return this.claimed(taken, taken._etag, answersAgain(activity));
    } catch (err) {
      if (isStoreError(err, 'precondition')) return { kind: 'busy' };
      throw err;
    }
  }

  /** Deletes the records of days past retention; returns how many were removed. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    let removed = 0;
    for (let back = this.retentionDays + 1; back <= this.retentionDays + 31; back++) {
      // The day itself, not dayOf(): that treats a date more than a day away as today.
      const pk = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      const docs = await queryAll<InboxDoc>(this.container, pk, "c.type = 'inbox'");
      for (const d of docs) {
        await this.container.delete(pk, d.id);
        removed += 1;
      }
    }
    return removed;
  }

  private claimed(doc: InboxDoc, etag: string, answered: boolean): InboxClaim {
    return {
      kind: 'new',
      finish: async (response?: unknown) => {
        // The claim itself answers a repeat of an activity that has no answer to give again.
        if (!answered) return;
        await this.container.replace({ ...doc, state: 'done', response: response ?? null }, etag);
      },
      abandon: async () => {
        await this.container.delete(doc.pk, doc.id, etag);
      },
    };
  }
}

/**
 * Whether a repeat of the activity must get the first answer again: a card action's invoke does
 * (the card it was answered with), so its record is written a second time, when the turn is done.
 * A message's answers went out as messages of their own: its record is written once, at the claim,
 * and its lease (a minute, longer than Teams retries a delivery) answers a repeat as busy, which
 * for a message means the same as done; a repeat after the lease would do the turn again, as it
 * does after a crash.
 */
function answersAgain(activity: { type?: string }): boolean {
  return activity.type === undefined || activity.type === 'invoke';
}

function dayOf(timestamp: Date | string | undefined, fallback: Date): string {
  const d = timestamp ? new Date(timestamp) : fallback;
  // A missing, unparsable or implausible timestamp (more than a day off) counts as now.
  const plausible = !Number.isNaN(d.getTime()) && Math.abs(d.getTime() - fallback.getTime()) < 86_400_000;
  return (plausible ? d : fallback).toISOString().slice(0, 10);
}
