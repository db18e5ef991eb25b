import type { Logger } from '../../log';
import type { DirectoryRepo } from './directoryRepo';
import { readDirectoryFile } from './directoryFile';
import { newBody, seedBodies, seedParties, WORKING_GROUP_ID } from './seed';

/**
 * Loads the agreement's parties and bodies (first start only: existing documents are left as
 * they are), then the members of `DIRECTORY_FILE`, idempotently: an unchanged entry writes nothing.
 */
export async function bootstrapDirectory(
  directory: DirectoryRepo,
  directoryFile: string | undefined,
  log: Logger,
): Promise<{ created: number; membersWritten: number; membersInFile: number }> {
  let created = 0;
  for (const doc of [...seedParties(), ...seedBodies()]) if (await directory.ensure(doc)) created += 1;
  if (created > 0) log.info({ created }, 'directory seeded with the parties and bodies of the agreement');
  if (!directoryFile) return { created, membersWritten: 0, membersInFile: 0 };

  const [parties, bodies] = await Promise.all([directory.parties(), directory.bodies()]);
  const members = await readDirectoryFile(directoryFile, {
    partyIds: new Set(parties.map((p) => p.id)),
    bodyIds: new Set(bodies.map((b) => b.id)),
  });
  const knownBodies = new Set(bodies.map((b) => b.id));
  for (const id of new Set(members.flatMap((m) => m.bodies))) {
    if (!knownBodies.has(id) && WORKING_GROUP_ID.test(id)) {
      if (await directory.ensure(newBody(id, workingGroupName(id), 'working-group'))) created += 1;
    }
  }
  let membersWritten = 0;
  for (const m of members) if (await directory.putMember({ ...m, source: 'file' })) membersWritten += 1;
  log.info({ file: directoryFile, members: members.length, written: membersWritten }, 'directory file loaded');
  return { created, membersWritten, membersInFile: members.length };
}

function workingGroupName(id: string): string {
  const words = id.slice('arbetsgrupp-'.length).replace(/-/g, ' ');
  return `Arbetsgrupp ${words}`;
}
