import assert from 'node:assert/strict';
import type { Member } from '../../../../src/directory/model';
import { ELEVEN_PARTY_IDS } from '../../../../src/directory/seed';
import type { RemissAnswerDoc, RemissDoc } from '../../../../src/features/dissemination/model';
import { decideAnswer, decideRemissCreate, decideSummary, reminderTimes, remissAddressees, remissDeadline, silentParties } from '../../../../src/features/dissemination/remissRules';

function member(partyId: string, bodies: string[], roles: Member['roles'] = ['member'], id = `${partyId}-chef`): Member {
  return { id, pk: 'member', type: 'member', aadObjectId: id, name: id, email: `${id}@example.se`, partyId, bodies, roles, personalConversation: null, locale: null, source: 'file', updatedAt: '' };
}

const remiss: RemissDoc = {
  id: 'r-1', pk: 'r-1', type: 'remiss', title: 'T', text: 'X', dueDate: '2026-12-04', partyIds: ['gavle', 'hofors', 'hufb'], attachmentUrl: null,
  createdBy: { aadObjectId: 'sec', name: 'Sara' }, createdAt: '2026-11-23T09:00:00Z', statusConversation: 'c',
  plan: {
    parties: [
      { partyId: 'gavle', name: 'Gävle kommun', channel: null, members: [{ aadObjectId: 'gavle-chef', name: 'G' }], fallback: false },
      { partyId: 'hofors', name: 'Hofors kommun', channel: null, members: [{ aadObjectId: 'hofors-chef', name: 'H' }], fallback: false },
      { partyId: 'hufb', name: 'Hälsinglands Utbildningsförbund', channel: 'conv-hufb', members: [], fallback: false },
    ],
    sharedChannel: null,
  },
  status: 'open', reminders: 0, lastReminderAt: null, summarySentAt: null, summaries: 0,
};

function answer(partyId: string, at: string, state: RemissAnswerDoc['state'] = 'answered'): RemissAnswerDoc {
  return { id: `answer-${partyId}`, pk: 'r-1', type: 'remiss-answer', partyId, state, answer: 'Ja', reason: null, attachmentUrl: null, by: { aadObjectId: 'x', name: 'X' }, at, firstAt: at, history: [] };
}

const BEFORE = new Date('2026-12-01T10:00:00Z');

