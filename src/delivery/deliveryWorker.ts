import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store, Stored } from '../store/types';
import { BatchBook } from './batchBook';
import { ConversationLimiters } from './conversationLimiters';
import type { DeliveryDoc } from './deliveryDoc';
import type { DeliveryOptions } from './deliveryOptions';
import { deliveryOptions } from './deliveryOptions';
import { DeliveryRecords } from './deliveryRecords';
import type { Candidate, TaskContext } from './deliveryTask';
import { deliver } from './deliveryTask';
import { type BatchPointerDoc, lookBackPks } from './jobDocs';
import type { PeerView } from './peers';
import { PeerRegistry } from './peers';
import { RateGate } from './rateGate';
import { SlidingWindowLimiter, appShare, paceFor } from './rateLimiter';
import { RenderedCards } from './renderedCards';
import type { TeamsSender } from './sender';
import type { DeliveryView, RecipientResolver, ResolvedRecipient } from './types';
import { Wakeup } from './wakeup';

export interface DeliveryWorkerDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  sender: TeamsSender;
  resolver: RecipientResolver;
  config: Pick<Config, 'defaultLocale'>;
  options?: Partial<DeliveryOptions>;
  /** Told of every state this instance records for a delivery (claims included): for metrics and tests. */
  onDeliveryChange?: (view: DeliveryView) => void;
}

export interface DeliveryWorker {
  readonly owner: string;
  /** Resolves once this instance's first heartbeat is written (it then counts in the app's budget). */
  readonly ready: Promise<void>;
  /** Stops claiming, waits for the sends in flight and records them, and leaves the heartbeats. */
  stop(): Promise<void>;
  /** Works on a batch this instance has just queued (its pointer as written), without looking for it. */
  adopt(pointer: Stored<BatchPointerDoc>): void;
}

/**
 * Starts the delivery loop: finds open outbox batches, claims their deliveries with etag leases and
 * sends them within this instance's share of Teams' limits. Any number of instances may run on
 * one store; each delivery is claimed by one of them at a time.
 */
export function startDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const loop = new DeliveryLoop(deps);
  const running = loop.run();
  return {
    owner: loop.options.owner,
    ready: loop.ready,
    stop: async () => {
      loop.stop();
      await running;
    },
    adopt: (pointer) => loop.adopt(pointer),
  };
}

const SWEEP_MS = 60_000;

