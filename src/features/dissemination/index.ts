import type { FeatureApp } from '../../kit/featureApp';
import { defineVerbs } from '../../kit/verbs';
import type { AppDeps } from '../../deps';
import { registerBroadcastFollowUp } from './broadcastFollowUpHandlers';
import { registerBroadcastCompose } from './broadcastHandlers';
import { disseminationDashboard } from './dashboard';
import { DisseminationRepo } from './disseminationRepo';
import { registerRemisser } from './remissHandlers';

/**
 * Dissemination to the parties: decisions and information from the secretariat, organisational
 * changes from any member for their own party, remisser with answers per party, acknowledgements,
 * status cards and logs. Delivery goes through the outbox; timed work through the scheduler.
 */
export function registerDissemination(app: FeatureApp, deps: AppDeps) {
  const d = { deps, repo: new DisseminationRepo(deps.store.containers.dissemination) };
  const compose = registerBroadcastCompose(app, d);
  const followUp = registerBroadcastFollowUp(app, d);
  const remisser = registerRemisser(app, d);
  const dashboard = disseminationDashboard(d);
  app.dashboard('dissemination', dashboard.dissemination);
  app.dashboard('year', dashboard.year);

  return defineVerbs({
    // Broadcasts: composing, previewing and sending.
    'broadcast.compose': compose.broadcastCompose,
    'orgchange.compose': compose.orgChangeCompose,
    'broadcast.create': compose.broadcastCreate,
    'broadcast.confirm': compose.broadcastConfirm,
    'broadcast.edit': compose.broadcastEdit,
    'broadcast.cancel': compose.broadcastCancel,
    // Broadcasts: after sending.
    'broadcast.ack': followUp.broadcastAck,
    'broadcast.view': followUp.broadcastView,
    'broadcast.status': followUp.broadcastStatus,
    'broadcast.remind': followUp.broadcastRemind,
    'broadcast.retry': followUp.broadcastRetry,
    // Remisser.
    'remiss.compose': remisser.remissCompose,
    'remiss.create': remisser.remissCreate,
    'remiss.answer': remisser.remissAnswer,
    'remiss.decline': remisser.remissDecline,
    'remiss.view': remisser.remissView,
    'remiss.status': remisser.remissStatus,
    'remiss.remind': remisser.remissRemind,
  });
}
