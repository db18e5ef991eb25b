import type { DirectoryRepo } from './directoryRepo';

/** Teams keeps a card live (`refresh.userIds`) for at most 60 listed users. */
export const REFRESH_USERS_MAX = 60;

/**
 * Who sees a secretariat status card refresh by itself when they open it: the people named first
 * (the one who created or opened it), then the whole secretariat, at most 60 in all. Others see the
 * card as it was last posted or updated.
 */
export async function secretariatViewers(directory: Pick<DirectoryRepo, 'membersWithRole'>, first: readonly string[]): Promise<string[]> {
  const secretariat = await directory.membersWithRole('secretariat');
  return [...new Set([...first, ...secretariat.map((m) => m.aadObjectId)])].slice(0, REFRESH_USERS_MAX);
}
