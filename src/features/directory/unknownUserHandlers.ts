import type { FeatureApp } from '../../kit/featureApp';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import type { Stored } from '../../store/types';
import { UNKNOWN_USER_PK, UnknownUserRepo, type UnknownUser } from './unknownUserRepo';

/**
 * A person who installs the bot but is not in the directory is told who to ask by the welcome
 * card; the secretariat is told once per person (remembered by aadObjectId), with a button that
 * opens the member form filled in with what Teams told us.
 */
export function registerUnknownUsers(app: FeatureApp, deps: AppDeps): void {
  const repo = new UnknownUserRepo(deps.store.containers.directory);
  app.installed(async (turn) => {
    if (turn.conversation.kind !== 'personal' || turn.actor.member) return;
    const { aadObjectId, name } = turn.actor;
    if (await repo.known(aadObjectId)) return;
    const secretariat = await deps.directory.membersWithRole('secretariat');
    // Enqueue first: the batch id makes a repeat harmless, and a crash before the record is written only repeats this.
    await deps.outbox.enqueue({
      batchId: `unknown-user:${aadObjectId}`,
      source: { container: 'directory', pk: UNKNOWN_USER_PK },
      recipients: secretariat.map((m) => ({ kind: 'member', aadObjectId: m.aadObjectId })),
      message: {
        template: 'member-unknown',
        data: { name, aadObjectId },
        summary: t(deps.config.defaultLocale, 'directory', 'unknownTitle'),
      },
    });
    await repo.remember(aadObjectId, name, turn.now);
    turn.log.info({ secretariat: secretariat.length }, 'unknown user installed the bot; secretariat told');
  });

  deps.directory.onMemberChange(async ({ before, after }) => {
    if (before || !after) return;
    await repo.markAdded(after.aadObjectId, deps.clock.now());
  });
}

/** People still waiting to be added, oldest first. */
export function waitingUsers(deps: AppDeps): Promise<Stored<UnknownUser>[]> {
  return new UnknownUserRepo(deps.store.containers.directory).waiting();
}
