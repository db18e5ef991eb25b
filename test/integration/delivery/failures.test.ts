import assert from 'node:assert/strict';
import type { DeliveryView } from '../../../src/delivery/types';
import type { DeliveryHarness } from '../../support/deliveryHarness';
import { startDeliveryHarness } from '../../support/deliveryHarness';

const source = { container: 'meetings' as const, pk: 'meeting-42' };
const message = { template: 'error', data: { message: 'Kallelse: Länsledning Välfärd 12 mars' }, summary: 'Kallelse' };

describe('delivery: when Teams says no', function () {
  this.timeout(30_000);
  let h: DeliveryHarness;

  beforeEach(async () => {
    h = await startDeliveryHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function deliveries(batchId = 'notice-1'): Promise<Map<string, DeliveryView>> {
    const views = await h.outbox.deliveries(source, batchId);
    return new Map(views.map((v) => [v.recipient.kind === 'member' ? v.recipient.aadObjectId : v.recipient.conversationKey, v]));
  }

  /** Waits until `count` deliveries of the batch have a final state, and returns them all. */
  async function settled(count: number, batchId = 'notice-1'): Promise<Map<string, DeliveryView>> {
    await h.finished(batchId, count);
    return deliveries(batchId);
  }

  it('waits as long as Retry-After says before trying a throttled conversation again', async () => {
    const anna = h.resolver.addMember('anna');
    const bo = h.resolver.addMember('bo');
    const annaChat = h.resolver.conversationIdOf(anna);
    h.connector.failNext(annaChat, 429, { retryAfterSec: 1 });
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'notice-1', source, recipients: [anna, bo], message });
    await h.connector.waitFor(() => h.connector.sent().length >= 2, 10_000, 'both messages');
    const views = await settled(2);

    const calls = h.connector.calls.filter((c) => c.conversationId === annaChat);
    assert.deepEqual(calls.map((c) => c.status), [429, 201]);
    assert.ok(calls[1]!.at - calls[0]!.at >= 1_000, `retried after ${calls[1]!.at - calls[0]!.at} ms`);
    assert.equal(views.get('anna')?.attempts, 2);
    assert.equal(views.get('anna')?.status, 'sent');
  });

  it('retries 503 with backoff until Teams takes the message', async () => {
    const anna = h.resolver.addMember('anna');
    h.connector.failNext(h.resolver.conversationIdOf(anna), 503, { times: 2 });
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'notice-1', source, recipients: [anna], message });
    await h.connector.waitFor(() => h.connector.sent().length >= 1, 10_000, 'the message');
    assert.deepEqual(h.connector.calls.map((c) => c.status), [503, 503, 201]);
    const views = await settled(1);
    assert.deepEqual(
      { status: views.get('anna')?.status, attempts: views.get('anna')?.attempts, error: views.get('anna')?.error },
      { status: 'sent', attempts: 3, error: null },
    );
  });

  it('gives up after the last attempt, and sends again when asked to retry the failed', async () => {
    const anna = h.resolver.addMember('anna');
    const chat = h.resolver.conversationIdOf(anna);
    h.connector.failNext(chat, 502, { times: 5 });
    const worker = h.startWorker();
    await h.outbox.enqueue({ batchId: 'notice-1', source, recipients: [anna], message });
    const failed = await settled(1);
    assert.equal(failed.get('anna')?.status, 'failed');
    assert.equal(failed.get('anna')?.error, 'gave up after 4 attempts: http 502');

    assert.equal(await h.outbox.retryFailed(source, 'notice-1'), 1);
    await h.connector.waitFor(() => h.connector.sent(chat).length === 1, 10_000, 'the message after the retry');
    await worker.stop();
    assert.deepEqual(h.connector.calls.map((c) => c.status), [502, 502, 502, 502, 502, 201]);
  });

  it('marks a conversation the bot was removed from (403) as gone, once, with the reason', async () => {
    const anna = h.resolver.addMember('anna');
    const bo = h.resolver.addMember('bo');
    h.connector.setGone(h.resolver.conversationIdOf(anna), 403);
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'notice-1', source, recipients: [anna, bo], message });
    const views = await settled(2);
    assert.deepEqual({ status: views.get('anna')?.status, error: views.get('anna')?.error }, { status: 'gone', error: 'http 403' });
    assert.equal(views.get('bo')?.status, 'sent');
    assert.deepEqual(h.resolver.gone, [{ conversationKey: 'personal:anna', reason: 'http 403' }]);
    assert.equal(h.connector.calls.filter((c) => c.conversationId === h.resolver.conversationIdOf(anna)).length, 1, 'not retried');
  });

  it('does not call Teams for a member who never installed the bot, or an unknown one', async () => {
    const anna = h.resolver.addMember('anna', { installed: false });
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'notice-1', source, recipients: [anna, { kind: 'member', aadObjectId: 'nobody' }], message });
    const views = await settled(2);
    assert.deepEqual({ status: views.get('anna')?.status, error: views.get('anna')?.error }, { status: 'failed', error: 'not-installed' });
    assert.deepEqual({ status: views.get('nobody')?.status, error: views.get('nobody')?.error }, { status: 'failed', error: 'unknown-member' });
    assert.equal(h.connector.calls.length, 0);
  });

  it('refuses to send a card over the size Teams accepts', async () => {
    const anna = h.resolver.addMember('anna');
    h.startWorker();
    await h.outbox.enqueue({ batchId: 'notice-1', source, recipients: [anna], message: { template: 'error', data: { message: 'x'.repeat(30_000) } } });
    const views = await settled(1);
    assert.deepEqual({ status: views.get('anna')?.status, error: views.get('anna')?.error }, { status: 'failed', error: 'too large' });
    assert.equal(h.connector.calls.length, 0);
  });
});
