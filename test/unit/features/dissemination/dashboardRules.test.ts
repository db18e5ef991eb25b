import assert from 'node:assert/strict';
import type { DashboardInput } from '../../../../src/kit/dashboard';
import type { DeliveryView } from '../../../../src/delivery/types';
import type { BroadcastRecord, RemissRecord } from '../../../../src/features/dissemination/dashboardRules';
import { broadcastTable, disseminationView, disseminationYearView, remissTable } from '../../../../src/features/dissemination/dashboardRules';
import type { RecipientPlan } from '../../../../src/features/dissemination/model';

const input = (now = '2026-12-01T08:00:00Z'): DashboardInput => ({
  locale: 'sv',
  now: new Date(now),
  parties: [
    { id: 'gavle', name: 'Gävle kommun', kind: 'municipality' },
    { id: 'ockelbo', name: 'Ockelbo kommun', kind: 'municipality' },
  ],
});

const plan: RecipientPlan = {
  parties: [
    { partyId: 'gavle', name: 'Gävle kommun', channel: null, members: [{ aadObjectId: 'g1', name: 'G1' }, { aadObjectId: 'g2', name: 'G2' }], fallback: false },
    { partyId: 'ockelbo', name: 'Ockelbo kommun', channel: null, members: [{ aadObjectId: 'o1', name: 'O1' }], fallback: false },
  ],
  sharedChannel: null,
};
const delivery = (aadObjectId: string, status: DeliveryView['status']): DeliveryView => ({
  batchId: 'send',
  recipient: { kind: 'member', aadObjectId },
  status,
  attempts: 1,
  activityId: null,
  error: null,
  sentAt: null,
});

describe('the tab: the dissemination rules', () => {
  const broadcast: BroadcastRecord = {
    broadcast: { id: 'b1', title: 'Beslut om handlingsplan', kind: 'decision', requiresAck: true, sentAt: '2026-11-20T09:00:00.000Z', plan },
    acks: [{ partyId: 'gavle', at: '2026-11-20T12:00:00.000Z' }],
    deliveries: [delivery('g1', 'sent'), delivery('g2', 'failed')],
  };

  it('shows a broadcast party by party: recipients, delivered, failed, pending and the acknowledgement', () => {
    const table = broadcastTable(broadcast, input());
    assert.deepEqual(
      table.rows.map((r) => [r.party, ...r.cells]),
      [
        ['gavle', 'Gävle kommun', 2, 1, 1, 0, '20 nov. 2026 13.00'],
        ['ockelbo', 'Ockelbo kommun', 1, 0, 0, 1, 'Inte än'],
        [null, 'Totalt', 3, 1, 1, 1, '1 / 2'],
      ],
    );
    const noAck = broadcastTable({ ...broadcast, broadcast: { ...broadcast.broadcast, requiresAck: false } }, input());
    assert.equal(noAck.rows.at(-1)!.cells[5], 'Ingen kvittens begärd');
    assert.equal(noAck.rows[0]!.cells[5], null, 'no acknowledgement to show');
  });

  const remiss: RemissRecord = {
    remiss: { id: 'r1', title: 'Remiss om riktlinjer', dueDate: '2026-11-30', plan, createdAt: '2026-11-01T08:00:00.000Z' },
    answers: [{ partyId: 'gavle', state: 'answered', firstAt: '2026-11-10T08:00:00.000Z', at: '2026-11-10T08:00:00.000Z' }],
  };

  it('shows a remiss party by party against its due date: answered, declined or missing, and in time or not', () => {
    const open = remissTable(remiss, input('2026-11-20T08:00:00Z'));
    assert.deepEqual(open.rows.map((r) => r.cells), [
      ['Gävle kommun', 'Svarat', '10 nov. 2026 09.00', 'Ja'],
      ['Ockelbo kommun', 'Saknas', null, null],
      ['Totalt', '1 har svarat · 0 har avstått · 1 har inte svarat', null, null],
    ]);
    const late = remissTable(remiss, input('2026-12-02T08:00:00Z'));
    assert.deepEqual(late.rows[1]!.cells.slice(1), ['Saknas', null, 'Nej'], 'missing after the due date is late');
    const note = disseminationView([], [remiss], input('2026-11-30T08:00:00Z')).find((b) => b.kind === 'heading' && b.text === 'Remiss om riktlinjer');
    assert.equal(note?.kind === 'heading' && note.note, 'Svara senast 30 nov. 2026 · 1 dag kvar · 2 parter');
  });

  it("counts the year's acknowledgement rates and remiss answers per party, with the median days to answer", () => {
    const blocks = disseminationYearView([broadcast], [remiss], input());
    const acks = blocks.find((b) => b.kind === 'chart' && b.table.id === 'year-acks');
    assert.ok(acks?.kind === 'chart');
    assert.deepEqual(acks.table.rows.map((r) => r.cells), [
      ['Gävle kommun', 1, 1, 100],
      ['Ockelbo kommun', 1, 0, 0],
      ['Totalt', 2, 1, 50],
    ]);
    const answers = blocks.find((b) => b.kind === 'chart' && b.table.id === 'year-remisser');
    assert.ok(answers?.kind === 'chart');
    assert.deepEqual(answers.table.rows.map((r) => r.cells), [
      ['Gävle kommun', 1, 1, 0, 0, 100, 9],
      ['Ockelbo kommun', 1, 0, 0, 1, 0, null],
      ['Totalt', 2, 1, 0, 1, 50, 9],
    ]);
    assert.equal((blocks[0] as { note?: unknown }).note, '1 utskick i år · 1 remiss i år');
  });
});
