import assert from 'node:assert/strict';
import fc from 'fast-check';
import { needsFewJudgement, routeDispute } from '../../../../src/features/cases/disputeRules';
import { ELEVEN } from './fixtures';

describe('dispute routing (docs/domain.md §9)', () => {
  it('sends a dispute "av principiell karaktär" to Politiska ledningsgruppen whoever is involved', () => {
    assert.deepEqual(routeDispute({ involved: ['gavle'], principled: true }, ELEVEN), { kind: 'forum', level: 'politiska-ledningsgruppen' });
    assert.deepEqual(routeDispute({ involved: [], principled: true }, ELEVEN), { kind: 'forum', level: 'politiska-ledningsgruppen' });
  });

  it('sends a dispute "som berör samtliga parter" (all eleven) to Politiska ledningsgruppen', () => {
    assert.equal(routeDispute({ involved: [...ELEVEN].reverse(), principled: false }, ELEVEN).kind, 'forum');
    assert.equal(routeDispute({ involved: [...ELEVEN, 'hufb'], principled: false }, ELEVEN).kind, 'forum', 'HUFB beside them changes nothing');
  });

  it('sends a dispute that "endast berör två … parter" first to them, with Politiska ledningsgruppen as the next step', () => {
    assert.deepEqual(routeDispute({ involved: ['gavle', 'sandviken', 'gavle'], principled: false }, ELEVEN), {
      kind: 'parties',
      parties: ['gavle', 'sandviken'],
      escalateTo: 'politiska-ledningsgruppen',
    });
  });

  it('does not take many but not all parties for "ett fåtal": the preparer confirms it, or that it is of principle', () => {
    const ten = ELEVEN.slice(1);
    assert.deepEqual(routeDispute({ involved: ten, principled: false }, ELEVEN), { kind: 'undecided', parties: ten });
    assert.deepEqual(routeDispute({ involved: ['gavle', 'sandviken', 'hofors'], principled: false }, ELEVEN).kind, 'undecided');
    assert.equal(routeDispute({ involved: ['gavle', 'sandviken', 'hofors'], principled: false, few: true }, ELEVEN).kind, 'parties');
    assert.equal(routeDispute({ involved: ten, principled: false, few: false }, ELEVEN).kind, 'undecided');
    assert.equal(routeDispute({ involved: ten, principled: true, few: false }, ELEVEN).kind, 'forum');
    assert.ok(needsFewJudgement(['gavle', 'sandviken', 'hofors'], ELEVEN));
    assert.ok(!needsFewJudgement(['gavle', 'sandviken'], ELEVEN));
    assert.ok(!needsFewJudgement(ELEVEN, ELEVEN));
  });

  it('rejects a dispute with fewer than two parties that is not a matter of principle', () => {
    assert.deepEqual(routeDispute({ involved: ['gavle'], principled: false }, ELEVEN), { kind: 'rejected' });
    assert.deepEqual(routeDispute({ involved: ['gavle', 'gavle'], principled: false }, ELEVEN), { kind: 'rejected' });
  });

  it('follows the rule for any set of parties and any judgement', () => {
    fc.assert(
      fc.property(fc.subarray([...ELEVEN]), fc.boolean(), fc.option(fc.boolean(), { nil: null }), (involved, principled, few) => {
        const route = routeDispute({ involved, principled, few }, ELEVEN);
        const all = involved.length === ELEVEN.length;
        if (principled || all) assert.equal(route.kind, 'forum');
        else if (involved.length < 2) assert.equal(route.kind, 'rejected');
        else if (involved.length === 2 || few === true) assert.deepEqual(route, { kind: 'parties', parties: involved, escalateTo: 'politiska-ledningsgruppen' });
        else assert.deepEqual(route, { kind: 'undecided', parties: involved });
      }),
    );
  });
});
