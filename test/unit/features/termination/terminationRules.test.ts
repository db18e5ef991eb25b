import assert from 'node:assert/strict';
import { decideNotice, decideWithdraw, endDateOf, reminderTimes } from '../../../../src/features/termination/terminationRules';

const base = { id: 'n1', partyId: 'gavle', partyName: 'Gävle kommun', noticeDate: '2026-01-15', note: null, recordedBy: 'sara', recordedByName: 'Sara', recordedAt: '2026-01-20T09:00:00Z' };

describe('notice of termination', () => {
  it('ends the agreement six months after the notice', () => {
    assert.equal(endDateOf('2026-01-15'), '2026-07-15');
    assert.equal(endDateOf('2026-08-31'), '2027-02-28');
    assert.equal(endDateOf('2027-08-31'), '2028-02-29');
  });

  it('records a notice from one of the eleven parties, but not a second while one is in force, nor one dated ahead', () => {
    const first = decideNotice(undefined, base, { isParty: true }, '2026-01-20');
    assert.equal(first.kind, 'recorded');
    if (first.kind !== 'recorded') return;
    assert.equal(first.next.active?.endDate, '2026-07-15');
    assert.deepEqual(decideNotice(first.next, { ...base, id: 'n2', partyId: 'hofors' }, { isParty: true }, '2026-01-21'), { kind: 'rejected', reason: 'alreadyGiven' });
    assert.deepEqual(decideNotice(undefined, { ...base, noticeDate: '2026-02-01' }, { isParty: true }, '2026-01-20'), { kind: 'rejected', reason: 'future' });
    assert.deepEqual(decideNotice(undefined, base, { isParty: false }, '2026-01-20'), { kind: 'rejected', reason: 'notAParty' });
  });

  it('keeps a withdrawn notice in the history and lets a new one be recorded', () => {
    const first = decideNotice(undefined, base, { isParty: true }, '2026-01-20');
    if (first.kind !== 'recorded') throw new Error('not recorded');
    const withdrawn = decideWithdraw(first.next, 'n1', 'Sara', 'Beslutet upphävt', new Date('2026-02-01T10:00:00Z'));
    assert.equal(withdrawn.kind, 'withdrawn');
    if (withdrawn.kind !== 'withdrawn') return;
    assert.equal(withdrawn.next.active, null);
    assert.equal(withdrawn.next.history[0]?.withdrawReason, 'Beslutet upphävt');
    assert.equal(decideNotice(withdrawn.next, { ...base, id: 'n2' }, { isParty: true }, '2026-02-02').kind, 'recorded');
  });

  it('reminds 90, 30 and 7 days before the end, leaving out the reminders already past', () => {
    const all = reminderTimes('2026-07-15', new Date('2026-01-20T10:00:00Z'));
    assert.deepEqual(all.map((r) => [r.days, r.runAt.toISOString()]), [
      [90, '2026-04-16T06:00:00.000Z'],
      [30, '2026-06-15T06:00:00.000Z'],
      [7, '2026-07-08T06:00:00.000Z'],
    ]);
    assert.deepEqual(reminderTimes('2026-07-15', new Date('2026-06-20T10:00:00Z')).map((r) => r.days), [7]);
  });
});
