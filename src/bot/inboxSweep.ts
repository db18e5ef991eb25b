import type { AppDeps } from '../deps';
import type { Inbox } from './inbox';

const SWEEP_JOB = 'privacy.inboxSweep';
const DAY = 86_400_000;

/**
 * Sweeps expired records of processed activities every night (a retention rule: they name who
 * acted). The inbox is the bot's, so the job is too; the job kind keeps its stored name.
 */
export function handleInboxSweep(deps: Pick<AppDeps, 'scheduler' | 'clock' | 'log'>, inbox: Inbox): void {
  deps.scheduler.handle(SWEEP_JOB, async () => {
    const removed = await inbox.sweep();
    deps.log.info({ removed }, 'expired records of processed activities swept');
    await scheduleSweep(deps, deps.clock.now().getTime() + DAY);
  });
}

/**
 * Makes sure tonight's sweep of expired processed-activity records is scheduled; each run
 * schedules the next. Called by the process entry at start (every instance schedules the same job
 * id, so it runs once a night).
 */
export function ensureNightlySweep(deps: Pick<AppDeps, 'scheduler' | 'clock'>): Promise<void> {
  return scheduleSweep(deps, deps.clock.now().getTime());
}

/** The given day's sweep at 03:00 UTC; the id is the day, so every instance schedules the same job. */
function scheduleSweep(deps: Pick<AppDeps, 'scheduler'>, fromMs: number): Promise<void> {
  const day = new Date(fromMs).toISOString().slice(0, 10);
  return deps.scheduler.schedule({ id: `inbox-sweep-${day}`, kind: SWEEP_JOB, runAt: new Date(`${day}T03:00:00Z`), payload: {} });
}
