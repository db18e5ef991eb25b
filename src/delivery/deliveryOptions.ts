import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RateWindow } from './rateLimiter';
import { TEAMS_APP_WINDOW, TEAMS_CONVERSATION_WINDOWS } from './rateLimiter';
import type { RetryPolicy } from './retryPolicy';
import { DEFAULT_RETRY_POLICY } from './retryPolicy';

/** Tuning of a delivery worker; every field has a default. */
export interface DeliveryOptions {
  /** This instance's name in leases and heartbeats. */
  owner: string;
  /** How long a claim holds a delivery; must exceed `sendTimeoutMs` of the sender by far. */
  leaseMs: number;
  retry: RetryPolicy;
  /** Retry pause after a failed claim, and the longest a loop sleeps. */
  pollMs: number;
  /**
   * How often an idle worker looks for open batches (default five `pollMs`). A batch this instance
   * queues itself is looked at at once; one another instance queues, within this time.
   */
  idleDiscoveryMs: number;
  /** How often a busy worker looks for further batches. */
  busyDiscoveryMs: number;
  /** How often the whole look-back of date partitions is read (otherwise today and yesterday). */
  fullScanMs: number;
  /** Days before today whose unfinished batch pointers are still picked up. */
  lookBackDays: number;
  /** Heartbeat period; an instance counts as alive for three periods after its last heartbeat. */
  heartbeatMs: number;
  /** Sends in flight at once (never more than one per conversation). */
  maxInFlight: number;
  /**
   * Deliveries claimed ahead of the rate budget. A few hide the claim's latency; more would hold
   * leases that other instances, idle at the end of a batch, cannot take.
   */
  maxAhead: number;
  /**
   * Deliveries read per query and kept in memory until tried: one query per this many messages
   * (each page is claimed one delivery at a time under its etag, so a page that another instance
   * also read costs a lost claim, never a second send).
   */
  fetchSize: number;
  /** Added to every rate window, for jitter between here and Teams. */
  guardMs: number;
  /** How long a delivery that updates an earlier message waits while that message is still on its way. */
  replaceWaitMs: number;
  /** The longest an app-wide 429 pauses all sends of this instance. */
  appPauseCapMs: number;
  appWindow: RateWindow;
  conversationWindows: readonly RateWindow[];
  random: () => number;
}

export const DEFAULT_DELIVERY_OPTIONS: Omit<DeliveryOptions, 'owner'> = {
  leaseMs: 60_000,
  retry: DEFAULT_RETRY_POLICY,
  pollMs: 1_000,
  busyDiscoveryMs: 5_000,
  fullScanMs: 60_000,
  lookBackDays: 7,
  heartbeatMs: 3_000,
  maxInFlight: 16,
  maxAhead: 3,
  fetchSize: 1_000,
  idleDiscoveryMs: 5_000,
  guardMs: 20,
  replaceWaitMs: 2_000,
  appPauseCapMs: 1_000,
  appWindow: TEAMS_APP_WINDOW,
  conversationWindows: TEAMS_CONVERSATION_WINDOWS,
  random: Math.random,
};

/** The options with defaults filled in. */
export function deliveryOptions(overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<DeliveryOptions>;
  return {
    ...DEFAULT_DELIVERY_OPTIONS,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ...(given.pollMs !== undefined ? { idleDiscoveryMs: 5 * given.pollMs } : {}),
    ...given,
  };
}
