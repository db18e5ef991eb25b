import { t } from '../../../src/i18n';
import type { BenchContext } from '../context';
import { settle } from '../context';
import type { LoadResult } from '../load';
import { runLoad } from '../load';
import type { OpsSummary } from '../storeOps';

/** A kind of turn measured against the echo bot: its activity, and what a good answer looks like. */
export interface TurnKind {
  name: string;
  /** A fresh activity for the bot under test (new id every time). */
  activity: () => object;
  /** The same shape for the echo bot (a message, or an Action.Execute). */
  echoActivity: () => object;
  /** Whether a 2xx answer is the one a person expects (not an error card). */
  check?: (status: number, body: string) => boolean;
  /** Writes to the store (target: p50 within 3x echo), or only reads (within 1.5x). */
  writes: boolean;
}

export interface LatencyPoint {
  concurrency: number;
  bot: LoadResult;
  echo: LoadResult;
  /** Store compactions during the bot's run (each holds every store request while it writes the snapshot). */
  compactions: number;
  longestCompactionMs: number;
  /** Errors the bot logged during its run, by message. */
  botErrors: Record<string, number>;
  /** How long the bot took to settle after the run (work the client had given up on). */
  settleMs: number;
  /** CPU time of the process per request, in ms. */
  botCpuMsPerTurn: number;
  echoCpuMsPerTurn: number;
}

export interface TurnLatency {
  name: string;
  points: LatencyPoint[];
  /** Store operations per turn, from the sequential run (concurrency 1), without the idle background. */
  storeOpsPerTurn: number;
  storeOps: OpsSummary;
}

/** Requests per run by concurrency: enough for a stable p99; each run is also bounded in time. */
export const RUN_SIZES: Record<number, number> = { 1: 80, 50: 500, 200: 1_000 };

/**
 * Measures a kind of turn at each concurrency, each bot run right after an echo run of the same
 * shape and size, so both see the same machine load.
 */
export async function measureTurnLatency(ctx: BenchContext, kind: TurnKind, concurrencies: number[], maxSeconds: number): Promise<TurnLatency> {
  await settle(ctx.bot, 10_000);
  // Warm-up: compile the code paths and the store's query plans; not measured.
  await runLoad({ url: ctx.echo.url, concurrency: 10, amount: 50, maxSeconds: 10, activity: kind.echoActivity });
  await runLoad({ url: ctx.bot.url, concurrency: 10, amount: 50, maxSeconds: 15, activity: kind.activity });
  ctx.plain.reset();

  const points: LatencyPoint[] = [];
  let storeOps: OpsSummary | undefined;
  let perTurn = 0;
  for (const concurrency of concurrencies) {
    if (Date.now() > ctx.deadline) {
      ctx.pending.push(`${kind.name} at c=${concurrency}: skipped, the run had used its time budget`);
      continue;
    }
    const amount = RUN_SIZES[concurrency] ?? 500;
    const echoCpu = ctx.echo.cpuMs();
    const echo = await runLoad({ url: ctx.echo.url, concurrency, amount, maxSeconds, activity: kind.echoActivity });
    const echoCpuMsPerTurn = (ctx.echo.cpuMs() - echoCpu) / Math.max(1, echo.requests);
    const botCpu = ctx.bot.cpuMs();
    const eventsBefore = snapshotEvents(ctx);
    const measured = await ctx.meter.measure(() =>
      runLoad({
        url: ctx.bot.url,
        concurrency,
        amount,
        maxSeconds,
        activity: kind.activity,
        ...(kind.check ? { check: kind.check } : {}),
      }),
    );
    const bot = measured.result;
    const botCpuMsPerTurn = (ctx.bot.cpuMs() - botCpu) / Math.max(1, bot.requests);
    const events = eventsSince(ctx, eventsBefore);
    const settleMs = await settle(ctx.bot, 10_000);
    if (concurrency === 1 && bot.requests > 0) {
      storeOps = measured.own;
      perTurn = measured.own.total / Math.max(1, bot.requests);
    }
    points.push({ concurrency, bot, echo, botCpuMsPerTurn, echoCpuMsPerTurn, ...events, settleMs });
    ctx.plain.reset();
  }
  return { name: kind.name, points, storeOpsPerTurn: perTurn, storeOps: storeOps ?? emptyOps() };
}

