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
  /** Request units the same requests would cost on Azure Cosmos DB (see `azureRequestUnits`). */
  azureRu: number;
}

/**
 * What a request costs in Azure Cosmos DB request units, estimated from its kind and the size of
 * what it returned (the embedded server reports 1 for everything): a point read 1 RU per started
 * KB; a create, replace, upsert or delete 5.5 RU per started KB of the document (default indexing);
 * a query 2.8 RU for the page plus 1 RU per KB returned. Azure's own figures for these shapes:
 * about 1 RU for a 1 KB point read, 5–6 RU for a 1 KB write, a little under 3 RU for a small query.
 */
export function azureRequestUnits(op: string, requests: number, bytes: number): number {
  const kib = bytes / 1024;
  const perRequestKib = requests > 0 ? kib / requests : 0;
  switch (op) {
    case 'read':
      return requests * Math.max(1, Math.ceil(perRequestKib));
    case 'create':
    case 'replace':
    case 'upsert':
    case 'patch':
      return requests * 5.5 * Math.max(1, Math.ceil(perRequestKib));
    case 'delete':
      return requests * 5.5;
    case 'query':
    case 'readFeed':
      return requests * 2.8 + kib;
    default:
      return 0;
  }
}

export function summarize(delta: StoreOpsSnapshot): OpsSummary {
  const byOp: Record<string, number> = {};
  const bytesByOp: Record<string, number> = {};
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
  for (const [key, n] of Object.entries(delta.bytes ?? {})) bytesByOp[key] = (bytesByOp[key] ?? 0) + n;
  let azureRu = 0;
  for (const [key, n] of Object.entries(byOp)) azureRu += azureRequestUnits(key.split('.')[1]!, n, bytesByOp[key] ?? 0);
  return { total, byOp: sortKeys(byOp), precondition412, conflict409, metadata, charge: delta.charge, azureRu };
}

/**
 * The store requests of a piece of work in a running bot. The bot's background loops (delivery
 * discovery and heartbeats, the scheduler's tick) only touch the `jobs` container; their rate is
 * measured while idle and taken off the window's `jobs` operations, so that what remains is the
 * work's own.
 */
export class StoreOpsMeter {
  private background: Record<string, number> = {};
  /** Store requests and Azure request units per second of the idle bot (its polling loops). */
  idle = { requestsPerS: 0, azureRuPerS: 0 };

  constructor(private readonly bot: ServiceProcess) {}

  /** Measures the idle background rate (per second, by `container.op`) over `ms`. */
  async calibrate(ms: number): Promise<Record<string, number>> {
    const before = await this.bot.storeOps();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const delta = storeOpsBetween(before, await this.bot.storeOps());
    const seconds = (performance.now() - started) / 1000;
    const rates: Record<string, number> = {};
    const summary = summarize(delta);
    for (const [key, n] of Object.entries(summary.byOp)) rates[key] = n / seconds;
    this.background = rates;
    this.idle = { requestsPerS: summary.total / seconds, azureRuPerS: summary.azureRu / seconds };
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
    // The idle background's share of the request units goes with its share of the requests.
    const ownRu = all.total > 0 ? (all.azureRu * ownTotal) / all.total : 0;
    return { result, all, own: { ...all, total: ownTotal, byOp: ownByOp, azureRu: ownRu }, seconds };
  }
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
