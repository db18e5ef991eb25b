import type { DeliveryFactory } from '../../../src/app';
import { createProactiveSender } from '../../../src/bot/proactiveSender';
import { createDelivery } from '../../../src/delivery/delivery';

/** The outbox, its worker and the scheduler as the service runs them, with short polls for tests. */
export function realDelivery(): DeliveryFactory {
  return ({ store, clock, log, config, resolver }) =>
    createDelivery({
      store,
      clock,
      log,
      config,
      resolver,
      sender: createProactiveSender({ config, log }),
      worker: { pollMs: 50, retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 400 } },
      scheduler: { tickMs: 100 },
    });
}
