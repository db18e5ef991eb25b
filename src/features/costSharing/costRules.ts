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

/**
 * How a cost is divided between the region and the municipalities, and how the municipalities'
 * part is shared among them: by the distribution key, or kept as one part for the municipalities
 * to settle together. Weights are relative (50 and 50, 40 and 60, 1 and 2).
 */
export interface Division {
  region: number;
  municipalities: number;
  municipalShares: 'key' | 'together';
}

/**
 * Projects: "projekt samfinansieras av Regionen med 50 % och av Länets 10 kommuner med 50 % enligt
 * gällande/(framtagen) fördelningsnyckel" (docs/domain.md §14). Meeting costs have no such rule in
 * the agreement: their division is what the parties decide, recorded per year.
 */
export const PROJECT_DIVISION: Division = { region: 1, municipalities: 1, municipalShares: 'key' };

/** Division weights are given like key weights: at least 0, at most four decimals, one of the two above 0. */
export function validDivision(d: Pick<Division, 'region' | 'municipalities'>): boolean {
  const ok = (w: number) => Number.isFinite(w) && w >= 0 && w <= MAX_WEIGHT && hasAtMostDecimals(w);
  return ok(d.region) && ok(d.municipalities) && d.region + d.municipalities > 0;
}

export interface CostSplit {
  total: number;
  region: Share;
  /** The municipalities' part as a whole. */
  municipalPart: Share;
  /** The municipalities' part by the key; empty when the division keeps it together. */
  municipalities: Share[];
}

/** The id the municipalities' part carries when it is kept together. */
export const MUNICIPALITIES_TOGETHER = 'municipalities';

/**
 * Splits a whole-krona amount between the region and the municipalities as `division` says (by
 * default a project's halves), and the municipalities' part by the key unless it is kept together.
 * Each part is its exact share rounded down, and the kronor left over go one each to the parts with
 * the largest remainders (largest-remainder method), so the parts add up to the total exactly and
 * none is a krona or more from its exact share. Exact integer arithmetic throughout.
 */
export function splitCost(
  total: number,
  regionId: string,
  municipalities: readonly string[],
  weights: Record<string, number>,
  division: Division = PROJECT_DIVISION,
): CostSplit {
  if (!Number.isSafeInteger(total) || total < 0 || total > MAX_AMOUNT) throw new RangeError('the amount must be whole kronor');
  if (!validDivision(division)) throw new RangeError('the division has no weight');
  const byKey = division.municipalShares === 'key';
  const w = byKey ? municipalities.map((id) => scaled(weights[id] ?? 0)) : [1n];
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new RangeError('the key has no weight');
  const r = scaled(division.region);
  const m = scaled(division.municipalities);
  const t = BigInt(total);
  const denominator = (r + m) * sum;
  const numerators = [t * r * sum, ...w.map((x) => t * m * x)];
  const amounts = largestRemainder(t, numerators, denominator);
  const fraction = (n: bigint) => Number((n * 1_000_000n) / (t === 0n ? 1n : t * denominator)) / 1_000_000;
  const share = (i: number, partyId: string, unit: bigint): Share => ({
    partyId,
    amount: amounts[i]!,
    fraction: total === 0 ? Number((unit * 1_000_000n) / denominator) / 1_000_000 : fraction(numerators[i]!),
  });
  const region = share(0, regionId, r * sum);
  const parts = byKey ? municipalities.map((id, i) => share(i + 1, id, m * w[i]!)) : [];
  const municipalAmount = amounts.slice(1).reduce((a, b) => a + b, 0);
  return {
    total,
    region,
    municipalPart: { partyId: MUNICIPALITIES_TOGETHER, amount: municipalAmount, fraction: total === 0 ? Number((m * 1_000_000n) / (r + m)) / 1_000_000 : 1 - region.fraction },
    municipalities: parts,
  };
}

/** Each part's floor, and the rest one krona each to the largest remainders (ties: the earlier part). */
function largestRemainder(total: bigint, numerators: readonly bigint[], denominator: bigint): number[] {
  const floors = numerators.map((n) => n / denominator);
  let left = Number(total - floors.reduce((a, b) => a + b, 0n));
  const order = numerators
    .map((n, index) => ({ index, remainder: n % denominator }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const amounts = floors.map((f) => Number(f));
  for (const { index } of order) {
    if (left <= 0) break;
    amounts[index]! += 1;
    left -= 1;
  }
  return amounts;
}

/** Whole kronor from what was typed ("100 000", "100000"); undefined when it is not a whole amount in range. */
export function parseAmount(raw: string | number): number | undefined {
  const text = String(raw).replace(/[\s\u00a0]/g, '').replace(/kr$/i, '');
  if (!/^\d{1,13}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_AMOUNT ? n : undefined;
}
