import assert from 'node:assert/strict';
import type { AgreementNotice } from '../../../../src/features/termination/terminationRules';
import { decideCorrection, decideNotice, endDateOf, normaliseAgreementNotice, reminderTimes } from '../../../../src/features/termination/terminationRules';

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

  it('lets only the person who registered a notice strike it as a mistake, within 24 hours and with what was wrong; after that it is final', () => {
    const first = decideNotice(undefined, base, { isParty: true }, '2026-01-20');
    if (first.kind !== 'recorded') throw new Error('not recorded');
    const at = (iso: string) => new Date(iso);
    const ask = (actor: string, reason: string, now: Date) => decideCorrection(first.next, { noticeId: 'n1', actor, actorName: 'Sara', reason }, now);
    assert.deepEqual(ask('someone-else', 'Fel kommun', at('2026-01-20T10:00:00Z')), { kind: 'rejected', reason: 'notRecorder' });
    assert.deepEqual(ask('sara', '  ', at('2026-01-20T10:00:00Z')), { kind: 'rejected', reason: 'reasonRequired' });
    assert.deepEqual(ask('sara', 'Fel kommun', at('2026-01-21T09:00:00Z')), { kind: 'rejected', reason: 'final' }, 'exactly 24 hours later it is final');
    assert.deepEqual(decideCorrection(first.next, { noticeId: 'other', actor: 'sara', actorName: 'Sara', reason: 'x' }, at('2026-01-20T10:00:00Z')), { kind: 'rejected', reason: 'notActive' });

    const corrected = ask('sara', 'Fel kommun', at('2026-01-21T08:59:00Z'));
    if (corrected.kind !== 'corrected') throw new Error(corrected.reason);
    assert.equal(corrected.next.active, null);
    assert.deepEqual(corrected.next.history[0]?.struck, { kind: 'correction', at: '2026-01-21T08:59:00.000Z', byName: 'Sara', reason: 'Fel kommun' });
    assert.equal(decideNotice(corrected.next, { ...base, id: 'n2', partyId: 'hofors' }, { isParty: true }, '2026-01-21').kind, 'recorded', 'the right notice can then be registered');
  });

  it('reads a record stored with a withdrawn notice (before corrections) as a struck one', () => {
    const stored = {
      id: 'agreement',
      pk: 'notice',
      type: 'agreement-notice',
      active: null,
      history: [{ ...base, endDate: '2026-07-15', withdrawnAt: '2026-02-01T10:00:00Z', withdrawnByName: 'Sara', withdrawReason: 'Beslutet upphävt' }],
    } as unknown as AgreementNotice;
    const read = normaliseAgreementNotice(stored);
    assert.deepEqual(read.history[0]?.struck, { kind: 'withdrawn', at: '2026-02-01T10:00:00Z', byName: 'Sara', reason: 'Beslutet upphävt' });
    assert.equal('withdrawnAt' in read.history[0], false);
    const active = normaliseAgreementNotice({ ...stored, active: { ...base, endDate: '2026-07-15', withdrawnAt: null, withdrawnByName: null, withdrawReason: null } } as unknown as AgreementNotice);
    assert.equal(active.active?.struck, null);
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
