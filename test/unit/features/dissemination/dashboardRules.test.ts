import assert from 'node:assert/strict';
import type { DashboardInput } from '../../../../src/kit/dashboard';
import type { DeliveryView } from '../../../../src/delivery/types';
import type { BroadcastRecord, RemissRecord } from '../../../../src/features/dissemination/dashboardRules';
import { broadcastTable, disseminationView, disseminationYearView, remissTable } from '../../../../src/features/dissemination/dashboardRules';
import type { PartyPlan, RecipientPlan } from '../../../../src/features/dissemination/model';
import { seedParties } from '../../../../src/directory/seed';
import { inAgreementOrder } from '../../../../src/tab/views';

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
        [null, 'Totalt', 3, 1, 1, 1, '1 av 2 parter'],
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
      ['Totalt', 'Av 2 parter: 1 har svarat · 0 har avstått · 1 har inte svarat', null, null],
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
      ['Totalt, 2 parter', 2, 1, 50],
    ]);
    const answers = blocks.find((b) => b.kind === 'chart' && b.table.id === 'year-remisser');
    assert.ok(answers?.kind === 'chart');
    assert.deepEqual(answers.table.rows.map((r) => r.cells), [
      ['Gävle kommun', 1, 1, 0, 0, 100, 9],
      ['Ockelbo kommun', 1, 0, 0, 1, 0, null],
      ['Totalt, 2 parter', 2, 1, 0, 1, 50, 9],
    ]);
    assert.equal((blocks[0] as { note?: unknown }).note, '1 utskick i år · 1 remiss i år');
  });

  describe('"de elva parterna" counted, with Hälsinglands Utbildningsförbund apart', () => {
    const parties = inAgreementOrder(seedParties());
    const all = { ...input('2026-11-20T08:00:00Z'), parties };
    // Plans stored before `isParty` was kept on them are read by the list of the eleven.
    const twelve: RecipientPlan = {
      parties: parties.map((p, i): PartyPlan => ({
        partyId: p.id,
        name: p.name,
        channel: null,
        members: [{ aadObjectId: `m-${p.id}`, name: p.name }],
        fallback: false,
        ...(i % 2 === 0 ? { isParty: p.isParty } : {}),
      })),
      sharedChannel: null,
    };
    const hufb = 'Hälsinglands Utbildningsförbund';
    const broadcast12: BroadcastRecord = {
      broadcast: { id: 'b12', title: 'Information till alla', kind: 'information', requiresAck: true, sentAt: '2026-11-10T09:00:00.000Z', plan: twelve },
      acks: ['gavle', 'ockelbo', 'hufb'].map((partyId) => ({ partyId, at: '2026-11-11T09:00:00.000Z' })),
      deliveries: parties.map((p) => delivery(`m-${p.id}`, 'sent')),
    };
    const remiss12: RemissRecord = {
      remiss: { id: 'r12', title: 'Remiss till alla', dueDate: '2026-11-30', plan: twelve, createdAt: '2026-11-01T08:00:00.000Z' },
      answers: [
        { partyId: 'gavle', state: 'answered', firstAt: '2026-11-05T08:00:00.000Z', at: '2026-11-05T08:00:00.000Z' },
        { partyId: 'ockelbo', state: 'declined', firstAt: '2026-11-06T08:00:00.000Z', at: '2026-11-06T08:00:00.000Z' },
        { partyId: 'hufb', state: 'answered', firstAt: '2026-11-07T08:00:00.000Z', at: '2026-11-07T08:00:00.000Z' },
      ],
    };

    it('totals a broadcast\'s acknowledgements as "2 av 11 parter" and names HUFB\'s apart, never "3 / 12"', () => {
      const total = broadcastTable(broadcast12, all).rows.at(-1)!;
      assert.equal(total.cells[5], `2 av 11 parter · ${hufb}: kvitterat`);
      const notYet = broadcastTable({ ...broadcast12, acks: [] }, { ...all, locale: 'en' }).rows.at(-1)!;
      assert.equal(notYet.cells[5], `0 of 11 parties · ${hufb}: not acknowledged`);
    });

    it('totals a remiss\'s answers among the eleven and says HUFB\'s apart; its note reads "11 parter och" HUFB', () => {
      const total = remissTable(remiss12, all).rows.at(-1)!;
      assert.equal(total.cells[1], `Av 11 parter: 1 har svarat · 1 har avstått · 9 har inte svarat · ${hufb}: svarat`);
      const note = disseminationView([], [remiss12], all).find((b) => b.kind === 'heading' && b.text === 'Remiss till alla');
      assert.equal(note?.kind === 'heading' && note.note, `Svara senast 30 nov. 2026 · 11 dagar kvar · 11 parter och ${hufb}`);
      const elevenOnly = { ...remiss12, remiss: { ...remiss12.remiss, plan: { ...twelve, parties: twelve.parties.filter((p) => p.partyId !== 'hufb') } } };
      const plain = disseminationView([], [elevenOnly], { ...all, locale: 'en' }).find((b) => b.kind === 'heading' && b.text === 'Remiss till alla');
      assert.equal(plain?.kind === 'heading' && plain.note, 'Answer by 30 Nov 2026 · 11 days left · 11 parties');
    });

    it('totals the year over the eleven ("Totalt, 11 parter"), with HUFB\'s own row outside the total', () => {
      const blocks = disseminationYearView([broadcast12], [remiss12], all);
      const acks = blocks.find((b) => b.kind === 'chart' && b.table.id === 'year-acks');
      assert.ok(acks?.kind === 'chart');
      const rows = acks.table.rows.map((r) => r.cells);
      assert.deepEqual(rows.slice(-2), [
        [hufb, 1, 1, 100],
        ['Totalt, 11 parter', 11, 2, 18.2],
      ]);
      assert.equal(rows.length, 13, 'the eleven, the total and HUFB');
      const answers = blocks.find((b) => b.kind === 'chart' && b.table.id === 'year-remisser');
      assert.ok(answers?.kind === 'chart');
      assert.deepEqual(answers.table.rows.slice(-2).map((r) => r.cells), [
        [hufb, 1, 1, 0, 0, 100, 6],
        ['Totalt, 11 parter', 11, 1, 1, 9, 9.1, 4.5],
      ]);
    });
  });
});
