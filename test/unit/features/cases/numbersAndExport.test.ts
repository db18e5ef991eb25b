import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCaseNumber, parseCaseNumber } from '../../../../src/features/cases/caseNumber';
import { summaryOf } from '../../../../src/features/cases/caseRepo';
import { casesCsv } from '../../../../src/features/cases/casesCsv';
import { placementLevels } from '../../../../src/features/cases/levelRules';
import { queueData } from '../../../../src/features/cases/listCards';
import { INTAKE, receivedCase } from './fixtures';

const names = { parties: new Map([['gavle', 'Gävle kommun']]), bodies: new Map([['utskott-vuxna', 'Utskott vuxna']]) };

describe('case numbers, levels and the export', () => {
  it('writes case numbers as LV-2026-0042 and reads them back', () => {
    assert.equal(formatCaseNumber(2026, 42), 'LV-2026-0042');
    assert.equal(formatCaseNumber(2026, 12345), 'LV-2026-12345');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 999_999 }), (year, seq) => {
        assert.deepEqual(parseCaseNumber(formatCaseNumber(year, seq)), { year, seq });
      }),
    );
    assert.deepEqual(parseCaseNumber(' lv-2026-0042 '), { year: 2026, seq: 42 });
    assert.equal(parseCaseNumber('LV-2026-0000'), undefined);
    assert.equal(parseCaseNumber('LV-2026-42'), undefined);
  });

  it('offers placement at bodies that take cases, not at Politiska ledningsgruppen, networks or ended working groups', () => {
    const body = (id: string, endsOn: string | null = null, forwardingTarget = false) => ({ id, endsOn, forwardingTarget });
    const levels = placementLevels(
      [
        body('lansledning'),
        body('utskott-vuxna'),
        body('arbetsgrupp-sip'),
        body('arbetsgrupp-gammal', '2026-01-31'),
        body('natverk-valfard'),
        body('styrgrupp-gavle'),
        body('politiska-ledningsgruppen'),
        body('beredningsorgan'),
        body('samverkanskansli'),
        body('socialchefsnatverk', null, true),
      ],
      '2026-11-20',
    );
    assert.deepEqual(levels, ['lansledning', 'utskott-vuxna', 'arbetsgrupp-sip', 'natverk-valfard', 'styrgrupp-gavle', 'parties']);
  });

  it('exports every case with its number, title, state, submitter and party, in number order', () => {
    const first = receivedCase({ ...INTAKE, title: 'Första; med semikolon' });
    const second = { ...receivedCase(), caseId: 'LV-2026-0043', seq: 43, state: 'placed' as const, level: 'utskott-vuxna' };
    const csv = casesCsv([summaryOf(second), summaryOf(first)], 'sv', names);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(lines[0], 'Ärende;Rubrik;Typ;Område;Perspektiv;Prioriterat;Läge;Placerat hos;Bereds av;Inlämnat av;Part;Inlämnat;Senast ändrat');
    assert.match(lines[1]!, /^LV-2026-0042;"Första; med semikolon";Förslag;Behov av vård och omsorg;Förebyggande;;Mottaget;;;Gustav Gävle;Gävle kommun;2026-11-16 09:30;/);
    assert.match(lines[2]!, /^LV-2026-0043;.*;Placerat;Utskott vuxna;/);
  });

  it('lists open cases by state, the queue first and the oldest first', () => {
    const older = summaryOf(receivedCase());
    const newer = { ...older, id: 'LV-2026-0050', caseId: 'LV-2026-0050', createdAt: '2026-11-19T08:00:00.000Z' };
    const preparing = { ...older, id: 'LV-2026-0030', caseId: 'LV-2026-0030', state: 'preparing' as const, holderName: 'Petra Beredare' };
    const closed = { ...older, id: 'LV-2026-0010', caseId: 'LV-2026-0010', state: 'closed' as const };
    const data = queueData([newer, preparing, closed, older], new Date('2026-11-20T09:00:00Z'), 'sv', names, '') as {
      groups: { heading: string; items: { caseId: string; line: string }[] }[];
    };
    assert.deepEqual(
      data.groups.map((g) => [g.heading, g.items.map((i) => i.caseId)]),
      [
        ['Mottaget (2)', ['LV-2026-0042', 'LV-2026-0050']],
        ['Under beredning (1)', ['LV-2026-0030']],
      ],
    );
    assert.equal(data.groups[0]!.items[0]!.line, 'Mottaget · 4 dagar');
    assert.equal(data.groups[1]!.items[0]!.line, 'Under beredning · 4 dagar · Petra Beredare');
  });
});
