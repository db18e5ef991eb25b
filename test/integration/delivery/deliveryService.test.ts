import assert from 'node:assert/strict';
import { systemClock } from '../../../src/clock';
import type { DeliveryService } from '../../../src/delivery/delivery';
import { createDelivery } from '../../../src/delivery/delivery';
import type { DeliveryHarness } from '../../support/deliveryHarness';
import { TEST_WORKER_OPTIONS, startDeliveryHarness } from '../../support/deliveryHarness';

describe('delivery service', function () {
  this.timeout(20_000);
  let h: DeliveryHarness;
  let delivery: DeliveryService;

  beforeEach(async () => {
    h = await startDeliveryHarness();
    delivery = createDelivery({
      store: h.store,
      clock: systemClock,
      log: h.log,
      config: { defaultLocale: 'sv' },
      resolver: h.resolver,
      sender: h.sender,
      worker: TEST_WORKER_OPTIONS,
      scheduler: { tickMs: 20 },
    });
  });
  afterEach(async () => {
    await delivery.stop();
    await h.stop();
  });

  it('a job handler enqueues a reminder, and the worker sends it, once started', async () => {
    const anna = h.resolver.addMember('anna');
    const source = { container: 'meetings' as const, pk: 'meeting-9' };
    delivery.scheduler.handle<{ meetingId: string }>('meeting.readingReminder', async ({ meetingId }, { jobId }) => {
      await delivery.outbox.enqueue({
        batchId: jobId,
        source: { container: 'meetings', pk: meetingId },
        recipients: [anna],
        message: { template: 'error', data: { message: 'Läs handlingarna före mötet' }, summary: 'Påminnelse' },
      });
    });
    await delivery.scheduler.schedule({ id: 'reading:meeting-9', kind: 'meeting.readingReminder', runAt: new Date(), payload: { meetingId: 'meeting-9' } });
    delivery.start();
    delivery.start();
    await h.connector.waitFor(() => h.connector.sent().length === 1, 10_000, 'the reminder');
    await delivery.stop();
    const [view] = await delivery.outbox.deliveries(source, 'reading:meeting-9');
    assert.equal(view?.status, 'sent');
    assert.equal(h.connector.sent()[0]?.summary, 'Påminnelse');
  });
});
