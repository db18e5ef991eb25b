import assert from 'node:assert/strict';
import type { DeliveryDoc } from '../../../src/delivery/deliveryDoc';
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

  /** Recipients (member ids) of the batch whose delivery lease `owner` holds. */
  async function leasedBy(owner: string): Promise<string[]> {
    const page = await h.store.containers.dissemination.query<DeliveryDoc>(
      source.pk,
      "c.type = 'delivery' AND c.status = 'sending' AND c.leaseOwner = @owner",
      { owner },
    );
    return page.items.map((d) => (d.recipient.kind === 'member' ? d.recipient.aadObjectId : d.recipient.conversationKey)).sort();
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
    assert.deepEqual(
      views.filter((v) => v.status !== 'sent' || v.attempts !== 1).map((v) => `${v.status}/${v.attempts}/${v.error}`),
      [],
      'each sent at the first attempt',
    );
  });

  it('an instance that dies holding leases is finished by another once the leases expire, without duplicates', async () => {
    const recipients = members(30);
    const deadStore = new CountingStore(h.store);
    const gated = new GatedSender(h.sender, 10);
    const dying = h.startWorker({ owner: 'dying', maxAhead: 3 }, { store: deadStore, sender: gated });
    await dying.ready;
    await h.outbox.enqueue({ batchId: 'broadcast-7', source, recipients, message });
    await gated.whenHeld(1);
    await h.finished('broadcast-7', 10);

    // The process dies: nothing it does reaches the store any more; the calls it has in flight
    // (all held: the first ten are recorded) never reached Teams.
    deadStore.crash();
    await gated.crash('lost');
    await dying.stop();
    const held = await leasedBy('dying');
    assert.ok(held.length >= 1, 'leases held by the dead instance');

    const rescuer = h.startWorker({ owner: 'rescuer' });
    await h.connector.waitFor(() => h.connector.sent().length >= 30 - held.length, 10_000, 'everything not leased');
    assert.deepEqual(await leasedBy('dying'), held, 'leases are respected until they expire');

    clock.advance(10_000);
    await h.connector.waitFor(() => h.connector.sent().length >= 30, 10_000, 'the rest after the leases expired');
    await rescuer.stop();
    assert.deepEqual(received(recipients), recipients.map(() => 1));
    const views = await h.outbox.deliveries(source, 'broadcast-7');
    assert.deepEqual(views.filter((v) => v.status !== 'sent').map((v) => `${JSON.stringify(v.recipient)} ${v.status}/${v.attempts}/${v.error}`), []);
    assert.equal(views.filter((v) => v.attempts === 2).length, held.length, 'the leased ones took a second attempt');
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
    await gated.crash('delivered');
    await dying.stop();
    const leased = await leasedBy('dying');

    const rescuer = h.startWorker({ owner: 'rescuer' });
    clock.advance(10_000);
    await h.finished('broadcast-7', 12);
    await rescuer.stop();
    const counts = received(recipients);
    const twice = recipients.filter((_, i) => counts[i] === 2).map((r) => (r.kind === 'member' ? r.aadObjectId : '')).sort();
    assert.ok(twice.length >= gated.deliveredAfterCrash, 'the calls that reached Teams after the crash went out again');
    assert.deepEqual(twice.filter((id) => !leased.includes(id)), [], 'only deliveries the dead instance held were sent twice');
    assert.ok(counts.every((n) => n === 1 || n === 2));
  });
});
