import assert from 'node:assert/strict';
import { compositionShortfalls } from '../../../src/directory/composition';
import { compositionWarning } from '../../../src/i18n/composition';

const parties = [
  { id: 'region-gavleborg', kind: 'region' as const },
  { id: 'gavle', kind: 'municipality' as const },
  { id: 'hofors', kind: 'municipality' as const },
];
const m = (partyId: string, bodies: string[], roles: ('secretariat' | 'preparer' | 'member')[] = ['preparer']) => ({ partyId, bodies: ['beredningsorgan', ...bodies], roles });

describe('the beredningsorgan\'s composition', () => {
  it('"representanter från utbildning, socialtjänst samt regionens hälso- och sjukvård … samordnare från samverkanskansli (minst en från kommunen och en från regionen)": a full body falls short of nothing', () => {
    const full = [m('gavle', ['skolchefsnatverk']), m('hofors', ['socialchefsnatverk']), m('region-gavleborg', []), m('gavle', ['samverkanskansli']), m('region-gavleborg', [], ['secretariat'])];
    assert.deepEqual(compositionShortfalls(full, parties), []);
  });

  it('names what is missing: a region coordinator is not its health care, and people outside the body do not count', () => {
    const short = [m('gavle', ['skolchefsnatverk']), m('region-gavleborg', ['samverkanskansli']), { partyId: 'hofors', bodies: ['socialchefsnatverk'], roles: ['member' as const] }];
    assert.deepEqual(compositionShortfalls(short, parties), ['socialServices', 'regionalHealthCare', 'municipalCoordinator']);
    const warning = compositionWarning(compositionShortfalls(short, parties));
    assert.match(warning.sv, /saknar enligt katalogen socialtjänst \(en ledamot som också sitter i socialchefsnätverket\), regionens hälso- och sjukvård och en samordnare från samverkanskansliet från kommunerna\./);
    assert.match(warning.en, /lacks social services .*, the region's health care and a coordinator from the secretariat from the municipalities\./);
  });
});
