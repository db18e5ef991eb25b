import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { queryAll, updateDoc } from '../store/concurrency';
import type { Store, Stored } from '../store/types';
import { isStoreError } from '../store/types';
import type { JobDoc } from './jobDocs';
import { assertValidId, dueDatePk, lookBackPks } from './jobDocs';
import type { RetryPolicy } from './retryPolicy';
import { backoffDelay } from './retryPolicy';
import type { JobHandler, JobSpec, Scheduler } from './types';
import { Wakeup } from './wakeup';

export interface SchedulerOptions {
  owner: string;
  /** How long a claimed job is this instance's; a run that takes longer may run again elsewhere. */
  leaseMs: number;
  retry: RetryPolicy;
  /**
   * How often the store is asked for due jobs. A job this instance schedules to run within a tick
   * wakes its loop at once; one another instance schedules waits at most this long.
   */
  tickMs: number;
  /**
   * Whether a job scheduled here that falls due before the next tick wakes the loop when it is due
   * (default true). Off where a test ticks the scheduler itself on a manual clock.
   */
  wakeWhenDue: boolean;
  /** Days before today whose unfinished jobs are still run. */
  lookBackDays: number;
  /** How often a tick reads the whole look-back (other ticks read today and yesterday). */
  fullScanMs: number;
  random: () => number;
}

// How long a wake for a due job waits for more jobs of the same moment.
const COALESCE_MS = 20;

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  options?: Partial<SchedulerOptions>;
}

/** What one tick did. */
export interface TickReport {
  ran: number;
  failed: number;
  /** Due jobs another instance holds, or whose kind has no handler here. */
  skipped: number;
}

export interface DurableScheduler extends Scheduler {
  /** Runs the due jobs once (`full`: read the whole look-back, not only today and yesterday). */
  tick(options?: { full?: boolean }): Promise<TickReport>;
  /** Ticks every `tickMs` until stopped; `stop` waits for the running tick. */
  start(): { stop(): Promise<void> };
}

const DUE = "c.type = 'job' AND c.runAt <= @now AND (c.status = 'scheduled' OR c.status = 'running')";

/**
 * The durable scheduler: jobs in `jobs` under the UTC date they are due, claimed with an etag
 * lease by whichever instance ticks first, so that each runs once however many instances are up.
 * A run whose instance died is run again when its lease expires.
 */
