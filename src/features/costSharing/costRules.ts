import type { Doc } from '../../store/types';

/** Key weights are given with at most this many decimals (percentages like 12.3456, or head counts). */
const DECIMALS = 4;
export const MAX_WEIGHT = 1_000_000_000;
/** Amounts up to a thousand billion kronor: far beyond any project, well inside exact arithmetic. */
export const MAX_AMOUNT = 1_000_000_000_000;

/**
 * The distribution key (fördelningsnyckel): how the municipalities' half of a cost is shared
 * between the ten, from a date on. The weights are relative (percentages or population alike).
 */
export interface CostKey extends Doc {
  type: 'cost-key';
  pk: 'cost-key';
  /** `YYYY-MM-DD`; also the document id: one key per effective date. */
  effectiveFrom: string;
  weights: Record<string, number>;
  note: string | null;
  savedBy: string;
  savedByName: string;
  savedAt: string;
}

export type KeyProblem = { kind: 'missing'; partyId: string } | { kind: 'invalid'; partyId: string } | { kind: 'allZero' };

/** A key is valid when every municipality has a weight ≥ 0 with at most four decimals, and one is above 0. */
export function checkWeights(municipalities: readonly string[], weights: Record<string, number | undefined>): KeyProblem[] {
  const problems: KeyProblem[] = [];
  for (const id of municipalities) {
    const w = weights[id];
    if (w === undefined || Number.isNaN(w)) problems.push({ kind: 'missing', partyId: id });
    else if (w < 0 || w > MAX_WEIGHT || !hasAtMostDecimals(w)) problems.push({ kind: 'invalid', partyId: id });
  }
  if (problems.length === 0 && municipalities.every((id) => weights[id] === 0)) problems.push({ kind: 'allZero' });
  return problems;
}

function hasAtMostDecimals(w: number): boolean {
  return Math.abs(Math.round(w * 10 ** DECIMALS) - w * 10 ** DECIMALS) < 1e-6;
}

function scaled(w: number): bigint {
  return BigInt(Math.round(w * 10 ** DECIMALS));
}

/** The key in force on a date: the latest whose effective date is on or before it. */
export function keyOn<T extends Pick<CostKey, 'effectiveFrom'>>(keys: readonly T[], date: string): T | undefined {
  return [...keys].filter((k) => k.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

export interface Share {
  partyId: string;
  amount: number;
  /** The exact share as a fraction of the total (for showing percentages). */
  fraction: number;
}

export interface CostSplit {
  total: number;
  region: Share;
  municipalities: Share[];
}

/**
 * Splits a whole-krona amount: half to the region, half to the municipalities by the key. Each
 * part is its exact share rounded down, and the kronor left over go one each to the parts with the
 * largest remainders (largest-remainder method), so the parts add up to the total exactly and none
 * is a krona or more from its exact share. Exact integer arithmetic throughout.
 */
export function splitCost(total: number, regionId: string, municipalities: readonly string[], weights: Record<string, number>): CostSplit {
  if (!Number.isSafeInteger(total) || total < 0 || total > MAX_AMOUNT) throw new RangeError('the amount must be whole kronor');
  const w = municipalities.map((id) => scaled(weights[id] ?? 0));
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new RangeError('the key has no weight');
  const t = BigInt(total);
  const denominator = 2n * sum;
  const numerators = [t * sum, ...w.map((x) => t * x)];
  const floors = numerators.map((n) => n / denominator);
  let left = Number(t - floors.reduce((a, b) => a + b, 0n));
  const order = numerators
    .map((n, index) => ({ index, remainder: n % denominator }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const amounts = floors.map((f) => Number(f));
  for (const { index } of order) {
    if (left <= 0) break;
    amounts[index]! += 1;
    left -= 1;
  }
  const fraction = (n: bigint) => Number((n * 1_000_000n) / (t === 0n ? 1n : t * denominator)) / 1_000_000;
  return {
    total,
    region: { partyId: regionId, amount: amounts[0]!, fraction: total === 0 ? 0.5 : fraction(numerators[0]!) },
    municipalities: municipalities.map((partyId, i) => ({
      partyId,
      amount: amounts[i + 1]!,
      fraction: total === 0 ? Number((w[i]! * 1_000_000n) / denominator) / 1_000_000 : fraction(numerators[i + 1]!),
    })),
  };
}
