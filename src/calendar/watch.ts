import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';
import type { Scheduler } from '../delivery/types';
import { digest } from '../delivery/jobDocs';
import type { Logger } from '../log';
import { updateDoc } from '../store/concurrency';
import type { Doc, DocContainer } from '../store/types';
import type { EventChangedPayload, OutlookCalendar } from './port';
import { CALENDAR_JOBS } from './port';
import type { GraphNotification } from './notifications';

/** The partition of the `meetings` container that holds the calendar's own state. */
export const CALENDAR_PK = 'calendar';
const SUBSCRIPTION_ID = 'subscription';
const SUBSCRIPTION_JOB = 'calendar.subscription';
/** How often the subscription is looked at and the meetings compared with their events. */
const MAINTAIN_EVERY_MS = 3_600_000;
/** A subscription is renewed when it has less than this left. */
const RENEW_WITHIN_MS = 3 * 86_400_000;

/** The subscription on the organizer's events, and the secret its notifications must carry. */
interface SubscriptionDoc extends Doc {
  type: 'calendar-subscription';
  subscriptionId: string | null;
  expiresAt: string | null;
  clientState: string;
  notificationUrl: string;
  updatedAt: string;
}

type SubscriptionAction = 'maintain' | 'reauthorize' | 'resubscribe';

export interface CalendarWatch {
  /** Graph's notifications, as the HTTP route received them: checked, then handed to jobs. */
  receive(notifications: readonly GraphNotification[]): Promise<{ accepted: number; refused: number }>;
  /** Schedules the hourly look at the subscription (the first one now); every instance may call it. */
  start(): Promise<void>;
}

/**
 * Change notifications on the organizer's events: one subscription, created, renewed before it
 * expires and made again when Graph removes it; the `clientState` secret checked on every
 * notification; lifecycle notifications handled; and every hour (and after anything may have been
 * missed) a reconciliation job compares each upcoming meeting with its event.
 */
