import assert from 'node:assert/strict';
import type { DeliveryHarness } from '../../support/deliveryHarness';
import { startDeliveryHarness } from '../../support/deliveryHarness';
import { SkewClock } from '../../support/skewClock';

const source = { container: 'dissemination' as const, pk: 'decision-3' };

/** The card text a conversation was sent, for checking language and content. */
function cardText(activity: Record<string, unknown>): string {
  return JSON.stringify((activity.attachments as { content: unknown }[])[0]!.content);
}

describe('outbox', function () {
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

  it('enqueues a recipient once however often the batch is enqueued, and adds the ones that are new', async () => {
    const [anna, bo, cia] = ['anna', 'bo', 'cia'].map((id) => h.resolver.addMember(id)) as [never, never, never];
    const batch = { batchId: 'decision-3', source, message: { template: 'error', data: { message: 'Beslut' } } };
    assert.deepEqual(await h.outbox.enqueue({ ...batch, recipients: [anna, bo, anna] }), { queued: 2 });
    assert.deepEqual(await h.outbox.enqueue({ ...batch, recipients: [anna, bo] }), { queued: 0 });
    h.startWorker();
    await h.finished('decision-3', 2);
    assert.deepEqual(await h.outbox.enqueue({ ...batch, recipients: [anna, bo, cia] }), { queued: 1 });
    await h.finished('decision-3', 3);
    assert.equal(h.connector.sent().length, 3);
  });

  it('renders each card in the recipient’s language, channels in the batch’s, else Swedish', async () => {
    const sv = h.resolver.addMember('sv-member', { locale: 'sv' });
    const en = h.resolver.addMember('en-member', { locale: 'en' });
    const channel = h.resolver.addChannel('gavle');
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'decision-3', source, recipients: [sv, en, channel], message: { template: 'error', data: { message: 'x' } } });
    await h.outbox.enqueue({
      batchId: 'decision-3-en',
      source,
      recipients: [channel],
      message: { template: 'error', data: { message: 'x' }, locale: 'en', summary: 'New decision' },
    });
    await h.finished('decision-3', 3);
    await h.finished('decision-3-en', 1);
    const [toSv, toEn] = [sv, en].map((r) => cardText(h.connector.sent(h.resolver.conversationIdOf(r))[0]!));
    const [channelSv, channelEn] = h.connector.sent(h.resolver.conversationIdOf(channel));
    assert.match(toSv!, /Det gick inte/);
    assert.match(toEn!, /That did not work/);
    const texts = [channelSv, channelEn].map((a) => cardText(a!));
    assert.ok(texts.some((t) => t.includes('Det gick inte')) && texts.some((t) => t.includes('That did not work')));
    assert.ok(h.connector.sent().some((a) => a.summary === 'New decision'));
  });

  it('posts to a channel as a new thread, with the card as an Adaptive Card attachment', async () => {
    const channel = h.resolver.addChannel('ljusdal');
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'decision-3', source, recipients: [channel], message: { template: 'error', data: { message: 'x' }, summary: 'Beslut' } });
    await h.finished('decision-3', 1);
    const [call] = h.connector.calls;
    assert.equal(call?.method, 'POST');
    assert.equal(call?.path, `/v3/conversations/${encodeURIComponent('19:ljusdal@thread.tacv2')}/activities`);
    assert.deepEqual(Object.keys(call?.body ?? {}).sort(), ['attachments', 'summary', 'type']);
    const attachment = (call?.body.attachments as { contentType: string; content: { type: string } }[])[0];
    assert.equal(attachment?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachment?.content.type, 'AdaptiveCard');
  });

  it('holds a scheduled batch until its time', async () => {
    const anna = h.resolver.addMember('anna');
    const bo = h.resolver.addMember('bo');
    h.startWorker();
    await h.outbox.enqueue({
      batchId: 'reminder',
      source,
      recipients: [anna],
      message: { template: 'error', data: { message: 'Läs handlingarna' } },
      notBefore: new Date(clock.now().getTime() + 3_600_000),
    });
    await h.outbox.enqueue({ batchId: 'now', source, recipients: [bo], message: { template: 'error', data: { message: 'Nu' } } });
    await h.finished('now', 1);
    assert.equal(h.connector.sent(h.resolver.conversationIdOf(anna)).length, 0, 'not before its time');
    clock.advance(3_600_000);
    await h.finished('reminder', 1);
    assert.equal(h.connector.sent(h.resolver.conversationIdOf(anna)).length, 1);
  });

  it('updates what an earlier batch sent, in place, and sends new messages to recipients it never reached', async () => {
    const anna = h.resolver.addMember('anna');
    const bo = h.resolver.addMember('bo');
    const cia = h.resolver.addMember('cia');
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'notice-v1', source, recipients: [anna, bo], message: { template: 'error', data: { message: 'Mötet börjar 9.00' } } });
    await h.finished('notice-v1', 2);
    const first = await h.outbox.deliveries(source, 'notice-v1');

    await h.outbox.enqueue({
      batchId: 'notice-v2',
      source,
      recipients: [anna, bo, cia],
      message: { template: 'error', data: { message: 'Mötet börjar 10.00' } },
      replaces: 'notice-v1',
    });
    await h.finished('notice-v2', 3);

    const updates = h.connector.updates();
    assert.deepEqual(updates.map((u) => u.activityId).sort(), first.map((d) => d.activityId).sort());
    assert.ok(updates.every((u) => cardText(u.body).includes('10.00')));
    assert.equal(h.connector.sent().length, 3, 'two in v1, one new for cia');
    const second = await h.outbox.deliveries(source, 'notice-v2');
    assert.deepEqual(
      second.filter((d) => d.recipient.kind === 'member' && d.recipient.aadObjectId !== 'cia').map((d) => d.activityId).sort(),
      first.map((d) => d.activityId).sort(),
      'the updated message keeps its id',
    );
  });

  it('waits for the earlier message when both batches are still on their way', async () => {
    const anna = h.resolver.addMember('anna');
    await h.outbox.enqueue({ batchId: 'notice-v1', source, recipients: [anna], message: { template: 'error', data: { message: 'v1' } } });
    await h.outbox.enqueue({ batchId: 'notice-v2', source, recipients: [anna], message: { template: 'error', data: { message: 'v2' } }, replaces: 'notice-v1' });
    h.startWorker({ replaceWaitMs: 100 });
    await h.finished('notice-v2', 1);
    assert.equal(h.connector.sent().length, 1);
    assert.equal(h.connector.updates().length, 1);
  });
});
