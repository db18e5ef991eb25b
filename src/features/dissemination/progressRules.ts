import type { DeliveryView } from '../../delivery/types';
import { recipientKeyOf, recipientsOf } from './audienceRules';
import type { RecipientPlan } from './model';

/** Teams accepts at most this many messages per second from one app in a tenant. */
export const APP_MESSAGES_PER_SECOND = 50;

/** One recipient that did not get the message, and why. */
export interface Problem {
  /** A member's name, or null for a channel. */
  name: string | null;
  status: 'failed' | 'gone';
  reason: string;
}

export interface DeliveryCounts {
  total: number;
  delivered: number;
  pending: number;
  failed: number;
  gone: number;
}

export interface PartyDelivery extends DeliveryCounts {
  partyId: string;
  name: string;
  channel: boolean;
  personal: number;
  fallback: boolean;
  problems: Problem[];
}

export interface DeliverySummary {
  parties: PartyDelivery[];
  sharedChannel: (DeliveryCounts & { name: string; problems: Problem[] }) | null;
  totals: DeliveryCounts;
  /** Every recipient has a final state (delivered, failed or gone). */
  complete: boolean;
}

const empty = (): DeliveryCounts => ({ total: 0, delivered: 0, pending: 0, failed: 0, gone: 0 });

/**
 * Delivery state per party, from the plan and the outbox's records. A planned recipient without a
 * record yet counts as pending; records of recipients outside the plan are ignored.
 */
export function summariseDeliveries(plan: RecipientPlan, views: readonly DeliveryView[]): DeliverySummary {
  const byKey = new Map(views.map((v) => [recipientKeyOf(v.recipient), v]));
  const parties = new Map<string, PartyDelivery>(
    plan.parties.map((p) => [
      p.partyId,
      { ...empty(), partyId: p.partyId, name: p.name, channel: p.channel !== null, personal: p.members.length, fallback: p.fallback, problems: [] },
    ]),
  );
  const shared = plan.sharedChannel ? { ...empty(), name: plan.sharedChannel.name, problems: [] as Problem[] } : null;
  const totals = empty();
  for (const planned of recipientsOf(plan)) {
    const row = planned.partyId === null ? shared : parties.get(planned.partyId);
    if (!row) continue;
    const view = byKey.get(planned.key);
    const state = view?.status ?? 'pending';
    for (const counts of [row, totals]) {
      counts.total += 1;
      if (state === 'sent') counts.delivered += 1;
      else if (state === 'failed') counts.failed += 1;
      else if (state === 'gone') counts.gone += 1;
      else counts.pending += 1;
    }
    if (state === 'failed' || state === 'gone') {
      row.problems.push({ name: planned.name, status: state, reason: view?.error ?? '' });
    }
  }
  return { parties: [...parties.values()], sharedChannel: shared, totals, complete: totals.pending === 0 };
}

export interface Progress {
  done: number;
  total: number;
  /** 0–100, whole numbers. */
  percent: number;
  /** Expected seconds left at Teams' per-app rate. */
  secondsLeft: number;
}

/** Progress of a send: finished recipients of all, and the expected time left under the rate limit. */
export function progressOf(totals: DeliveryCounts): Progress {
  const done = totals.total - totals.pending;
  const percent = totals.total === 0 ? 100 : Math.floor((done * 100) / totals.total);
  return { done, total: totals.total, percent, secondsLeft: Math.ceil(totals.pending / APP_MESSAGES_PER_SECOND) };
}
