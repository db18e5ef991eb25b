import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DeliveryStatus, DeliveryView } from '../../../../src/delivery/types';
import type { RecipientPlan } from '../../../../src/features/dissemination/model';
import { progressOf, summariseDeliveries } from '../../../../src/features/dissemination/progressRules';

const plan: RecipientPlan = {
  parties: [
    { partyId: 'gavle', name: 'Gävle kommun', channel: 'conv-gavle', members: [{ aadObjectId: 'g1', name: 'Gun' }, { aadObjectId: 'g2', name: 'Gert' }], fallback: false },
    { partyId: 'hofors', name: 'Hofors kommun', channel: null, members: [{ aadObjectId: 'h1', name: 'Hanna' }], fallback: true },
  ],
  sharedChannel: null,
};

function view(recipient: DeliveryView['recipient'], status: DeliveryStatus, error: string | null = null): DeliveryView {
  return { batchId: 'send', recipient, status, attempts: 1, activityId: null, error, sentAt: null };
}

describe('send progress', () => {
  it('counts per party what was delivered, what is gone and why, and what is still waiting', () => {
    const summary = summariseDeliveries(plan, [
      view({ kind: 'conversation', conversationKey: 'conv-gavle' }, 'sent'),
      view({ kind: 'member', aadObjectId: 'g1' }, 'gone', '403 the bot was removed'),
      view({ kind: 'member', aadObjectId: 'h1' }, 'sent'),
      view({ kind: 'member', aadObjectId: 'stranger' }, 'sent'),
    ]);
    const gavle = summary.parties[0]!;
    assert.deepEqual([gavle.total, gavle.delivered, gavle.gone, gavle.pending], [3, 1, 1, 1]);
    assert.deepEqual(gavle.problems, [{ name: 'Gun', status: 'gone', reason: '403 the bot was removed' }]);
    assert.equal(summary.parties[1]!.fallback, true);
    assert.deepEqual(summary.totals, { total: 4, delivered: 2, pending: 1, failed: 0, gone: 1 });
    assert.equal(summary.complete, false);
  });

  it('expects the time left at Teams’ 50 messages a second', () => {
    assert.deepEqual(progressOf({ total: 311, delivered: 11, pending: 300, failed: 0, gone: 0 }), { done: 11, total: 311, percent: 3, secondsLeft: 6 });
    assert.deepEqual(progressOf({ total: 0, delivered: 0, pending: 0, failed: 0, gone: 0 }), { done: 0, total: 0, percent: 100, secondsLeft: 0 });
  });

  it('adds up: every planned recipient is delivered, failed, gone or pending, exactly once', () => {
    const recipients = [
      { kind: 'conversation' as const, conversationKey: 'conv-gavle' },
      { kind: 'member' as const, aadObjectId: 'g1' },
      { kind: 'member' as const, aadObjectId: 'g2' },
      { kind: 'member' as const, aadObjectId: 'h1' },
    ];
    const status = fc.constantFrom<DeliveryStatus>('pending', 'sending', 'sent', 'failed', 'gone');
    fc.assert(
      fc.property(fc.array(fc.option(status), { minLength: 4, maxLength: 4 }), (states) => {
        const views = recipients.flatMap((r, i) => (states[i] ? [view(r, states[i])] : []));
        const { totals, complete } = summariseDeliveries(plan, views);
        assert.equal(totals.delivered + totals.failed + totals.gone + totals.pending, 4);
        assert.equal(complete, totals.pending === 0);
        const p = progressOf(totals);
        assert.ok(p.percent >= 0 && p.percent <= 100 && p.done <= p.total);
      }),
    );
  });
});
