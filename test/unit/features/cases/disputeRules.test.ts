import assert from 'node:assert/strict';
import fc from 'fast-check';
import { routeDispute } from '../../../../src/features/cases/disputeRules';
import { ELEVEN } from './fixtures';

describe('dispute routing (docs/domain.md §9)', () => {
  it('sends a dispute of principle to Politiska ledningsgruppen whoever is involved', () => {
    assert.deepEqual(routeDispute({ involved: ['gavle'], principled: true }, ELEVEN), { kind: 'forum', level: 'politiska-ledningsgruppen' });
    assert.deepEqual(routeDispute({ involved: [], principled: true }, ELEVEN), { kind: 'forum', level: 'politiska-ledningsgruppen' });
  });

  it('sends a dispute that concerns all eleven parties to Politiska ledningsgruppen', () => {
    assert.equal(routeDispute({ involved: [...ELEVEN].reverse(), principled: false }, ELEVEN).kind, 'forum');
  });

  it('sends a dispute between two or a few parties first to them, with Politiska ledningsgruppen as the next step', () => {
    assert.deepEqual(routeDispute({ involved: ['gavle', 'sandviken', 'gavle'], principled: false }, ELEVEN), {
      kind: 'parties',
      parties: ['gavle', 'sandviken'],
      escalateTo: 'politiska-ledningsgruppen',
    });
  });

  it('rejects a dispute with fewer than two parties that is not a matter of principle', () => {
    assert.deepEqual(routeDispute({ involved: ['gavle'], principled: false }, ELEVEN), { kind: 'rejected' });
    assert.deepEqual(routeDispute({ involved: ['gavle', 'gavle'], principled: false }, ELEVEN), { kind: 'rejected' });
  });

  it('follows the rule for any set of parties', () => {
    fc.assert(
      fc.property(fc.subarray([...ELEVEN]), fc.boolean(), (involved, principled) => {
        const route = routeDispute({ involved, principled }, ELEVEN);
        const all = involved.length === ELEVEN.length;
        if (principled || all) assert.equal(route.kind, 'forum');
        else if (involved.length >= 2) assert.deepEqual(route, { kind: 'parties', parties: involved, escalateTo: 'politiska-ledningsgruppen' });
        else assert.equal(route.kind, 'rejected');
      }),
    );
  });
});
