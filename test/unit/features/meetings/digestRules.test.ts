import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideTick, digestBatchId, digestItems, digestStates, revisedTicks } from '../../../../src/features/meetings/digestRules';
import type { DigestDoc } from '../../../../src/features/meetings/model';
import type { DisseminatedItem } from '../../../../src/store/disseminationRecords';

const broadcast = (id: string, parties: string[], over: Partial<{ requiresAck: boolean; status: string }> = {}, acked: string[] = []): DisseminatedItem => ({
  item: 'broadcast',
  id,
  broadcast: { id, type: 'broadcast', kind: 'decision', title: `Utskick ${id}`, requiresAck: over.requiresAck ?? true, status: over.status ?? 'sent', plan: { parties: parties.map((partyId) => ({ partyId })) } },
  acked,
});
const remiss = (id: string, parties: string[], dueDate: string, answered: string[] = [], status = 'open'): DisseminatedItem => ({
  item: 'remiss',
  id,
  remiss: { id, type: 'remiss', title: `Remiss ${id}`, partyIds: parties, dueDate, status },
  answered,
  declined: [],
});

function digest(items: DigestDoc['items'], over: Partial<DigestDoc> = {}): DigestDoc {
  return {
    id: 'digest:gavle',
    pk: 'm-2026-10-30-abcdef1234',
    type: 'digest',
    partyId: 'gavle',
    partyName: 'Gävle kommun',
    isParty: true,
    items,
    ticks: {},
    recipients: { channel: 'gavle-channel', members: [] },
    notesVersion: 1,
    nextMeeting: null,
    createdAt: '2026-10-30T12:30:00Z',
    updates: 0,
    ...over,
  };
}

const ANNA = { aadObjectId: 'anna', name: 'Anna Holm', partyId: 'gavle' };
const NOW = new Date('2026-10-30T13:00:00Z');

describe('the digest per party (docs/domain.md §10)', () => {
  it('lists the decisions, the broadcasts the party has yet to acknowledge, and the open remisser addressed to it with their dates', () => {
    const items = digestItems(
      'gavle',
      ['Handlingsplanen fastställs.'],
      [
        broadcast('b1', ['gavle', 'sandviken']),
        broadcast('b2', ['gavle'], {}, ['gavle']),
        broadcast('b3', ['gavle'], { requiresAck: false }),
        broadcast('b4', ['sandviken']),
        broadcast('b5', ['gavle'], { status: 'scheduled' }),
        remiss('r1', ['gavle'], '2026-11-20'),
        remiss('r2', ['gavle'], '2026-11-20', ['gavle']),
        remiss('r3', ['gavle'], '2026-10-01'),
        remiss('r4', ['hofors'], '2026-11-20'),
        remiss('r5', ['gavle'], '2026-11-20', [], 'closed'),
      ],
      '2026-10-30',
    );
    assert.deepEqual(
      items.map((i) => [i.id, i.kind, i.due, i.answered]),
      [
        ['d1', 'decision', null, null],
        ['b:b1', 'ack', null, null],
        ['r:r1', 'remiss', '2026-11-20', false],
        ['r:r2', 'remiss', '2026-11-20', true],
      ],
    );
  });

  it('counts a tick only from a member of the party, once, and the first one stands', () => {
    const d = digest([{ id: 'd1', kind: 'decision', text: 'Beslut', ref: null, due: null, answered: null }]);
    const ticked = decideTick(d, ANNA, 'd1', NOW);
    assert.equal(ticked.kind, 'ticked');
    if (ticked.kind !== 'ticked') return;
    assert.equal(ticked.next.ticks.d1?.name, 'Anna Holm');
    assert.equal(ticked.next.updates, 1, 'every copy is updated in place');
    assert.deepEqual(decideTick(ticked.next, { ...ANNA, aadObjectId: 'goran', name: 'Göran' }, 'd1', NOW), { kind: 'already', by: 'Anna Holm' });
    assert.deepEqual(decideTick(d, { ...ANNA, partyId: 'sandviken' }, 'd1', NOW), { kind: 'refused', reason: 'notYourParty' });
    assert.deepEqual(decideTick(d, ANNA, 'd9', NOW), { kind: 'refused', reason: 'unknownItem' });
  });

  it('keeps the ticks of items that stay the same when the notes are corrected, and drops those of changed ones', () => {
    const before = digest(
      [
        { id: 'd1', kind: 'decision', text: 'A', ref: null, due: null, answered: null },
        { id: 'd2', kind: 'decision', text: 'B', ref: null, due: null, answered: null },
      ],
      { ticks: { d1: { aadObjectId: 'anna', name: 'Anna', at: 'x' }, d2: { aadObjectId: 'anna', name: 'Anna', at: 'y' } } },
    );
    const after = [
      { id: 'd1', kind: 'decision' as const, text: 'A', ref: null, due: null, answered: null },
      { id: 'd2', kind: 'decision' as const, text: 'B, ändrad', ref: null, due: null, answered: null },
    ];
    assert.deepEqual(Object.keys(revisedTicks(before, after)), ['d1']);
  });

  it('shows a party with no channel and no Länsledning member as unreachable, never as not having taken anything home', () => {
    const reached = digest([{ id: 'd1', kind: 'decision', text: 'A', ref: null, due: null, answered: null }], { ticks: { d1: { aadObjectId: 'a', name: 'A', at: 'x' } } });
    const nobody = digest(reached.items, { partyId: 'hofors', partyName: 'Hofors kommun', recipients: { channel: null, members: [] } });
    assert.deepEqual(
      digestStates([reached, nobody]).map((s) => [s.partyId, s.taken, s.items, s.reachable]),
      [
        ['gavle', 1, 1, true],
        ['hofors', 0, 1, false],
      ],
    );
  });

  it('gives every version of a digest its own batch, the first one plain', () => {
    fc.assert(
      fc.property(fc.nat(1000), (n) => {
        const ids = new Set([digestBatchId('gavle', n), digestBatchId('gavle', n + 1), digestBatchId('sandviken', n)]);
        return ids.size === 3 && digestBatchId('gavle', 0) === 'digest-gavle';
      }),
    );
  });
});
