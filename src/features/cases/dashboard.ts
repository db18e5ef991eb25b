import type { DashboardInput, DashboardProvider } from '../../kit/dashboard';
import type { AppDeps } from '../../deps';
import { loadSetting } from './caseContext';
import type { CaseRepo } from './caseRepo';
import { casesView } from './dashboardRules';
import type { CaseDoc } from './model';
import { OPEN_STATES } from './model';

/** The tab's Cases view: the whole register, and the open disputes' own documents for their parties and dates. */
export function casesDashboard(deps: Pick<AppDeps, 'directory'>, repo: CaseRepo): DashboardProvider {
  return {
    visible: (sight) => sight.caseQueue,
    async build(input: DashboardInput) {
      const [summaries, setting] = await Promise.all([repo.summaries('', {}), loadSetting(deps, input.now)]);
      const disputeIds = summaries.filter((c) => c.caseType === 'dispute' && c.state !== 'void' && OPEN_STATES.includes(c.state)).map((c) => c.caseId);
      const disputes = (await Promise.all(disputeIds.map((id) => repo.read(id)))).filter((c): c is NonNullable<typeof c> => c !== undefined) as CaseDoc[];
      return casesView(summaries, disputes, setting.names, input);
    },
  };
}
