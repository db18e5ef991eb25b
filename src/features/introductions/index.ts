import type { FeatureApp } from '../../kit/featureApp';
import type { AppDeps } from '../../deps';
import { registerChecklistActions } from './checklistHandlers';
import type { StallPayload } from './introductions';
import { Introductions, STALL_JOB } from './introductions';

/**
 * Introductions of new participants (docs/domain.md §12): a member who joins Länsledning or a
 * committee gets a checklist of four introductions, each ticked by the person responsible (or the
 * secretariat, with a note); a checklist that stands still reminds the coordinator.
 */
export function registerIntroductions(app: FeatureApp, deps: AppDeps) {
  const intros = new Introductions(deps);
  deps.directory.onMemberChange(async (change) => {
    // The member is saved whatever happens here; a failure to start an introduction is logged.
    await intros.memberChanged(change).catch((err: unknown) => deps.log.error({ err }, 'introduction could not be started'));
  });
  deps.scheduler.handle<StallPayload>(STALL_JOB, (payload, context) => intros.stallCheck(payload, context));
  return registerChecklistActions(app, deps, intros);
}
