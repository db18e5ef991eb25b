import assert from 'node:assert/strict';
import type { TeamsSender } from '../../../src/delivery/sender';
import type { Recipient } from '../../../src/delivery/types';
import { CountingStore } from '../../support/countingStore';
import type { DeliveryHarness } from '../../support/deliveryHarness';
import { startDeliveryHarness } from '../../support/deliveryHarness';
import { GatedSender } from '../../support/gatedSender';
import { SkewClock } from '../../support/skewClock';

const source = { container: 'dissemination' as const, pk: 'broadcast-7' };
const message = { template: 'error', data: { message: 'Information om ny samverkansstruktur' } };

describe('delivery: several instances on one store', function () {
  this.timeout(30_000);
  let h: DeliveryHarness;
  let clock: SkewClock;

  beforeEach(async () => {
    clock = new SkewClock();
    h = await startDeliveryHarness({ clock });
  });
  afterEach(async () => {
    await h.stop();
  });

  function members(n: number): Recipient[] {
    return Array.from({ length: n }, (_, i) => h.resolver.addMember(`m-${i}`));
  }

  /** Deliveries of the batch whose lease `owner` holds. */
  async function leasedBy(owner: string): Promise<number> {
    const page = await h.store.containers.dissemination.query(source.pk, "c.type = 'delivery' AND c.status = 'sending' AND c.leaseOwner = @owner", { owner });
    return page.items.length;
  }

  /** How many messages each recipient got. */
  function received(recipients: Recipient[]): number[] {
    return recipients.map((r) => h.connector.sent(h.resolver.conversationIdOf(r)).length);
  }

  it('two instances deliver one batch together, each recipient exactly once', async () => {
    const recipients = members(60);
    const counted = (sender: TeamsSender) => {
      const counter = { sent: 0, send: (req: Parameters<TeamsSender['send']>[0]) => ((counter.sent += 1), sender.send(req)) };
      return counter;
    };
    const a = counted(h.sender);
    const b = counted(h.sender);
    const workers = [h.startWorker({ owner: 'a' }, { sender: a }), h.startWorker({ owner: 'b' }, { sender: b })];
    await Promise.all(workers.map((w) => w.ready));

    await h.outbox.enqueue({ batchId: 'broadcast-7', source, recipients, message });
    await h.connector.waitFor(() => h.connector.sent().length >= 60, 20_000, '60 messages');
    await Promise.all(workers.map((w) => w.stop()));

    assert.deepEqual(received(recipients), recipients.map(() => 1));
    assert.ok(a.sent > 0 && b.sent > 0, `both instances sent (a ${a.sent}, b ${b.sent})`);
    const views = await h.outbox.deliveries(source, 'broadcast-7');
    assert.ok(views.every((v) => v.status === 'sent' && v.attempts === 1));
  });

  it('an instance that dies holding leases is finished by another once the leases expire, without duplicates', async () => {
    const recipients = members(30);
    const deadStore = new CountingStore(h.store);
    const gated = new GatedSender(h.sender, 10);
    const dying = h.startWorker({ owner: 'dying', maxAhead: 3 }, { store: deadStore, sender: gated });
    await dying.ready;
    await h.outbox.enqueue({ batchId: 'broadcast-7', source, recipients, message });
    await gated.whenHeld(1);
    await h.connector.waitFor(() => h.connector.sent().length >= 10, 10_000, 'the first ten');

    // The process dies: nothing it does reaches the store any more; its calls in flight never reached Teams.
    deadStore.crash();
    gated.fail();
    await dying.stop();
    const held = await leasedBy('dying');
    assert.ok(held >= 1, 'leases held by the dead instance');

    const rescuer = h.startWorker({ owner: 'rescuer' });
    await h.connector.waitFor(() => h.connector.sent().length >= 30 - held, 10_000, 'everything not leased');
    assert.equal(await leasedBy('dying'), held, 'leases are respected until they expire');

    clock.advance(10_000);
    await h.connector.waitFor(() => h.connector.sent().length >= 30, 10_000, 'the rest after the leases expired');
    await rescuer.stop();
    assert.deepEqual(received(recipients), recipients.map(() => 1));
    const views = await h.outbox.deliveries(source, 'broadcast-7');
    assert.ok(views.every((v) => v.status === 'sent'));
    assert.equal(views.filter((v) => v.attempts === 2).length, held, 'the leased ones took a second attempt');
  });

  it('a death after Teams accepted but before the store heard sends those messages again: at most one per conversation', async () => {
    const recipients = members(12);
    const deadStore = new CountingStore(h.store);
    const gated = new GatedSender(h.sender, 4);
    const dying = h.startWorker({ owner: 'dying', maxAhead: 3 }, { store: deadStore, sender: gated });
    await dying.ready;
    await h.outbox.enqueue({ batchId: 'broadcast-7', source, recipients, message });
    await gated.whenHeld(1);
    deadStore.crash();
    const inFlight = gated.heldCount;
    await gated.deliver();
    await dying.stop();

    const rescuer = h.startWorker({ owner: 'rescuer' });
    clock.advance(10_000);
    await h.connector.waitFor(() => h.connector.sent().length >= 12 + inFlight, 10_000, 'all, with the in-flight ones twice');
    await rescuer.stop();
    const counts = received(recipients);
    assert.equal(counts.filter((n) => n === 2).length, inFlight, 'the residual window: the sends in flight at the crash');
    assert.ok(counts.every((n) => n === 1 || n === 2));
  });
});
