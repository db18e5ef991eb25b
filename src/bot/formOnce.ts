import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Reply } from '../kit/featureApp';
import { FORM_ID_PATTERN, FORM_ONCE_RETENTION_DAYS, formOncePartition } from '../kit/forms';
import { queryAll } from '../store/concurrency';
import type { Doc, DocContainer, Stored } from '../store/types';
import { isStoreError } from '../store/types';

/**
 * The once-only record of one form instance's verb, pressed by one person: written before the
 * handler runs ('running'), completed with the first result ('done'). Kept in the inbox container,
 * in the partition of the day the form was made, and swept with the processed activities.
 */
interface FormOnceDoc extends Doc {
  type: 'form-once';
  state: 'running' | 'done';
  leaseUntil: string;
  reply: Reply | null;
  expiresAt: string;
}

export type OnceClaim =
  | { kind: 'new'; finish(reply: Reply): Promise<void>; release(): Promise<void> }
  | { kind: 'done'; reply: Reply }
  | { kind: 'busy' };

export interface OnceKey {
  actor: string;
  /** The form instance id from the card, or a key made from the card's message. */
  formKey: string;
  verb: string;
}

const DAY_MS = 86_400_000;

export interface FormOnceOptions {
  /** Days a form instance is remembered (a press after that falls back to its card's message). */
  retentionDays?: number;
  /** How long a press may run before a later one takes over (a crash mid-press). */
  leaseMs?: number;
  /** How long a concurrent press waits for the first one's result. */
  waitMs?: number;
  pollMs?: number;
}

/** A new form instance id, made when a form card is rendered: the day, then 16 random hex digits. */
export function newFormId(now: Date): string {
  return `f${now.toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(8).toString('hex')}`;
}

/**
 * Once-only sends. A form that creates or sends something carries a form instance id; the first
 * press of it claims a record, a second press (concurrent or later, or Teams' retry with a new
 * activity id) finds the record and gets the first result, and changes nothing.
 */
export class FormOnce {
  private readonly retentionDays: number;
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;
  /**
   * Records of presses in this process that failed and could not be deleted (the store was down):
   * their turn is over, so the next press takes them over at once instead of waiting out the lease.
   */
  private readonly unreleased = new Set<string>();

  constructor(
    private readonly container: DocContainer,
    private readonly clock: Clock,
    options: FormOnceOptions = {},
  ) {
    this.retentionDays = options.retentionDays ?? FORM_ONCE_RETENTION_DAYS;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.waitMs = options.waitMs ?? 8_000;
    this.pollMs = options.pollMs ?? 100;
  }

  /**
   * The key of a press: the card's form id if it is one this service could have made lately,
   * otherwise the card's message (every press of one posted card has the same) or the activity.
   */
  formKeyOf(formId: unknown, replyToId: string | undefined, activityId: string): string {
    if (typeof formId === 'string' && this.dayOfFormId(formId) !== undefined) return formId;
    return replyToId ? `message:${replyToId}` : `activity:${activityId}`;
  }

  async claim(key: OnceKey): Promise<OnceClaim> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const claim = await this.tryClaim(key);
      if (claim.kind !== 'busy' || Date.now() >= deadline) return claim;
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  /** Deletes the records of days past retention; returns how many were removed. */
  async sweep(): Promise<number> {
    const now = this.clock.now().getTime();
    let removed = 0;
    for (let back = this.retentionDays + 1; back <= this.retentionDays + 31; back++) {
      const pk = formOncePartition(new Date(now - back * DAY_MS).toISOString().slice(0, 10));
      for (const d of await queryAll<FormOnceDoc>(this.container, pk, "c.type = 'form-once'")) {
        await this.container.delete(pk, d.id);
        removed += 1;
      }
    }
    return removed;
  }

  private dayOfFormId(formId: string): string | undefined {
    const m = FORM_ID_PATTERN.exec(formId);
    if (!m) return undefined;
    const day = `${m[1]!.slice(0, 4)}-${m[1]!.slice(4, 6)}-${m[1]!.slice(6, 8)}`;
    const at = Date.parse(`${day}T00:00:00Z`);
    const now = this.clock.now().getTime();
    // Only days this service could have stamped and still remembers: a tampered id gets no partition of its own.
    if (Number.isNaN(at) || at > now + DAY_MS || at < now - this.retentionDays * DAY_MS) return undefined;
    return day;
  }

  private async tryClaim(key: OnceKey): Promise<OnceClaim> {
    const now = this.clock.now();
    const day = this.dayOfFormId(key.formKey) ?? now.toISOString().slice(0, 10);
    const pk = formOncePartition(day);
    const id = createHash('sha256').update(`${key.actor}|${key.formKey}|${key.verb}`).digest('hex').slice(0, 40);
    const fresh: FormOnceDoc = {
      id,
      pk,
      type: 'form-once',
      state: 'running',
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      reply: null,
      expiresAt: new Date(Date.parse(`${day}T00:00:00Z`) + (this.retentionDays + 1) * DAY_MS).toISOString(),
    };
    try {
      return this.claimed(await this.container.create(fresh));
    } catch (err) {
      if (!isStoreError(err, 'conflict')) throw err;
    }
    const existing = await this.container.read<FormOnceDoc>(pk, id);
    if (!existing) return { kind: 'busy' };
    if (existing.state === 'done' && existing.reply) return { kind: 'done', reply: existing.reply };
    const failedHere = this.unreleased.has(unreleasedKey(existing));
    if (!failedHere && Date.parse(existing.leaseUntil) > now.getTime()) return { kind: 'busy' };
    // The first press's process stopped mid-press, or its press failed here: this one takes over.
    try {
      const taken = await this.container.replace({ ...existing, leaseUntil: fresh.leaseUntil }, existing._etag);
      this.unreleased.delete(unreleasedKey(existing));
      return this.claimed(taken);
    } catch (err) {
      if (isStoreError(err, 'precondition')) return { kind: 'busy' };
      throw err;
    }
  }

  private claimed(doc: Stored<FormOnceDoc>): OnceClaim {
    return {
      kind: 'new',
      finish: async (reply) => {
        const { _etag, ...plain } = doc;
        await this.container.replace<FormOnceDoc>({ ...plain, state: 'done', reply }, _etag);
      },
      release: async () => {
        try {
          await this.container.delete(doc.pk, doc.id, doc._etag);
        } catch (err) {
          // Nothing was done, so the record must not hold the next press back for its lease.
          this.unreleased.add(unreleasedKey(doc));
          throw err;
        }
      },
    };
  }
}

/** A record version this process holds: a takeover changes its etag, so only the failed press's own version matches. */
function unreleasedKey(doc: Stored<Doc>): string {
  return `${doc.pk}|${doc.id}|${doc._etag}`;
}
