import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deliveryId, recipientKey, shardOf } from '../../../src/delivery/deliveryDoc';
import { assertValidId, batchPointerId, dueDatePk, lookBackPks } from '../../../src/delivery/jobDocs';

describe('outbox ids and partitions', () => {
  it('gives a recipient of a batch the same valid delivery id every time, and a shard in 0..999', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (batchId, aad) => {
        const key = recipientKey({ kind: 'member', aadObjectId: aad });
        const id = deliveryId(batchId, key);
        assertValidId(id, 'delivery id');
        const shard = shardOf(id);
        return id === deliveryId(batchId, key) && shard >= 0 && shard < 1000 && Number.isInteger(shard);
      }),
    );
  });

  it('keeps members and conversations with the same text apart', () => {
    assert.notEqual(
      deliveryId('b', recipientKey({ kind: 'member', aadObjectId: 'x' })),
      deliveryId('b', recipientKey({ kind: 'conversation', conversationKey: 'x' })),
    );
    assert.notEqual(batchPointerId({ container: 'meetings', pk: 'm1' }, 'b'), batchPointerId({ container: 'dissemination', pk: 'm1' }, 'b'));
  });

  it('files jobs under their UTC date and looks back over the days before', () => {
    assert.equal(dueDatePk(new Date('2025-03-30T23:30:00+01:00')), '2025-03-30');
    assert.equal(dueDatePk(new Date('2025-03-31T00:30:00+02:00')), '2025-03-30', 'Swedish midnight is still yesterday in UTC');
    assert.deepEqual(lookBackPks(new Date('2025-01-01T05:00:00Z'), 2), ['2025-01-01', '2024-12-31', '2024-12-30']);
    assert.deepEqual(lookBackPks(new Date('2024-03-01T00:00:00Z'), 1), ['2024-03-01', '2024-02-29']);
  });

  it('refuses job ids the store would refuse', () => {
    for (const bad of ['', 'a/b', 'a?b', 'a#b', 'a\\b', 'x'.repeat(256)]) assert.throws(() => assertValidId(bad, 'a job id'), /a job id must be/);
    assertValidId('meeting.reminder:m1:2025-03-10', 'a job id');
  });
});