export function createCalendarWatch(deps: {
  calendar: OutlookCalendar;
  container: DocContainer;
  scheduler: Scheduler;
  clock: Clock;
  log: Logger;
  notificationUrl: string;
}): CalendarWatch {
  const { calendar, container, scheduler, clock, log } = deps;

  const slotJob = (at: number) => {
    const slot = Math.floor(at / MAINTAIN_EVERY_MS) * MAINTAIN_EVERY_MS;
    return { id: `calendar-maintain-${new Date(slot).toISOString().slice(0, 13)}`, runAt: new Date(slot) };
  };

  /**
   * A job now, of its own: a notification that arrives just after an earlier job for the same
   * event finished must still be read. A repeated notification makes a job that finds nothing new.
   */
  async function soon<P extends object>(kind: string, key: string, payload: P): Promise<void> {
    const now = clock.now();
    const at = now.toISOString().replace(/[-:.]/g, '');
    await scheduler.schedule<P>({ id: `${kind.replace('.', '-')}-${key}-${at}-${randomBytes(4).toString('hex')}`, kind, runAt: now, payload });
  }

  async function readState(): Promise<SubscriptionDoc> {
    return updateDoc<SubscriptionDoc, SubscriptionDoc>(container, CALENDAR_PK, SUBSCRIPTION_ID, (current) => {
      if (current) return { result: current };
      const fresh: SubscriptionDoc = {
        id: SUBSCRIPTION_ID,
        pk: CALENDAR_PK,
        type: 'calendar-subscription',
        subscriptionId: null,
        expiresAt: null,
        clientState: randomBytes(32).toString('base64url'),
        notificationUrl: deps.notificationUrl,
        updatedAt: clock.now().toISOString(),
      };
      return { write: fresh, result: fresh };
    });
  }

  async function record(change: Pick<SubscriptionDoc, 'subscriptionId' | 'expiresAt'>): Promise<void> {
    await updateDoc<SubscriptionDoc, void>(container, CALENDAR_PK, SUBSCRIPTION_ID, (current) => {
      if (!current) return { result: undefined };
      return { write: { ...current, ...change, notificationUrl: deps.notificationUrl, updatedAt: clock.now().toISOString() }, result: undefined };
    });
  }

  async function subscribe(state: SubscriptionDoc): Promise<void> {
    const expiresAt = new Date(clock.now().getTime() + calendar.subscriptions.maxLifetimeMs);
    const made = await calendar.subscriptions.subscribe({ notificationUrl: deps.notificationUrl, clientState: state.clientState, expiresAt });
    await record({ subscriptionId: made.id, expiresAt: made.expiresAt });
    log.info({ subscriptionId: made.id, expiresAt: made.expiresAt }, 'calendar subscription created');
    // Whatever changed while there was no subscription is found by comparing.
    await soon(CALENDAR_JOBS.reconcile, 'after-subscribe', {});
  }

  async function run(action: SubscriptionAction): Promise<void> {
    const state = await readState();
    const now = clock.now().getTime();
    const moved = state.notificationUrl !== deps.notificationUrl;
    if (!state.subscriptionId || action === 'resubscribe' || moved) {
      if (state.subscriptionId && moved) await calendar.subscriptions.unsubscribe(state.subscriptionId);
      await subscribe(state);
      return;
    }
    if (action === 'reauthorize') {
      try {
        await calendar.subscriptions.reauthorize(state.subscriptionId);
        log.info({ subscriptionId: state.subscriptionId }, 'calendar subscription reauthorized');
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'calendar subscription could not be reauthorized; making a new one');
        await subscribe(state);
        return;
      }
    }
    if (!state.expiresAt || Date.parse(state.expiresAt) - now < RENEW_WITHIN_MS || action === 'reauthorize') {
      const renewed = await calendar.subscriptions.renew(state.subscriptionId, new Date(now + calendar.subscriptions.maxLifetimeMs));
      if (!renewed) {
        await subscribe(state);
        return;
      }
      await record({ subscriptionId: renewed.id, expiresAt: renewed.expiresAt });
      log.info({ subscriptionId: renewed.id, expiresAt: renewed.expiresAt }, 'calendar subscription renewed');
    }
  }

  scheduler.handle<{ action: SubscriptionAction }>(SUBSCRIPTION_JOB, async (payload) => {
    if (payload.action === 'maintain') {
      // The next hour first: a run that fails (Graph down) must not end the chain.
      const next = slotJob(clock.now().getTime() + MAINTAIN_EVERY_MS);
      await scheduler.schedule({ id: next.id, kind: SUBSCRIPTION_JOB, runAt: next.runAt, payload: { action: 'maintain' } });
      await soon(CALENDAR_JOBS.reconcile, 'hourly', {});
    }
    await run(payload.action);
  });

  return {
    async start() {
      const first = slotJob(clock.now().getTime());
      await scheduler.schedule({ id: first.id, kind: SUBSCRIPTION_JOB, runAt: clock.now(), payload: { action: 'maintain' } });
    },
    async receive(notifications) {
      const state = await container.read<SubscriptionDoc>(CALENDAR_PK, SUBSCRIPTION_ID);
      let accepted = 0;
      let refused = 0;
      for (const n of notifications) {
        if (!state || n.subscriptionId !== state.subscriptionId || !sameSecret(n.clientState, state.clientState)) {
          refused += 1;
          continue;
        }
        accepted += 1;
        if (n.kind === 'change') {
          await soon<EventChangedPayload>(CALENDAR_JOBS.eventChanged, digest(n.eventId).slice(0, 24), { eventId: n.eventId });
        } else if (n.lifecycleEvent === 'missed') {
          await soon(CALENDAR_JOBS.reconcile, 'missed', {});
        } else {
          const action: SubscriptionAction = n.lifecycleEvent === 'reauthorizationRequired' ? 'reauthorize' : 'resubscribe';
          await soon(SUBSCRIPTION_JOB, action, { action });
        }
      }
      if (refused > 0) log.warn({ refused }, 'calendar notifications refused: unknown subscription or wrong client state');
      return { accepted, refused };
    },
  };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
