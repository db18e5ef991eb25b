import type { FeatureApp } from '../../bot/featureApp';
import type { AppDeps } from '../../deps';
import { registerBroadcastFollowUp } from './broadcastFollowUp';
import { registerBroadcastCompose } from './broadcastHandlers';
import { disseminationDashboard } from './dashboard';
import { DisseminationRepo } from './disseminationRepo';
import { registerRemisser } from './remissHandlers';

/**
 * Dissemination to the parties: decisions and information from the secretariat, organisational
 * changes from any member for their own party, remisser with answers per party, acknowledgements,
 * status cards and logs. Delivery goes through the outbox; timed work through the scheduler.
 */
export function registerDissemination(app: FeatureApp, deps: AppDeps): void {
  const d = { deps, repo: new DisseminationRepo(deps.store.containers.dissemination) };
  registerBroadcastCompose(app, d);
  registerBroadcastFollowUp(app, d);
  registerRemisser(app, d);
  const dashboard = disseminationDashboard(d);
  app.dashboard('dissemination', dashboard.dissemination);
  app.dashboard('year', dashboard.year);
}
