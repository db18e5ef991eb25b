import type { DirectoryEntry } from '../../../src/directory/directoryFile';
import type { SeedPerson } from '../../support/collaborationData';
import { person } from '../../support/members';

/** The people of the tab's tests: the secretariat, a preparer, and Länsledning's members of four parties. */
export const TAB_SECRETARY = person('7ab00000-0000-4000-8000-000000000001', 'Siri Sekreterare', 'region-gavleborg', ['samverkanskansli'], ['secretariat']);
export const TAB_PREPARER = person('7ab00000-0000-4000-8000-000000000002', 'Paul Beredare', 'hudiksvall', ['beredningsorgan'], ['preparer', 'member']);
export const TAB_MEMBER = person('7ab00000-0000-4000-8000-000000000003', 'Greta Gävle', 'gavle', ['lansledning'], ['member']);
export const TAB_OTHER = person('7ab00000-0000-4000-8000-000000000004', 'Otto Ockelbo', 'ockelbo', ['lansledning'], ['member']);
const more = [
  person('7ab00000-0000-4000-8000-000000000005', 'Gösta Gävle', 'gavle', ['lansledning'], ['member']),
  person('7ab00000-0000-4000-8000-000000000006', 'Olga Ockelbo', 'ockelbo', ['lansledning'], ['member']),
  person('7ab00000-0000-4000-8000-000000000007', 'Sune Sandviken', 'sandviken', ['lansledning'], ['member']),
  person('7ab00000-0000-4000-8000-000000000008', 'Rut Region', 'region-gavleborg', ['lansledning'], ['member']),
];

export const TAB_MEMBERS = [TAB_MEMBER, TAB_OTHER, ...more];
export const TAB_ENTRIES: DirectoryEntry[] = [TAB_SECRETARY, TAB_PREPARER, ...TAB_MEMBERS].map((p) => p.entry);
export const SEED_MEMBERS: SeedPerson[] = TAB_MEMBERS.map((p) => p.entry);
/** Names of people outside Gävle: a Gävle member must never see them. */
export const NOT_GAVLE_NAMES = TAB_MEMBERS.filter((p) => p.entry.partyId !== 'gavle').map((p) => p.entry.name);
