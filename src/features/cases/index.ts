import { z } from 'zod';
import type { FeatureApp } from '../../bot/featureApp';
import { VERBS } from '../../bot/verbs';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { CaseRepo } from './caseRepo';
import { casesDashboard } from './dashboard';
import { CSV_DOWNLOAD, exportCases, myCases, openCases } from './lists';
import { CaseNotifier } from './notifications';
import { handleSettleDeadline } from './settleDeadline';
import { intakeSchema, openForm, submitCase } from './submit';
import { transitionCase, transitionSchema, viewCase, viewSchema } from './transition';

const bilingual = (key: Parameters<typeof t<'cases'>>[2]) => ({ sv: t('sv', 'cases', key), en: t('en', 'cases', key) });

/**
 * Cases (ärenden): the intake form, the beredningsorgan's preparation workflow (DOMAIN.md §8),
 * dispute routing (§9), lists and the CSV export.
 */
export function registerCases(app: FeatureApp, deps: AppDeps): void {
  const repo = new CaseRepo(deps.store.containers.cases);
  const notifier = new CaseNotifier(deps);

  app.command(
    { names: ['ärende', 'case', 'nytt ärende', 'new case', 'arende'], display: { sv: 'ärende', en: 'case' }, description: bilingual('commandNew'), roles: 'everyone' },
    async (turn, args) => [args.trim() ? await viewCase(turn, args.trim().split(/\s+/)[0]!.toUpperCase(), deps, repo) : await openForm(turn, deps)],
  );
  app.command(
    { names: ['mina ärenden', 'my cases', 'mina arenden'], display: { sv: 'mina ärenden', en: 'my cases' }, description: bilingual('commandMine'), roles: 'everyone' },
    async (turn) => [await myCases(turn, deps, repo)],
  );
  app.command(
    { names: ['ärenden', 'cases', 'arenden'], display: { sv: 'ärenden', en: 'cases' }, description: bilingual('commandQueue'), roles: ['preparer', 'secretariat'] },
    async (turn) => [await openCases(turn, deps, repo)],
  );
  app.quickAction({ verb: VERBS.caseOpen, title: bilingual('actionNewCase'), roles: 'everyone' });

  app.verb(VERBS.caseOpen, z.object({}).passthrough(), (turn) => openForm(turn, deps));
  app.verb(VERBS.caseSubmit, intakeSchema, (turn, form) => submitCase(turn, form, deps, repo, notifier));
  app.verb(VERBS.caseTransition, transitionSchema, (turn, data) => transitionCase(turn, data, deps, repo, notifier));
  app.verb(VERBS.caseView, viewSchema, (turn, data) => viewCase(turn, data.caseId, deps, repo));
  app.download(CSV_DOWNLOAD, (params) => exportCases(params, deps, repo));
  handleSettleDeadline(deps, repo, notifier);
  app.dashboard('cases', casesDashboard(deps, repo));
}
