import type { DirectoryEntry } from '../../src/directory/directoryFile';
import type { TestUser } from './activities';

/** A directory entry and the Teams user it is, for conversation tests. */
export function person(
  aadObjectId: string,
  name: string,
  partyId: string,
  bodies: string[],
  roles: DirectoryEntry['roles'],
  locale = 'sv-SE',
): { entry: DirectoryEntry; user: TestUser } {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.se`;
  return { entry: { aadObjectId, name, email, partyId, bodies, roles }, user: { aadObjectId, name, locale } };
}

export const SECRETARY = person('00000000-0000-4000-8000-000000000001', 'Sara Sekreterare', 'region-gavleborg', ['samverkanskansli'], ['secretariat']);
export const MEMBER_GAVLE = person('00000000-0000-4000-8000-000000000002', 'Gustav Gävle', 'gavle', ['lansledning'], ['member']);
export const PREPARER = person('00000000-0000-4000-8000-000000000003', 'Petra Beredare', 'hudiksvall', ['beredningsorgan'], ['preparer', 'member']);
export const ENGLISH_MEMBER = person('00000000-0000-4000-8000-000000000004', 'Emma English', 'sandviken', ['lansledning'], ['member'], 'en-US');