export function createScheduler(deps: SchedulerDeps): DurableScheduler {
  const options: SchedulerOptions = {
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    leaseMs: 300_000,
    retry: { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 600_000 },
    tickMs: 5_000,
    wakeWhenDue: true,
    lookBackDays: 7,
    fullScanMs: 60_000,
    random: Math.random,
    ...(Object.fromEntries(Object.entries(deps.options ?? {}).filter(([, v]) => v !== undefined)) as Partial<SchedulerOptions>),
  };
  const jobs = deps.store.containers.jobs;
  const wakeup = new Wakeup();
  // A job scheduled here that falls due before the next tick wakes the loop when it is due; the
  // jobs of one turn (scheduled within a few milliseconds) share one wake and one tick.
  let wakeTimer: { at: number; timer: NodeJS.Timeout } | undefined;
  const wakeAt = (inMs: number): void => {
    if (!options.wakeWhenDue || inMs > options.tickMs) return;
    const at = performance.now() + Math.max(0, inMs) + COALESCE_MS;
    if (wakeTimer && wakeTimer.at <= at) return;
    if (wakeTimer) clearTimeout(wakeTimer.timer);
    const timer = setTimeout(() => {
      wakeTimer = undefined;
      wakeup.notify();
    }, at - performance.now());
    timer.unref();
    wakeTimer = { at, timer };
  };
  const handlers = new Map<string, JobHandler>();
  const unhandled = new Set<string>();

  async function schedule<P extends object>(job: JobSpec<P>): Promise<void> {
    assertValidId(job.id, 'a job id');
    const pk = dueDatePk(job.runAt);
    const outcome = await updateDoc<JobDoc, 'created' | 'replaced' | 'kept'>(jobs, pk, job.id, (current) => {
      const now = deps.clock.now().toISOString();
      const runAt = job.runAt.toISOString();
      if (current && current.status !== 'scheduled') return { result: 'kept' };
      // The same job scheduled again (a debounced update): nothing to write.
      if (current && current.kind === job.kind && current.runAt === runAt && JSON.stringify(current.payload) === JSON.stringify(job.payload)) {
        return { result: 'kept' };
      }
      const doc: JobDoc = {
        id: job.id,
        pk,
        type: 'job',
        kind: job.kind,
        runAt,
        payload: job.payload,
        status: 'scheduled',
        attempts: 0,
        nextAttemptAt: runAt,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
        finishedAt: null,
      };
      return { write: doc, result: current ? 'replaced' : 'created' };
    });
    deps.log.debug({ jobId: job.id, kind: job.kind, runAt: job.runAt.toISOString(), outcome }, 'job scheduled');
    wakeAt(job.runAt.getTime() - deps.clock.now().getTime());
  }

  async function cancel(id: string, runAt: Date): Promise<void> {
    await updateDoc<JobDoc, boolean>(jobs, dueDatePk(runAt), id, (current) =>
      current?.status === 'scheduled' ? { delete: true, result: true } : { result: false },
    );
  }

  async function tick(tickOptions: { full?: boolean } = {}): Promise<TickReport> {
    const report: TickReport = { ran: 0, failed: 0, skipped: 0 };
    const now = deps.clock.now();
    for (const pk of lookBackPks(now, tickOptions.full ? options.lookBackDays : 1)) {
      const due = await queryAll<JobDoc>(jobs, pk, DUE, { now: now.toISOString() }, { orderBy: 'c.runAt ASC' });
      for (const job of due) {
        const outcome = await runDue(job);
        report[outcome] += 1;
      }
    }
    return report;
  }

  async function runDue(job: Stored<JobDoc>): Promise<keyof TickReport> {
    const now = deps.clock.now();
    const handler = handlers.get(job.kind);
    if (!handler) {
      if (!unhandled.has(job.kind)) deps.log.warn({ kind: job.kind, jobId: job.id }, 'no handler for this kind of job here');
      unhandled.add(job.kind);
      return 'skipped';
    }
    const waiting = job.status === 'scheduled' ? job.nextAttemptAt : job.leaseUntil;
    if (waiting && Date.parse(waiting) > now.getTime()) return 'skipped';
    if (job.status === 'running') {
      deps.log.warn({ jobId: job.id, kind: job.kind, leaseOwner: job.leaseOwner }, 'job lease expired; running it again');
    }
    let claimed: Stored<JobDoc>;
    try {
      claimed = await jobs.replace<JobDoc>(
        {
          ...job,
          status: 'running',
          attempts: job.attempts + 1,
          leaseOwner: options.owner,
          leaseUntil: new Date(now.getTime() + options.leaseMs).toISOString(),
          updatedAt: now.toISOString(),
        },
        job._etag,
      );
    } catch (err) {
      if (isStoreError(err, 'precondition')) return 'skipped';
      throw err;
    }
    try {
      await handler(claimed.payload, { jobId: claimed.id, runAt: new Date(claimed.runAt), attempt: claimed.attempts });
    } catch (err) {
      return failed(claimed, err);
    }
    const finishedAt = deps.clock.now().toISOString();
    await finish(claimed, { status: 'done', finishedAt, lastError: null });
    deps.log.info({ jobId: claimed.id, kind: claimed.kind, attempt: claimed.attempts }, 'job done');
    return 'ran';
  }

  async function failed(claimed: Stored<JobDoc>, err: unknown): Promise<'failed'> {
    const reason = err instanceof Error ? err.message : String(err);
    const now = deps.clock.now();
    if (claimed.attempts >= options.retry.maxAttempts) {
      await finish(claimed, { status: 'failed', finishedAt: now.toISOString(), lastError: reason });
      deps.log.error({ err, jobId: claimed.id, kind: claimed.kind, attempts: claimed.attempts }, 'job failed for good');
    } else {
      const delay = backoffDelay(claimed.attempts, options.retry, options.random);
      const nextAttemptAt = new Date(now.getTime() + delay).toISOString();
      await finish(claimed, { status: 'scheduled', nextAttemptAt, lastError: reason });
      deps.log.warn({ err, jobId: claimed.id, kind: claimed.kind, attempt: claimed.attempts, nextAttemptAt }, 'job failed; will retry');
    }
    return 'failed';
  }

  async function finish(claimed: Stored<JobDoc>, change: Partial<JobDoc>): Promise<void> {
    const next: JobDoc = { ...claimed, ...change, leaseOwner: null, leaseUntil: null, updatedAt: deps.clock.now().toISOString() };
    try {
      await jobs.replace(next, claimed._etag);
    } catch (err) {
      if (!isStoreError(err, 'precondition')) throw err;
      deps.log.warn({ jobId: claimed.id, kind: claimed.kind }, 'job lease lost before the run was recorded; it may have run twice');
    }
  }

  function start(): { stop(): Promise<void> } {
    let stopping = false;
    let nextFullAt = 0;
    const loop = async (): Promise<void> => {
      while (!stopping) {
        const t = performance.now();
        try {
          await tick({ full: t >= nextFullAt });
          if (t >= nextFullAt) nextFullAt = t + options.fullScanMs;
        } catch (err) {
          deps.log.error({ err }, 'scheduler tick failed');
        }
        if (!stopping) await wakeup.wait(options.tickMs);
      }
    };
    const running = loop();
    return {
      stop: async () => {
        stopping = true;
        wakeup.notify();
        await running;
      },
    };
  }

  return {
    schedule,
    cancel,
    handle: <P extends object>(kind: string, handler: JobHandler<P>) => {
      if (handlers.has(kind)) throw new Error(`a handler for ${kind} jobs is already registered`);
      handlers.set(kind, handler as JobHandler);
    },
    tick,
    start,
  };
}
