import type { FeatureApp } from '../../kit/featureApp';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { queryAll, updateDoc } from '../../store/concurrency';
import type { Doc, Stored } from '../../store/types';
import { isStoreError } from '../../store/types';

/** Someone who installed the bot without being in the directory; the secretariat was told once. */
export interface UnknownUser extends Doc {
  type: 'unknown-user';
  pk: 'unknown-user';
  aadObjectId: string;
  name: string;
  firstSeenAt: string;
  /** Set when the person is added to the directory. */
  addedAt: string | null;
}

const PK = 'unknown-user';

/**
 * A person who installs the bot but is not in the directory is told who to ask by the welcome
 * card; the secretariat is told once per person (remembered by aadObjectId), with a button that
 * opens the member form filled in with what Teams told us.
 */
export function registerUnknownUsers(app: FeatureApp, deps: AppDeps): void {
  app.installed(async (turn) => {
    if (turn.conversation.kind !== 'personal' || turn.actor.member) return;
    const { aadObjectId, name } = turn.actor;
    const container = deps.store.containers.directory;
    if (await container.read<UnknownUser>(PK, aadObjectId)) return;
    const secretariat = await deps.directory.membersWithRole('secretariat');
    // Enqueue first: the batch id makes a repeat harmless, and a crash before the record is written only repeats this.
    await deps.outbox.enqueue({
      batchId: `unknown-user:${aadObjectId}`,
      source: { container: 'directory', pk: PK },
      recipients: secretariat.map((m) => ({ kind: 'member', aadObjectId: m.aadObjectId })),
      message: {
        template: 'member-unknown',
        data: { name, aadObjectId },
        summary: t(deps.config.defaultLocale, 'directory', 'unknownTitle'),
      },
    });
    const doc: UnknownUser = { id: aadObjectId, pk: PK, type: 'unknown-user', aadObjectId, name, firstSeenAt: turn.now.toISOString(), addedAt: null };
    try {
      await container.create(doc);
    } catch (err) {
      if (!isStoreError(err, 'conflict')) throw err;
    }
    turn.log.info({ secretariat: secretariat.length }, 'unknown user installed the bot; secretariat told');
  });

  deps.directory.onMemberChange(async ({ before, after }) => {
    if (before || !after) return;
    await updateDoc<UnknownUser, void>(deps.store.containers.directory, PK, after.aadObjectId, (current) =>
      current && !current.addedAt ? { write: { ...current, addedAt: deps.clock.now().toISOString() }, result: undefined } : { result: undefined },
    );
  });
}

/** People still waiting to be added, oldest first. */
export function waitingUsers(deps: AppDeps): Promise<Stored<UnknownUser>[]> {
  return queryAll<UnknownUser>(deps.store.containers.directory, PK, "c.type = 'unknown-user' AND IS_NULL(c.addedAt)", {}, { orderBy: 'c.firstSeenAt' });
}
