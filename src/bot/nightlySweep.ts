import type { AppDeps } from '../deps';

/** The job kind keeps the stored name it had when it swept the inbox alone. */
const SWEEP_JOB = 'privacy.inboxSweep';
const DAY = 86_400_000;

/** One kind of record removed after its retention; returns how many went. */
export interface Sweep {
  name: string;
  run(): Promise<number>;
}

/**
 * Sweeps expired records every night (retention rules: docs/security.md, "Data protection"): the
 * records of processed activities (the bot's), and what `app.ts` adds (delivery records, finished
 * jobs, once-only links' records). A sweep that fails does not stop the others; the run then
 * fails, so the scheduler tries it again, and the next night is scheduled either way.
 */
export function handleNightlySweep(deps: Pick<AppDeps, 'scheduler' | 'clock' | 'log'>, sweeps: readonly Sweep[]): void {
  deps.scheduler.handle(SWEEP_JOB, async () => {
    const removed: Record<string, number> = {};
    const failed: string[] = [];
    for (const sweep of sweeps) {
      try {
        removed[sweep.name] = await sweep.run();
      } catch (err) {
        failed.push(sweep.name);
        deps.log.error({ err, sweep: sweep.name }, 'a retention sweep failed');
      }
    }
    deps.log.info({ removed }, 'expired records swept');
    await scheduleSweep(deps, deps.clock.now().getTime() + DAY);
    if (failed.length > 0) throw new Error(`retention sweeps failed: ${failed.join(', ')}`);
  });
}

/**
 * Makes sure tonight's sweep is scheduled; each run schedules the next. Called by the process
 * entry at start (every instance schedules the same job id, so it runs once a night).
 */
export function ensureNightlySweep(deps: Pick<AppDeps, 'scheduler' | 'clock'>): Promise<void> {
  return scheduleSweep(deps, deps.clock.now().getTime());
}

/** The given day's sweep at 03:00 UTC; the id is the day, so every instance schedules the same job. */
function scheduleSweep(deps: Pick<AppDeps, 'scheduler'>, fromMs: number): Promise<void> {
  const day = new Date(fromMs).toISOString().slice(0, 10);
  return deps.scheduler.schedule({ id: `inbox-sweep-${day}`, kind: SWEEP_JOB, runAt: new Date(`${day}T03:00:00Z`), payload: {} });
}
