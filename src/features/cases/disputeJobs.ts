import type { AppDeps } from '../../deps';
import { loadSetting } from './caseContext';
import type { CaseRepo } from './caseRepo';
import { PARTIES_LEVEL } from './model';
import type { CaseNotifier } from './notifications';

/** The job that runs when the parties' time to settle a dispute between themselves has run out. */
export const SETTLE_JOB = 'case.settle-deadline';

export const settleJobId = (caseId: string) => `${caseId}:settle-deadline`;

/** Registers the job: if the dispute still lies with the parties, the preparers may now escalate it. */
export function handleSettleDeadline(deps: Pick<AppDeps, 'scheduler' | 'directory' | 'log'>, repo: CaseRepo, notifier: CaseNotifier): void {
  deps.scheduler.handle<{ caseId: string }>(SETTLE_JOB, async (payload, context) => {
    const c = await repo.read(payload.caseId);
    if (!c || c.state !== 'placed' || c.level !== PARTIES_LEVEL || !c.dispute?.settleBy) return;
    const [events, setting] = await Promise.all([repo.events(c.caseId), loadSetting(deps, context.runAt)]);
    await notifier.settleDeadlinePassed(c, events, setting, context.runAt);
    deps.log.info({ caseId: c.caseId }, 'dispute settle deadline passed; preparers may escalate');
  });
}