class DeliveryLoop {
  readonly options: DeliveryOptions;
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private stopping = false;
  private readonly tasks = new Set<Promise<void>>();
  // Tasks not yet past the rate budget.
  private ahead = 0;
  private readonly deferred: Array<{ candidate: Candidate; readyAt: number }> = [];
  // Deliveries buffered, deferred or in flight here: not taken again from a query.
  private readonly known = new Set<string>();
  // Addresses looked up for the deliveries buffered, a page at a time.
  private readonly addresses = new Map<string, ResolvedRecipient>();
  private readonly wakeup = new Wakeup();
  private readonly peers: PeerRegistry;
  private readonly book: BatchBook;
  private readonly ctx: TaskContext;
  private nextHeartbeatAt = 0;
  private nextDiscoveryAt = 0;
  private nextFullScanAt = 0;
  private nextSweepAt = 0;
  private turn = 0;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.options = deliveryOptions(deps.options);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    const { owner, heartbeatMs, appWindow, guardMs } = this.options;
    this.peers = new PeerRegistry(deps.store.containers.jobs, owner, deps.clock, deps.log, 3 * heartbeatMs);
    this.book = new BatchBook(deps.store, deps.clock, deps.log, this.options);
    this.ctx = {
      clock: deps.clock,
      log: deps.log,
      sender: deps.sender,
      resolver: deps.resolver,
      defaultLocale: deps.config.defaultLocale,
      options: this.options,
      records: new DeliveryRecords(deps.log, this.options.random, deps.onDeliveryChange),
      appGate: new RateGate(new SlidingWindowLimiter([appShare(1, appWindow)], guardMs), now, paceFor(appShare(1, appWindow))),
      cards: new RenderedCards(),
      conversations: new ConversationLimiters(this.options.conversationWindows, guardMs),
      inFlight: new Set(),
      now,
    };
  }

  stop(): void {
    this.stopping = true;
    this.wakeup.notify();
  }

  /** A batch was queued here: work on it now, without looking for it. */
  adopt(pointer: Stored<BatchPointerDoc>): void {
    if (this.stopping) return;
    this.book.adopt(pointer);
    this.wakeup.notify();
  }

  async run(): Promise<void> {
    this.deps.log.info({ owner: this.options.owner }, 'delivery worker started');
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.maintain();
        await this.dispatch();
        failures = 0;
        await this.wakeup.wait(this.sleepMs());
      } catch (err) {
        // The store is away: back off, up to half a minute between tries.
        failures += 1;
        const waitMs = Math.min(30_000, this.options.pollMs * 2 ** Math.min(failures - 1, 10));
        this.deps.log.error({ err, failures, waitMs }, 'delivery loop failed; trying again');
        await this.wakeup.wait(waitMs);
      }
    }
    this.ctx.appGate.close();
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    try {
      await this.peers.leave();
    } catch (err) {
      this.deps.log.warn({ err }, 'heartbeat not removed; it expires by itself');
    }
    this.markReady();
    this.deps.log.info({ owner: this.options.owner }, 'delivery worker stopped');
  }

  // Heartbeat, discovery of batches, forgetting idle conversations: each when due.
  private async maintain(): Promise<void> {
    const t = now();
    if (t >= this.nextHeartbeatAt) {
      this.applyPeers(await this.peers.beat());
      this.nextHeartbeatAt = t + this.options.heartbeatMs;
      this.markReady();
    }
    if (t >= this.nextDiscoveryAt) {
      const full = t >= this.nextFullScanAt;
      const added = await this.book.discover(lookBackPks(this.deps.clock.now(), full ? this.options.lookBackDays : 1));
      if (full) this.nextFullScanAt = t + this.options.fullScanMs;
      // A new batch is when the other instances start on it too: count them again now.
      if (added > 0) this.applyPeers(await this.peers.refresh());
      this.nextDiscoveryAt = t + (this.book.batches.size > 0 ? this.options.busyDiscoveryMs : this.options.idleDiscoveryMs);
    }
    if (t >= this.nextSweepAt) {
      this.ctx.conversations.sweep(t);
      this.nextSweepAt = t + SWEEP_MS;
    }
  }

  private applyPeers(view: PeerView): void {
    const share = appShare(view.count, this.options.appWindow);
    this.ctx.appGate.limiter.setWindows([share]);
    this.ctx.appGate.setPace(paceFor(share));
  }

  private async dispatch(): Promise<void> {
    while (!this.stopping && this.tasks.size < this.options.maxInFlight && this.ahead < this.options.maxAhead) {
      const candidate = await this.next();
      if (!candidate) return;
      this.start(candidate);
    }
  }

  // The next delivery to try: a deferred one whose time has come, else the batches in turn.
  private async next(): Promise<Candidate | undefined> {
    const t = now();
    const ready = this.deferred.findIndex((d) => d.readyAt <= t);
    if (ready >= 0) return this.deferred.splice(ready, 1)[0]!.candidate;
    const batches = [...this.book.batches.values()];
    for (let k = 0; k < batches.length; k++) {
      const batch = batches[(this.turn + k) % batches.length]!;
      if (batch.buffer.length === 0 && batch.nextRefillAt <= t) {
        const result = await this.book.refill(batch, this.peers.current(), this.known, t);
        if (result === 'settled') {
          if (!(await this.book.settle(batch))) this.nextDiscoveryAt = 0;
          else if (this.book.batches.size === 0) this.nextDiscoveryAt = 0;
          continue;
        }
        for (const doc of batch.buffer) this.known.add(doc.id);
        await this.lookUp(batch.buffer);
      }
      const doc = batch.buffer.shift();
      if (doc) {
        this.turn = (this.turn + k + 1) % batches.length;
        const resolved = this.addresses.get(doc.id);
        this.addresses.delete(doc.id);
        return { doc, container: batch.container, batchKey: batch.key, resolved };
      }
    }
    return undefined;
  }

  // One lookup for a page of recipients; a failure leaves each to be looked up on its own.
  private async lookUp(docs: readonly Stored<DeliveryDoc>[]): Promise<void> {
    if (!this.deps.resolver.resolveMany || docs.length === 0) return;
    try {
      const found = await this.deps.resolver.resolveMany(docs.map((doc) => doc.recipient));
      for (const doc of docs) {
        const address = found.get(doc.recipientKey);
        if (address) this.addresses.set(doc.id, address);
      }
    } catch (err) {
      this.deps.log.warn({ err }, 'recipients not looked up together; each is looked up on its own');
    }
  }

  private start(candidate: Candidate): void {
    const id = candidate.doc.id;
    const batch = this.book.batches.get(candidate.batchKey);
    if (batch) batch.inFlight += 1;
    this.ahead += 1;
    let sending = false;
    const onSending = (): void => {
      if (sending) return;
      sending = true;
      this.ahead -= 1;
      this.wakeup.notify();
    };
    const task: Promise<void> = deliver(this.ctx, candidate, onSending)
      .then(
        (outcome) => {
          if (outcome.kind === 'later' && !this.stopping) {
            // Looked up again when its time comes: the address may have changed meanwhile.
            this.deferred.push({ candidate: { ...outcome.candidate, resolved: undefined }, readyAt: now() + outcome.delayMs });
          } else {
            this.known.delete(id);
          }
        },
        (err: unknown) => {
          this.deps.log.error({ err, deliveryId: id }, 'delivery attempt failed');
          this.known.delete(id);
        },
      )
      .finally(() => {
        onSending();
        this.tasks.delete(task);
        const current = this.book.batches.get(candidate.batchKey);
        if (current) {
          current.inFlight -= 1;
          // The last local send of a batch: look at once whether the batch is done.
          if (current.inFlight === 0 && current.buffer.length === 0) current.nextRefillAt = 0;
        }
        this.wakeup.notify();
      });
    this.tasks.add(task);
  }

  private sleepMs(): number {
    if (this.stopping) return 0;
    const t = now();
    let wake = Math.min(this.nextHeartbeatAt, this.nextDiscoveryAt, t + this.options.pollMs);
    if (this.tasks.size < this.options.maxInFlight && this.ahead < this.options.maxAhead) {
      for (const d of this.deferred) wake = Math.min(wake, d.readyAt);
      for (const batch of this.book.batches.values()) {
        wake = Math.min(wake, batch.buffer.length > 0 ? t : batch.nextRefillAt);
      }
    }
    return Math.max(0, wake - t);
  }
}

function now(): number {
  return performance.now();
}