describe('remiss rules', () => {
  it('closes answering when the answer date has ended in Swedish time', () => {
    assert.equal(remissDeadline('2026-12-04').toISOString(), '2026-12-04T23:00:00.000Z');
    assert.equal(remissDeadline('2026-06-04').toISOString(), '2026-06-04T22:00:00.000Z', 'summer time');
  });

  it('reminds three days before and on the date at nine, when those times are still ahead', () => {
    assert.deepEqual(
      reminderTimes('2026-12-04', new Date('2026-11-23T09:00:00Z')).map((r) => [r.stage, r.at.toISOString()]),
      [['before', '2026-12-01T08:00:00.000Z'], ['due', '2026-12-04T08:00:00.000Z']],
    );
    assert.deepEqual(reminderTimes('2026-12-04', BEFORE).map((r) => r.stage), ['due']);
  });

  it('lets only the secretariat create one, with a date still ahead', () => {
    const ids = new Set(['gavle', 'hofors']);
    assert.deepEqual(decideRemissCreate({ dueDate: '2026-12-04', parties: 'all' }, member('hofors', [], ['secretariat']), ids, BEFORE), { kind: 'ok' });
    assert.deepEqual(decideRemissCreate({ dueDate: '2026-12-04', parties: 'all' }, member('gavle', ['lansledning']), ids, BEFORE), { kind: 'forbidden', reason: 'notSecretariat' });
    assert.deepEqual(decideRemissCreate({ dueDate: '2026-11-30', parties: 'all' }, member('hofors', [], ['secretariat']), ids, BEFORE), { kind: 'bad', reason: 'duePast' });
  });

  it("takes an answer from the party's manager until the date, and a change of it", () => {
    const chef = member('gavle', ['lansledning']);
    assert.deepEqual(decideAnswer(remiss, chef, undefined, { state: 'answered', answer: 'Ja' }, BEFORE), { kind: 'record', partyId: 'gavle', first: true });
    assert.deepEqual(decideAnswer(remiss, chef, answer('gavle', '2026-11-30T09:00:00Z'), { state: 'declined', reason: 'Nej' }, BEFORE), { kind: 'record', partyId: 'gavle', first: false });
    assert.deepEqual(decideAnswer(remiss, chef, undefined, { state: 'answered', answer: 'Ja' }, new Date('2026-12-04T23:00:00Z')), { kind: 'closed', deadline: new Date('2026-12-04T23:00:00Z') });
  });

  it('refuses parties not asked, members who are not managers, and empty answers', () => {
    assert.deepEqual(decideAnswer(remiss, member('ockelbo', ['lansledning']), undefined, { state: 'answered', answer: 'Ja' }, BEFORE), { kind: 'forbidden', reason: 'notAddressed' });
    assert.deepEqual(decideAnswer(remiss, member('gavle', ['utskott-vuxna'], ['member'], 'gavle-other'), undefined, { state: 'answered', answer: 'Ja' }, BEFORE), { kind: 'forbidden', reason: 'notManager' });
    assert.deepEqual(decideAnswer(remiss, member('gavle', ['lansledning']), undefined, { state: 'answered', answer: '' }, BEFORE), { kind: 'bad', reason: 'answerEmpty' });
    assert.deepEqual(decideAnswer(remiss, member('gavle', ['lansledning']), undefined, { state: 'declined', reason: '' }, BEFORE), { kind: 'bad', reason: 'reasonEmpty' });
  });

  it('lets any member answer for a party that has no managers (its channel got the remiss)', () => {
    assert.equal(decideAnswer(remiss, member('hufb', []), undefined, { state: 'answered', answer: 'Ja' }, BEFORE).kind, 'record');
  });

  it('counts a decline as an answer: only silent parties are reminded', () => {
    assert.deepEqual(silentParties(remiss, [answer('gavle', 'x'), answer('hofors', 'x', 'declined')]), ['hufb']);
  });

  it('summarises once when everyone has answered, and again at the date only if an answer changed since', () => {
    const all = [answer('gavle', '2026-11-30T09:00:00Z'), answer('hofors', '2026-11-30T09:00:00Z'), answer('hufb', '2026-11-30T09:00:00Z')];
    assert.equal(decideSummary(remiss, all.slice(0, 2), 'answer'), false);
    assert.equal(decideSummary(remiss, all, 'answer'), true);
    const summarised = { ...remiss, summarySentAt: '2026-11-30T10:00:00Z' };
    assert.equal(decideSummary(summarised, all, 'answer'), false);
    assert.equal(decideSummary(summarised, all, 'deadline'), false);
    assert.equal(decideSummary(summarised, [...all.slice(1), answer('gavle', '2026-12-02T09:00:00Z')], 'deadline'), true);
    assert.equal(decideSummary(remiss, [], 'deadline'), true, 'the date passing always summarises when none was sent');
  });

  it('sends a remiss "till berörda chefer hos de elva parterna": "all" is the eleven, and HUFB only when the secretariat ticks it', () => {
    const parties = [...ELEVEN_PARTY_IDS.map((id) => ({ id, isParty: true })), { id: 'hufb', isParty: false }];
    assert.deepEqual(remissAddressees(['all'], parties), ELEVEN_PARTY_IDS);
    assert.deepEqual(remissAddressees(['all', 'hufb'], parties), [...ELEVEN_PARTY_IDS, 'hufb']);
    assert.deepEqual(remissAddressees(['gavle', 'hufb'], parties), ['gavle', 'hufb']);
  });
});
