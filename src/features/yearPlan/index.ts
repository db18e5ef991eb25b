import type { FeatureApp } from '../../kit/featureApp';
import { defineVerbs } from '../../kit/verbs';
import type { AppDeps } from '../../deps';
import { registerAnnualReminders } from './annualReminderHandlers';
import { registerAnnualReport } from './annualReportHandlers';
import { registerPlan } from './yearPlanHandlers';
import { registerFollowUp } from './followUpHandlers';
import { registerRevisions } from './revisionHandlers';

/**
 * The agreement's year (docs/domain.md §13): the year's meeting plan on Fridays, the yearly
 * reminders of the annual cycle, and the annual report with its CSV.
 */
export function registerYearPlan(app: FeatureApp, deps: AppDeps) {
  const plan = registerPlan(app, deps);
  const reminders = registerAnnualReminders(app, deps);
  const report = registerAnnualReport(app, deps);
  const followUp = registerFollowUp(app, deps);
  const revisions = registerRevisions(app, deps);

  return defineVerbs({
    'year.open': plan.yearOpen,
    'year.propose': plan.yearPropose,
    'year.addDate': plan.yearAddDate,
    'year.removeDate': plan.yearRemoveDate,
    'year.publish': plan.yearPublish,
    'year.settings': reminders.yearSettings,
    'year.settingsSave': reminders.yearSettingsSave,
    'year.report': report.yearReport,
    'year.followUpForm': followUp.yearFollowUpForm,
    'year.followUp': followUp.yearFollowUp,
    'revision.form': revisions.revisionForm,
    'revision.create': revisions.revisionCreate,
    'revision.party': revisions.revisionParty,
    'revision.status': revisions.revisionStatus,
  });
}
