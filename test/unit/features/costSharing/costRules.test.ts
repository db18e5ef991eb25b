import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkWeights, keyOn, splitCost } from '../../../../src/features/costSharing/costRules';

const TEN = ['bollnas', 'gavle', 'hofors', 'hudiksvall', 'ljusdal', 'nordanstig', 'ockelbo', 'ovanaker', 'sandviken', 'soderhamn'];
const weightArb = fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 10_000));
const keyArb = fc.array(weightArb, { minLength: 10, maxLength: 10 }).filter((ws) => ws.some((w) => w > 0)).map((ws) => Object.fromEntries(TEN.map((id, i) => [id, ws[i]!])));

describe('cost sharing', () => {
  it('splits 100 001 kr: 50 % to the region, the rest by the key, adding up exactly', () => {
    const split = splitCost(100_001, 'region-gavleborg', TEN, Object.fromEntries(TEN.map((id) => [id, 1])));
    assert.equal(split.region.amount + split.municipalities.reduce((s, m) => s + m.amount, 0), 100_001);
    assert.ok(split.region.amount === 50_000 || split.region.amount === 50_001);
    assert.ok(split.municipalities.every((m) => m.amount === 5_000 || m.amount === 5_001));
  });

  it('for any amount and any key, the parts add up to the total and each is within a krona of its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), keyArb, (total, weights) => {
        const split = splitCost(total, 'region-gavleborg', TEN, weights);
        const parts = [split.region, ...split.municipalities];
        if (parts.reduce((s, p) => s + BigInt(p.amount), 0n) !== BigInt(total)) return false;
        // Exact shares as rationals over a common denominator (weights scaled to integers).
        const w = TEN.map((id) => BigInt(Math.round(weights[id]! * 10_000)));
        const sum = w.reduce((a, b) => a + b, 0n);
        const denominator = 2n * sum;
        const exact = [BigInt(total) * sum, ...w.map((x) => BigInt(total) * x)];
        return parts.every((p, i) => {
          const diff = BigInt(p.amount) * denominator - exact[i]!;
          return diff > -denominator && diff < denominator;
        });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a key without weight or with a negative or over-precise weight', () => {
    assert.deepEqual(checkWeights(TEN, Object.fromEntries(TEN.map((id) => [id, 0]))), [{ kind: 'allZero' }]);
    const bad = checkWeights(TEN, { ...Object.fromEntries(TEN.map((id) => [id, 1])), gavle: -1, hofors: 1.23456 });
    assert.deepEqual(bad, [{ kind: 'invalid', partyId: 'gavle' }, { kind: 'invalid', partyId: 'hofors' }]);
    assert.deepEqual(checkWeights(TEN, { gavle: 1 }).length, 9);
  });

  it('uses the key in force on the date of the cost', () => {
    const keys = [{ effectiveFrom: '2025-01-01' }, { effectiveFrom: '2026-01-01' }];
    assert.equal(keyOn(keys, '2025-12-31')?.effectiveFrom, '2025-01-01');
    assert.equal(keyOn(keys, '2026-01-01')?.effectiveFrom, '2026-01-01');
    assert.equal(keyOn(keys, '2024-06-30'), undefined);
  });
});
