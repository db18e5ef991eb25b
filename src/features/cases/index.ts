import { z } from 'zod';
import type { FeatureApp } from '../../kit/featureApp';
import { defineVerbs, verb } from '../../kit/verbs';
import { cardOf, form } from '../../kit/forms';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { CaseRepo } from './caseRepo';
import { CSV_DOWNLOAD, exportCases, myCases, openCases } from './listHandlers';
import { casesDashboard } from './dashboard';
import { CaseNotifier } from './notifications';
import { handleSettleDeadline } from './disputeJobs';
import { intakeSchema, openForm, submitCase } from './submitHandlers';
import { transitionCase, transitionSchema, viewCase, viewSchema } from './transitionHandlers';
import { CSV_LINK_MAX_AGE_MS } from '../../links';

const bilingual = (key: Parameters<typeof t<'cases'>>[2]) => ({ sv: t('sv', 'cases', key), en: t('en', 'cases', key) });

/**
 * Cases (ärenden): the intake form, the beredningsorgan's preparation workflow (docs/domain.md §8),
 * dispute routing (§9), lists and the CSV export.
 */
export function registerCases(app: FeatureApp, deps: AppDeps) {
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
  app.quickAction({ verb: 'case.open', title: bilingual('actionNewCase'), roles: 'everyone' });

  app.download(CSV_DOWNLOAD, (params) => exportCases(params, deps, repo), { maxAgeMs: CSV_LINK_MAX_AGE_MS });
  handleSettleDeadline(deps, repo, notifier);
  app.dashboard('cases', casesDashboard(deps, repo));

  const intake = form('case-form', async (turn) => cardOf(await openForm(turn, deps)));
  // A comment refused on the case's card comes back on the card the person sees the case with.
  const caseCard = form(['case-status', 'case-prepare'], async (turn, values) => cardOf(await viewCase(turn, values.caseId ?? '', deps, repo)));

  return defineVerbs({
    'case.open': verb(z.object({}).passthrough(), (turn) => openForm(turn, deps)),
    'case.submit': verb(intakeSchema, (turn, form) => submitCase(turn, form, deps, repo, notifier), { form: intake, once: true }),
    'case.transition': verb(transitionSchema, (turn, data) => transitionCase(turn, data, deps, repo, notifier), { form: caseCard }),
    'case.view': verb(viewSchema, (turn, data) => viewCase(turn, data.caseId, deps, repo)),
  });
}
