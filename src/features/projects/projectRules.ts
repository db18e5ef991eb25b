import { slugify } from '../../directory/seed';
import type { Doc } from '../../store/types';

/** The register lives in one partition of the directory container. */
export const PROJECTS_PK = 'projects';

export type ProjectKind = 'project' | 'working-group';

/** One participant: a member of the directory, with the party they take part for. */
export interface Participant {
  aadObjectId: string;
  name: string;
  partyId: string;
}

/**
 * A project or working group of the collaboration (the agreement's Kommunikation section asks for
 * a picture of them and who takes part), with its participants per party. A working group ties to
 * its body `arbetsgrupp-<slug>` in the directory.
 */
export interface ProjectDoc extends Doc {
  type: 'project';
  pk: typeof PROJECTS_PK;
  kind: ProjectKind;
  name: string;
  purpose: string;
  /** A working group's body id (`arbetsgrupp-<slug>`); null for a project. */
  bodyId: string | null;
  participants: Participant[];
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export const projectId = (formId: string): string => `project:${formId}`;

/** The body a working group of this name is, as the directory names working groups. */
export function workingGroupBody(name: string): string {
  return `arbetsgrupp-${slugify(name)}`;
}

export type FieldProblem = { field: 'name' | 'participants'; problem: 'required' | 'tooLong' | 'unknownEmails'; detail?: string };

/**
 * Checks a register entry: a name, and participants given as directory members' e-mail addresses,
 * one a line; every unknown address is named beside the field.
 */
export function checkEntry(input: { name: string; participants: string[] }, known: ReadonlyMap<string, Participant>): { problems: FieldProblem[]; participants: Participant[] } {
  const problems: FieldProblem[] = [];
  if (input.name.trim().length === 0) problems.push({ field: 'name', problem: 'required' });
  else if (input.name.length > 200) problems.push({ field: 'name', problem: 'tooLong' });
  const unknown = input.participants.filter((e) => !known.has(e.toLowerCase()));
  if (unknown.length > 0) problems.push({ field: 'participants', problem: 'unknownEmails', detail: unknown.join(', ') });
  const participants = [...new Map(input.participants.flatMap((e) => (known.has(e.toLowerCase()) ? [[e.toLowerCase(), known.get(e.toLowerCase())!]] : []))).values()];
  return { problems, participants };
}

/** What a member sees: the secretariat every entry; anyone else the entries their party takes part in. */
export function visibleEntries(entries: readonly ProjectDoc[], viewer: { partyId: string; secretariat: boolean }): ProjectDoc[] {
  return entries.filter((e) => viewer.secretariat || e.participants.some((p) => p.partyId === viewer.partyId)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** Participants grouped by party, in the order of the parties given. */
export function byParty(entry: ProjectDoc, parties: readonly { id: string; name: string }[]): { party: string; names: string[] }[] {
  return parties
    .map((p) => ({ party: p.name, names: entry.participants.filter((x) => x.partyId === p.id).map((x) => x.name) }))
    .filter((g) => g.names.length > 0);
}
