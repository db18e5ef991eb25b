import type { ServiceProcess, StoreOpsSnapshot } from './processes';
import { storeOpsBetween } from './processes';

/** Store requests of a window, by container and operation, and how many met a conflict. */
export interface OpsSummary {
  /** Document operations (reads, queries, writes). */
  total: number;
  /** `container.op` → requests. */
  byOp: Record<string, number>;
  /** Answers 412 (etag precondition failed: a concurrent writer won, the caller retries). */
  precondition412: number;
  /** Answers 409 (create of an id that exists). */
  conflict409: number;
  /** Database and container metadata requests (not document operations). */
  metadata: number;
  /** Request charge reported by the endpoint. */
  charge: number;
}

export function summarize(delta: StoreOpsSnapshot): OpsSummary {
  const byOp: Record<string, number> = {};
  let total = 0;
  let precondition412 = 0;
  let conflict409 = 0;
  let metadata = 0;
  for (const [key, n] of Object.entries(delta.requests)) {
    const [container, op, status] = key.split('.') as [string, string, string];
    if (status === '412') precondition412 += n;
    if (status === '409') conflict409 += n;
    if (op === 'metadata') {
      metadata += n;
      continue;
    }
    total += n;
    byOp[`${container}.${op}`] = (byOp[`${container}.${op}`] ?? 0) + n;
  }
  return { total, byOp: sortKeys(byOp), precondition412, conflict409, metadata, charge: delta.charge };
}

/**
 * The store requests of a piece of work in a running bot. The bot's background loops (delivery
 * discovery and heartbeats, the scheduler's tick) only touch the `jobs` container; their rate is
 * measured while idle and taken off the window's `jobs` operations, so that what remains is the
 * work's own.
 */
export class StoreOpsMeter {
  private background: Record<string, number> = {};

  constructor(private readonly bot: ServiceProcess) {}

  /** Measures the idle background rate (per second, by `container.op`) over `ms`. */
  async calibrate(ms: number): Promise<Record<string, number>> {
    const before = await this.bot.storeOps();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const delta = storeOpsBetween(before, await this.bot.storeOps());
    const seconds = (performance.now() - started) / 1000;
    const rates: Record<string, number> = {};
    for (const [key, n] of Object.entries(summarize(delta).byOp)) rates[key] = n / seconds;
    this.background = rates;
    return rates;
  }

  /** Runs `work` and returns its store requests: everything, and without the idle background. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; all: OpsSummary; own: OpsSummary; seconds: number }> {
    const before = await this.bot.storeOps();
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const all = summarize(storeOpsBetween(before, await this.bot.storeOps()));
    const ownByOp: Record<string, number> = {};
    let ownTotal = 0;
    for (const [key, n] of Object.entries(all.byOp)) {
      const expected = key.startsWith('jobs.') ? (this.background[key] ?? 0) * seconds : 0;
      const own = Math.max(0, Math.round(n - expected));
      if (own > 0) ownByOp[key] = own;
      ownTotal += own;
    }
    return { result, all, own: { ...all, total: ownTotal, byOp: ownByOp }, seconds };
  }
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
