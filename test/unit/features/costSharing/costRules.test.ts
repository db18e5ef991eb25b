import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkWeights, keyOn, splitCost } from '../../../../src/features/costSharing/costRules';
import { addEntry, emptyYear, entryProblems, yearTotal } from '../../../../src/features/costSharing/meetingCostRules';

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

describe('meeting costs (docs/domain.md §14)', () => {
  const KEY = Object.fromEntries(TEN.map((id, i) => [id, i + 1]));

  it('divides "mellan region Gävleborg och kommunerna" as the parties decided, never by an assumed half', () => {
    const split = splitCost(42_000, 'region-gavleborg', TEN, KEY, { region: 40, municipalities: 60, municipalShares: 'key' });
    assert.equal(split.region.amount, 16_800);
    assert.equal(split.municipalPart.amount, 25_200);
    assert.equal(split.municipalities.reduce((s, m) => s + m.amount, 0), 25_200);
    const together = splitCost(42_000, 'region-gavleborg', TEN, {}, { region: 1, municipalities: 2, municipalShares: 'together' });
    assert.deepEqual([together.region.amount, together.municipalPart.amount, together.municipalities.length], [14_000, 28_000, 0]);
    assert.throws(() => splitCost(1000, 'region-gavleborg', TEN, KEY, { region: 0, municipalities: 0, municipalShares: 'key' }), RangeError);
    assert.equal(splitCost(1000, 'region-gavleborg', TEN, KEY).region.amount, 500, "a project's halves stay the default");
  });

  it('for any amount and any decided division, the parts add up to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), weightArb, weightArb, keyArb, fc.boolean(), (total, r, m, key, byKey) => {
        fc.pre(r + m > 0);
        const split = splitCost(total, 'region-gavleborg', TEN, key, { region: r, municipalities: m, municipalShares: byKey ? 'key' : 'together' });
        const parts = byKey ? split.municipalities.reduce((s, p) => s + p.amount, 0) : split.municipalPart.amount;
        return split.region.amount + parts === total && split.municipalPart.amount === parts;
      }),
      { numRuns: 300 },
    );
  });

  it('records a cost once per form, in date order, and says which field is wrong', () => {
    const year = emptyYear(2026);
    const entry = { id: 'f1', date: '2026-03-13', what: 'Lokal', amount: 3500, byName: 'Sara', at: '2026-03-14T10:00:00Z' };
    const first = addEntry(year, entry);
    assert.equal(first.added, true);
    assert.equal(addEntry(first.next, entry).added, false, 'the same form pressed again');
    const second = addEntry(first.next, { ...entry, id: 'f2', date: '2026-01-30', amount: 42_000 });
    assert.deepEqual(second.next.entries.map((e) => e.id), ['f2', 'f1']);
    assert.equal(yearTotal(second.next), 45_500);
    assert.deepEqual(entryProblems(2026, { date: '2025-12-31', what: ' ', amount: 0 }), ['date', 'what', 'amount']);
    assert.deepEqual(entryProblems(2026, { date: '2026-12-31', what: 'Fika', amount: 1 }), []);
  });
});
