import type { FeatureApp } from '../../kit/featureApp';
import { defineVerbs, mergeVerbMaps } from '../../kit/verbs';
import type { AppDeps } from '../../deps';
import { registerChecklistActions } from './checklistActions';
import type { StallPayload } from './introductions';
import { Introductions, STALL_JOB } from './introductions';
import { registerAnnualReminders } from './annualReminders';
import { registerAnnualReport } from './annualReport';
import { registerCostSharing } from './costSharing';
import { registerTermination } from './termination';
import { registerYearPlan } from './yearPlan';

/**
 * The agreement's own cycle: introductions of new participants, the year's meeting plan and
 * reminders, the annual report, cost sharing and notice of termination.
 */
export function registerOnboarding(app: FeatureApp, deps: AppDeps) {
  const intros = new Introductions(deps);
  deps.directory.onMemberChange(async (change) => {
    // The member is saved whatever happens here; a failure to start an introduction is logged.
    await intros.memberChanged(change).catch((err: unknown) => deps.log.error({ err }, 'introduction could not be started'));
  });
  deps.scheduler.handle<StallPayload>(STALL_JOB, (payload, context) => intros.stallCheck(payload, context));
  const introductionVerbs = registerChecklistActions(app, deps, intros);
  const plan = registerYearPlan(app, deps);
  const reminders = registerAnnualReminders(app, deps);
  const report = registerAnnualReport(app, deps);
  const yearVerbs = defineVerbs({
    'year.open': plan.yearOpen,
    'year.propose': plan.yearPropose,
    'year.addDate': plan.yearAddDate,
    'year.removeDate': plan.yearRemoveDate,
    'year.publish': plan.yearPublish,
    'year.settings': reminders.yearSettings,
    'year.settingsSave': reminders.yearSettingsSave,
    'year.report': report.yearReport,
  });
  return mergeVerbMaps(introductionVerbs, yearVerbs, registerCostSharing(app, deps), registerTermination(app, deps));
}