/** Adds a turn's figures: p50 and p99 with their ratios to echo, errors, and store operations. */
export function reportTurnLatency(ctx: BenchContext, kind: TurnKind, result: TurnLatency): void {
  const section = 'Turn latency (ms; bot under test vs echo bot, same shape and load)';
  const steady = result.points.find((p) => p.concurrency === 50) ?? result.points[0];
  if (steady) {
    ctx.figures.add(section, `${kind.name} CPU time per turn c=${steady.concurrency}`, steady.botCpuMsPerTurn, 'ms', {
      baseline: steady.echoCpuMsPerTurn,
      note: 'user + system time of the process per request: what a turn costs, whatever else runs on the machine',
    });
  }
  for (const p of result.points) {
    const c = `c=${p.concurrency}`;
    if (p.bot.requests === 0) {
      ctx.figures.add(section, `${kind.name} errors ${c}`, p.bot.errors, '', {
        target: { kind: 'equals', value: 0 },
        note: `no answer at all within the run (${JSON.stringify(p.bot.errorDetail)})${circumstances(p)}`,
      });
      continue;
    }
    ctx.figures.add(section, `${kind.name} p50 ${c}`, p.bot.p50, 'ms', {
      baseline: p.echo.p50,
      // Sequential turns: within 5x echo for a turn that writes, 1.5x for one that reads; under
      // concurrency, where both processes share two cores, 3x and 1.5x.
      target: { kind: 'ratioAtMost', max: kind.writes ? (p.concurrency === 1 ? 5 : 3) : 1.5 },
    });
    ctx.figures.add(section, `${kind.name} p99 ${c}`, p.bot.p99, 'ms', {
      baseline: p.echo.p99,
      ...(p.concurrency === 200 ? { target: { kind: 'below' as const, max: 250 } } : {}),
    });
    ctx.figures.add(section, `${kind.name} errors ${c}`, p.bot.errors, '', {
      baseline: p.echo.errors,
      target: { kind: 'equals', value: 0 },
      note:
        `${p.bot.requests} requests, ${p.bot.rps.toFixed(0)}/s (echo ${p.echo.rps.toFixed(0)}/s)` +
        (p.bot.errors > 0 ? `; ${JSON.stringify(p.bot.errorDetail)}` : '') +
        (p.bot.errorDetail.unanswered > 0
          ? `; ${p.bot.errorDetail.unanswered} still waiting when the run stopped at its time limit (${p.bot.durationS.toFixed(0)} s), not counted: their wait is not in the percentiles`
          : '') +
        circumstances(p),
    });
  }
}

/** Store compactions and logged errors during a run, which explain its slow answers and failures. */
function circumstances(p: LatencyPoint): string {
  const parts: string[] = [];
  if (p.compactions > 0) parts.push(`${p.compactions} store compaction(s), longest hold ${p.longestCompactionMs} ms`);
  const errors = Object.entries(p.botErrors);
  if (errors.length > 0) parts.push(`bot logged ${errors.map(([m, n]) => `${n} × "${m}"`).join(', ')}`);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

function snapshotEvents(ctx: BenchContext): { compactions: number; errorMessages: Record<string, number> } {
  const e = ctx.bot.logEvents();
  return { compactions: e.compactions.length, errorMessages: { ...e.errorMessages } };
}

function eventsSince(
  ctx: BenchContext,
  before: { compactions: number; errorMessages: Record<string, number> },
): { compactions: number; longestCompactionMs: number; botErrors: Record<string, number> } {
  const e = ctx.bot.logEvents();
  const compactions = e.compactions.slice(before.compactions);
  const botErrors: Record<string, number> = {};
  for (const [m, n] of Object.entries(e.errorMessages)) if (n > (before.errorMessages[m] ?? 0)) botErrors[m] = n - (before.errorMessages[m] ?? 0);
  return { compactions: compactions.length, longestCompactionMs: Math.max(0, ...compactions.map((c) => c.heldMs)), botErrors };
}

/** An invoke answer that is a card, and not the error card. */
export function isCardAnswer(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const parsed = JSON.parse(body) as { statusCode?: number; value?: { body?: { items?: { text?: string }[] }[] } };
    if (parsed.statusCode !== 200 || typeof parsed.value !== 'object') return false;
    const title = parsed.value.body?.[0]?.items?.[0]?.text;
    return title !== t('sv', 'core', 'errorTitle') && title !== t('en', 'core', 'errorTitle');
  } catch {
    return false;
  }
}

function emptyOps(): OpsSummary {
  return { total: 0, byOp: {}, precondition412: 0, conflict409: 0, metadata: 0, charge: 0, azureRu: 0 };
}
