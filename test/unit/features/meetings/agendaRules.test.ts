import assert from 'node:assert/strict';
import type { AgendaItemDoc } from '../../../../src/features/meetings/agendaRules';
import { draftAgenda, proposalProblems } from '../../../../src/features/meetings/agendaRules';

const item = (id: string, over: Partial<AgendaItemDoc> = {}): AgendaItemDoc => ({
  id: `item:${id}`, pk: 'agenda-items', type: 'agenda-item', bodyId: 'lansledning', bodyName: 'Länsledning Välfärd', meetingId: 'm-next',
  partyId: 'gavle', partyName: 'Gävle kommun', proposedBy: { aadObjectId: 'a', name: 'Anna Holm' }, title: id, text: '', isCase: false,
  createdAt: `2026-11-0${id.length}T10:00:00Z`, ...over,
});

describe('items from the parties and the draft agendas', () => {
  it('puts an item on the draft agenda of the body it was proposed to, for its next meeting, or the next one called when none was', () => {
    const items = [item('a'), item('bb', { meetingId: null }), item('ccc', { meetingId: 'm-earlier' }), item('dddd', { bodyId: 'utskott-vuxna', meetingId: null })];
    assert.deepEqual(draftAgenda('lansledning', 'm-next', items, []).items.map((i) => i.title), ['a', 'bb']);
    assert.deepEqual(draftAgenda('utskott-vuxna', null, items, []).items.map((i) => i.title), ['dddd']);
  });

  it('"Initiering av ärenden skickas till någon av medlemmarna i beredningsorganet": the beredning\'s draft lists every item proposed as a case and the cases waiting for preparation', () => {
    const items = [item('a', { isCase: true }), item('bb')];
    const cases = [
      { caseId: 'LV-2026-0002', title: 'Placerat', state: 'placed', partyId: 'gavle', createdAt: '2026-10-01T00:00:00Z' },
      { caseId: 'LV-2026-0001', title: 'Inkommet', state: 'received', partyId: 'hofors', createdAt: '2026-10-02T00:00:00Z' },
      { caseId: 'LV-2026-0003', title: 'Bereds', state: 'preparing', partyId: 'hofors', createdAt: '2026-09-02T00:00:00Z' },
    ];
    const draft = draftAgenda('beredningsorgan', null, items, cases);
    assert.deepEqual(draft.items.map((i) => i.title), ['a']);
    assert.deepEqual(draft.cases.map((c) => c.caseId), ['LV-2026-0003', 'LV-2026-0001']);
    assert.deepEqual(draftAgenda('lansledning', 'm-next', items, cases).cases, [], 'other bodies list no cases');
  });

  it('refuses a proposal without an item, or too long, by field', () => {
    assert.deepEqual(proposalProblems({ title: ' ', text: '' }), [{ field: 'title', problem: 'required' }]);
    assert.deepEqual(proposalProblems({ title: 'x'.repeat(201), text: 'y'.repeat(4001) }), [
      { field: 'title', problem: 'tooLong' },
      { field: 'text', problem: 'tooLong' },
    ]);
    assert.deepEqual(proposalProblems({ title: 'Punkt', text: '' }), []);
  });
});
