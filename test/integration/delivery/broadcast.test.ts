import assert from 'node:assert/strict';
import { systemClock } from '../../../src/clock';
import { createOutbox } from '../../../src/delivery/outbox';
import type { Recipient } from '../../../src/delivery/types';
import { CountingStore } from '../../support/countingStore';
import type { DeliveryHarness } from '../../support/deliveryHarness';
import { startDeliveryHarness } from '../../support/deliveryHarness';

describe('delivery: a broadcast to the eleven parties and 300 members', function () {
  this.timeout(60_000);
  let h: DeliveryHarness;

  beforeEach(async () => {
    h = await startDeliveryHarness({ enforceTeamsLimits: true });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('reaches all 311 conversations once, two instances sharing the app budget within Teams’ limits', async () => {
    const recipients: Recipient[] = [];
    for (let i = 0; i < 11; i++) recipients.push(h.resolver.addChannel(`party-${i}`));
    for (let i = 0; i < 300; i++) recipients.push(h.resolver.addMember(`member-${i}`, { locale: i % 2 ? 'en' : 'sv' }));
    const stores = [new CountingStore(h.store), new CountingStore(h.store)] as const;
    const workers = stores.map((store, i) => h.startWorker({ owner: `instance-${i}`, pollMs: 100 }, { store }));
    await Promise.all(workers.map((w) => w.ready));

    // The in-memory server compiles each query text on first use (about half a second, blocking
    // the process): a small batch first, so that the figures below are the steady state.
    const warmUp = [h.resolver.addMember('warm-1'), h.resolver.addChannel('warm-2')];
    await h.outbox.enqueue({ batchId: 'warm-up', source: { container: 'dissemination', pk: 'warm-up' }, recipients: warmUp, message: { template: 'error', data: { message: '-' } } });
    await h.finished('warm-up', 2);
    h.connector.reset();
    for (const store of stores) store.reset();

    const source = { container: 'dissemination' as const, pk: 'broadcast-1' };
    const enqueueStore = new CountingStore(h.store);
    const queued = await createOutbox({ store: enqueueStore, clock: systemClock, log: h.log }).enqueue({
      batchId: 'broadcast-1',
      source,
      recipients,
      message: { template: 'error', data: { message: 'Beslut: gemensam riktlinje för hemsjukvård' }, summary: 'Nytt beslut' },
    });
    assert.equal(queued.queued, 311);
    await h.finished('broadcast-1', 311, 45_000);
    await Promise.all(workers.map((w) => w.stop()));

    const posts = h.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
    const perConversation = new Map<string, number>();
    for (const call of posts) perConversation.set(call.conversationId!, (perConversation.get(call.conversationId!) ?? 0) + 1);
    const lost = recipients.filter((r) => !perConversation.has(h.resolver.conversationIdOf(r))).length;
    const duplicates = [...perConversation.values()].filter((n) => n > 1).length;
    const first = Math.min(...posts.map((c) => c.at));
    const last = Math.max(...posts.map((c) => c.at));
    const rate = (posts.length - 1) / ((last - first) / 1000);
    const ops = stores[0].count() + stores[1].count();
    const deliveryOps = stores[0].count({ container: 'dissemination' }) + stores[1].count({ container: 'dissemination' });
    console.log(
      [
        `      ${posts.length} sent, ${lost} lost, ${duplicates} duplicated, ${h.connector.throttled} answered 429`,
        `      ${rate.toFixed(1)} msg/s from first to last (${((rate / 50) * 100).toFixed(0)}% of 50/s), ${((last - first) / 1000).toFixed(2)} s`,
        `      store operations per message: ${(ops / posts.length).toFixed(2)} by the workers ` +
          `(${(deliveryOps / posts.length).toFixed(2)} on deliveries, the rest heartbeats and polling), ` +
          `plus ${(enqueueStore.count() / posts.length).toFixed(2)} to enqueue`,
        `      instance-0 ${JSON.stringify(stores[0].breakdown())}`,
        `      instance-1 ${JSON.stringify(stores[1].breakdown())}`,
      ].join('\n'),
    );
    assert.equal(lost, 0);
    assert.equal(duplicates, 0);
    assert.ok(h.connector.throttled <= Math.floor(posts.length / 100), `${h.connector.throttled} throttled`);
    assert.ok(ops / posts.length <= 3, 'at most three store operations per message');
    const views = await h.outbox.deliveries(source, 'broadcast-1');
    assert.ok(views.every((v) => v.status === 'sent' && v.activityId), 'every delivery recorded as sent');
  });
});
