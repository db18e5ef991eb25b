import { queryAll, updateDoc } from '../../store/concurrency';
import type { Doc, DocContainer, Stored } from '../../store/types';
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

/** The directory container's partition for unknown users, one document per person (id: their AAD object id). */
export const UNKNOWN_USER_PK = 'unknown-user';

/** Where the people who installed the bot without being in the directory are remembered. */
export class UnknownUserRepo {
  constructor(private readonly container: DocContainer) {}

  async known(aadObjectId: string): Promise<boolean> {
    return (await this.container.read<UnknownUser>(UNKNOWN_USER_PK, aadObjectId)) !== undefined;
  }

  /** Remembers the person; a record written meanwhile by another instance wins. */
  async remember(aadObjectId: string, name: string, now: Date): Promise<void> {
    const doc: UnknownUser = { id: aadObjectId, pk: UNKNOWN_USER_PK, type: 'unknown-user', aadObjectId, name, firstSeenAt: now.toISOString(), addedAt: null };
    try {
      await this.container.create(doc);
    } catch (err) {
      if (!isStoreError(err, 'conflict')) throw err;
    }
  }

  /** Marks the person added to the directory, if they were waiting. */
  async markAdded(aadObjectId: string, now: Date): Promise<void> {
    await updateDoc<UnknownUser, void>(this.container, UNKNOWN_USER_PK, aadObjectId, (current) =>
      current && !current.addedAt ? { write: { ...current, addedAt: now.toISOString() }, result: undefined } : { result: undefined },
    );
  }

  /** People still waiting to be added, oldest first. */
  waiting(): Promise<Stored<UnknownUser>[]> {
    return queryAll<UnknownUser>(this.container, UNKNOWN_USER_PK, "c.type = 'unknown-user' AND IS_NULL(c.addedAt)", {}, { orderBy: 'c.firstSeenAt' });
  }
}
