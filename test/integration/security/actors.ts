import type { TestUser } from '../../support/activities';
import type { DirectoryEntry } from '../../../src/directory/directoryFile';
import { person } from '../../support/members';

/** The six kinds of people the authorization matrix is about. */
export const ROLE_NAMES = ['secretariat', 'chair', 'preparer', 'member', 'outsider', 'otherParty'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const ROLE_TITLES: Record<RoleName, string> = {
  secretariat: 'secretariat',
  chair: 'chair',
  preparer: 'preparer',
  member: 'member',
  outsider: 'not in directory',
  otherParty: 'member of another party',
};

/**
 * Who plays each role. The subjects of the matrix (a Länsledning meeting, a broadcast and a remiss
 * to Gävle, a case from Gävle) concern `member` (Gävle, Länsledning) and `chair` (Länsledning);
 * `otherParty` is a member of Ockelbo who sits in a committee, so none of them concern her.
 */
export const ACTORS: Record<RoleName, { user: TestUser; entry: DirectoryEntry | undefined }> = {
  secretariat: person('5ec00000-0000-4000-8000-000000000001', 'Siv Sekreterare', 'region-gavleborg', ['samverkanskansli'], ['secretariat']),
  chair: person('5ec00000-0000-4000-8000-000000000002', 'Carl Ordförande', 'sandviken', ['lansledning'], ['chair', 'member']),
  preparer: person('5ec00000-0000-4000-8000-000000000003', 'Paula Beredare', 'hudiksvall', ['beredningsorgan'], ['preparer', 'member']),
  member: person('5ec00000-0000-4000-8000-000000000004', 'Mats Medlem', 'gavle', ['lansledning'], ['member']),
  outsider: { user: { aadObjectId: '5ec00000-0000-4000-8000-0000000000ff', name: 'Olle Okänd', locale: 'sv-SE' }, entry: undefined },
  otherParty: person('5ec00000-0000-4000-8000-000000000006', 'Ulla Ockelbo', 'ockelbo', ['utskott-vuxna'], ['member']),
};

export const DIRECTORY_ENTRIES: DirectoryEntry[] = ROLE_NAMES.flatMap((r) => (ACTORS[r].entry ? [ACTORS[r].entry] : []));
