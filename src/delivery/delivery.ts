import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { DeliveryOptions } from './deliveryOptions';
import type { DeliveryView } from './types';
import type { DeliveryWorker } from './deliveryWorker';
import { startDeliveryWorker } from './deliveryWorker';
import { createOutbox } from './outbox';
import type { DurableScheduler, SchedulerOptions } from './scheduler';
import { createScheduler } from './scheduler';
import type { TeamsSender } from './sender';
import type { Outbox, RecipientResolver } from './types';

export interface DeliveryParts {
  store: Store;
  clock: Clock;
  log: Logger;
  config: Pick<Config, 'defaultLocale'>;
  resolver: RecipientResolver;
  sender: TeamsSender;
  worker?: Partial<DeliveryOptions>;
  scheduler?: Partial<SchedulerOptions>;
  onDeliveryChange?: (view: DeliveryView) => void;
}

/** The outbox, the scheduler and their loops over one store, as `createApp` takes them. */
export interface DeliveryService {
  outbox: Outbox;
  scheduler: DurableScheduler;
  /** Starts the delivery worker and the scheduler's tick, once every job handler is registered. */
  start(): void;
  /** Stops both, waiting for sends and jobs in flight. */
  stop(): Promise<void>;
}

/** Builds the delivery service; nothing runs until `start()`. */
export function createDelivery(parts: DeliveryParts): DeliveryService {
  const { store, clock, log } = parts;
  const scheduler = createScheduler({ store, clock, log, ...(parts.scheduler ? { options: parts.scheduler } : {}) });
  let running: { worker: DeliveryWorker; ticks: { stop(): Promise<void> } } | undefined;
  return {
    outbox: createOutbox({ store, clock, log, onQueued: (pointer) => running?.worker.adopt(pointer) }),
    scheduler,
    start() {
      if (running) return;
      running = {
        worker: startDeliveryWorker({
          store,
          clock,
          log,
          sender: parts.sender,
          resolver: parts.resolver,
          config: parts.config,
          ...(parts.worker ? { options: parts.worker } : {}),
          ...(parts.onDeliveryChange ? { onDeliveryChange: parts.onDeliveryChange } : {}),
        }),
        ticks: scheduler.start(),
      };
    },
    async stop() {
      const current = running;
      running = undefined;
      if (current) await Promise.all([current.worker.stop(), current.ticks.stop()]);
    },
  };
}
