import { createHash } from 'node:crypto';
import type { Logger } from '../log';
import type { DirectoryRepo } from './directoryRepo';
import type { DirectoryEntry } from './directoryFile';
import { readDirectoryFile } from './directoryFile';
import { newBody, seedBodies, seedParties, WORKING_GROUP_ID } from './seed';

/**
 * Loads the agreement's parties and bodies (first start only: existing documents are left as
 * they are), then the members of `DIRECTORY_FILE`, idempotently. An entry is written only when it
 * is new in the file or changed there since the last load, so a change the secretariat made in
 * chat (or a member they removed) is not undone by a restart with the same file.
 */
export async function bootstrapDirectory(
  directory: DirectoryRepo,
  directoryFile: string | undefined,
  log: Logger,
): Promise<{ created: number; membersWritten: number; membersInFile: number }> {
  let created = (await Promise.all([...seedParties(), ...seedBodies()].map((doc) => directory.ensure(doc)))).filter(Boolean).length;
  if (created > 0) log.info({ created }, 'directory seeded with the parties and bodies of the agreement');
  if (!directoryFile) return { created, membersWritten: 0, membersInFile: 0 };

  const [parties, bodies, existing] = await Promise.all([directory.parties(), directory.bodies(), directory.members()]);
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
  const lastLoad = await directory.lastFileLoad();
  const initialLoad = existing.length === 0;
  let membersWritten = 0;
  const entries: Record<string, string> = {};
  for (const m of members) {
    const hash = entryHash(m);
    entries[m.aadObjectId] = hash;
    if (lastLoad[m.aadObjectId] === hash) continue;
    if (await directory.putMember({ ...m, source: 'file' }, { initialLoad })) membersWritten += 1;
  }
  await directory.recordFileLoad(entries);
  log.info({ file: directoryFile, members: members.length, written: membersWritten }, 'directory file loaded');
  return { created, membersWritten, membersInFile: members.length };
}

function entryHash(entry: DirectoryEntry): string {
  const canonical = JSON.stringify([
    entry.aadObjectId,
    entry.name,
    entry.email,
    entry.partyId,
    [...entry.bodies].sort(),
    [...entry.roles].sort(),
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

function workingGroupName(id: string): string {
  const words = id.slice('arbetsgrupp-'.length).replace(/-/g, ' ');
  return `Arbetsgrupp ${words}`;
}
