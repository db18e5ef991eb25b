import assert from 'node:assert/strict';
import type { DashboardInput } from '../../../../src/kit/dashboard';
import { ageGroup, ageInDays, casesView } from '../../../../src/features/cases/dashboardRules';
import type { CaseDoc, CaseSummary } from '../../../../src/features/cases/model';

const NOW = new Date('2026-12-01T08:00:00Z');
const input: DashboardInput = { locale: 'sv', now: NOW, parties: [{ id: 'gavle', name: 'Gävle kommun', kind: 'municipality' }] };
const names = { parties: new Map([['gavle', 'Gävle kommun'], ['ockelbo', 'Ockelbo kommun']]), bodies: new Map([['lansledning', 'Länsledning Välfärd']]) };

function summary(seq: number, state: CaseSummary['state'], daysOld: number, extra: Partial<CaseSummary> = {}): CaseSummary {
  const created = new Date(NOW.getTime() - daysOld * 86_400_000).toISOString();
  return {
    id: `LV-2026-${seq}`, pk: 'case-index', type: 'case-summary', caseId: `LV-2026-000${seq}`, year: 2026, seq, state, title: `Ärende ${seq}`,
    caseType: 'question', area: 'vard-omsorg', perspectives: [], prioritised: false, submitterId: 's', submitterName: 'S', partyId: 'gavle',
    level: null, holderName: null, createdAt: created, updatedAt: created, version: 1, ...extra,
  };
}

describe('the tab: the cases rules', () => {
  const cases = [
    summary(1, 'received', 2),
    summary(2, 'preparing', 20, { holderName: 'Paula Beredare' }),
    summary(3, 'placed', 40, { level: 'lansledning' }),
    summary(4, 'closed', 100),
    summary(5, 'void', 1),
    summary(6, 'returned', 120),
  ];
  const blocks = casesView(cases, [], names, input);
  const table = (id: string) => {
    const b = blocks.find((x) => (x.kind === 'table' || x.kind === 'chart') && x.table.id === id);
    assert.ok(b && (b.kind === 'table' || b.kind === 'chart'));
    return b.table;
  };

  it('counts the pipeline by state, leaving out voided numbers', () => {
    assert.deepEqual(table('pipeline').rows.map((r) => r.cells), [
      ['Mottaget', 1],
      ['Under beredning', 1],
      ['Återsänt för komplettering', 1],
      ['Placerat', 1],
      ['Avslutat', 1],
      ['Återtaget', 0],
    ]);
  });

  it('groups the open cases by age and lists them oldest first with state, age, level and who prepares them', () => {
    assert.deepEqual(table('age').rows.map((r) => r.cells), [
      ['0–7 dagar', 1],
      ['8–30 dagar', 1],
      ['31–90 dagar', 1],
      ['Över 90 dagar', 1],
    ]);
    assert.deepEqual(table('open').rows.map((r) => r.cells.slice(0, 6)), [
      ['LV-2026-0006', 'Ärende 6', 'Återsänt för komplettering', 120, null, null],
      ['LV-2026-0003', 'Ärende 3', 'Placerat', 40, 'Länsledning Välfärd', null],
      ['LV-2026-0002', 'Ärende 2', 'Under beredning', 20, null, 'Paula Beredare'],
      ['LV-2026-0001', 'Ärende 1', 'Mottaget', 2, null, null],
    ]);
    assert.deepEqual(table('levels').rows.map((r) => r.cells), [['Länsledning Välfärd', 1]]);
    assert.equal((blocks[0] as { note?: string }).note, '4 öppna ärenden');
    assert.ok(blocks.every((b) => b.kind !== 'table' || b.table.rows.every((r) => r.party === null)), 'cases are not narrowed by party');
  });

  it('shows the disputes with the parties involved, whether they are principled and the date to settle by', () => {
    const dispute = { caseId: 'LV-2026-0007', title: 'Tvist om kostnad', state: 'returned', dispute: { involved: ['gavle', 'ockelbo'], principled: true, confirmedPrincipled: null, settleBy: '2026-12-15T23:00:00.000Z' } } as unknown as CaseDoc;
    const rows = casesView(cases, [dispute], names, input).flatMap((b) => (b.kind === 'table' && b.table.id === 'disputes' ? b.table.rows : []));
    assert.deepEqual(rows.map((r) => r.cells), [['LV-2026-0007', 'Tvist om kostnad', 'Gävle kommun, Ockelbo kommun', 'Ja', 'Återsänt för komplettering', '16 dec. 2026']]);
  });

  it('counts age in whole days and puts day 7 and day 8 in different groups', () => {
    assert.equal(ageInDays('2026-11-24T09:00:00Z', NOW), 6);
    assert.equal(ageGroup(7), 0);
    assert.equal(ageGroup(8), 1);
    assert.equal(ageGroup(91), 3);
  });
});
