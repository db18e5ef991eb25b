import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Locale } from '../config';
import { t } from '../i18n';
import type { Member } from './model';
import { ROLES } from './model';
import { WORKING_GROUP_ID } from './seed';

/** A member entry of `DIRECTORY_FILE` (format documented in the README), or of an import. */
export type DirectoryEntry = Pick<Member, 'aadObjectId' | 'name' | 'email' | 'partyId' | 'bodies' | 'roles'>;

export const MEMBER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What is wrong with a field; the zod messages below are these codes. */
type FieldIssue = 'required' | 'empty' | 'tooLong' | 'badId' | 'badEmail' | 'badRole' | 'noRole' | 'tooManyBodies' | 'badType';

const entrySchema = z
  .object({
    aadObjectId: z.string().trim().regex(MEMBER_ID, 'badId'),
    name: z.string().trim().min(1, 'empty').max(200, 'tooLong'),
    email: z.string().trim().toLowerCase().email('badEmail'),
    partyId: z.string().trim().min(1, 'empty'),
    bodies: z.array(z.string().trim().min(1, 'empty')).max(50, 'tooManyBodies'),
    roles: z.array(z.enum(ROLES, { errorMap: () => ({ message: 'badRole' }) })).min(1, 'noRole'),
  })
  .strict();

const fileSchema = z.object({ members: z.array(z.unknown()) }).passthrough();

/** Where a problem is: the entry's position and, when it has one, its aadObjectId. */
export interface EntryRef {
  index: number;
  aadObjectId: string | undefined;
}

/** One thing wrong with a directory document, described in words by `describeProblem`. */
export type DirectoryProblem =
  | { kind: 'notDirectory' }
  | { kind: 'field'; at: EntryRef; field: string; issue: FieldIssue }
  | { kind: 'unknownFields'; at: EntryRef; fields: string[] }
  | { kind: 'unknownParty'; at: EntryRef; partyId: string }
  | { kind: 'unknownBody'; at: EntryRef; body: string }
  | { kind: 'duplicate'; at: EntryRef; first: number };

export interface KnownIds {
  partyIds: ReadonlySet<string>;
  bodyIds: ReadonlySet<string>;
}

export class DirectoryFileError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: string[],
  ) {
    super(`DIRECTORY_FILE ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DirectoryFileError';
  }
}

/**
 * Validates a directory document against the known parties and bodies. Every problem is listed,
 * naming the entry and the field; nothing is accepted unless all are valid.
 */
export function validateDirectory(json: unknown, known: KnownIds): { ok: true; members: DirectoryEntry[] } | { ok: false; problems: DirectoryProblem[] } {
  const file = fileSchema.safeParse(json);
  if (!file.success) return { ok: false, problems: [{ kind: 'notDirectory' }] };
  const problems: DirectoryProblem[] = [];
  const members: DirectoryEntry[] = [];
  const seen = new Map<string, number>();
  file.data.members.forEach((raw, index) => {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { aadObjectId?: unknown }).aadObjectId === 'string'
      ? (raw as { aadObjectId: string }).aadObjectId
      : undefined;
    const at: EntryRef = { index, aadObjectId: id };
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') problems.push({ kind: 'unknownFields', at, fields: issue.keys });
        else problems.push({ kind: 'field', at, field: issue.path.join('.') || 'entry', issue: fieldIssue(issue) });
      }
      return;
    }
    const entry = parsed.data;
    if (!known.partyIds.has(entry.partyId)) problems.push({ kind: 'unknownParty', at, partyId: entry.partyId });
    for (const body of entry.bodies) {
      if (!known.bodyIds.has(body) && !WORKING_GROUP_ID.test(body)) problems.push({ kind: 'unknownBody', at, body });
    }
    const first = seen.get(entry.aadObjectId);
    if (first !== undefined) problems.push({ kind: 'duplicate', at, first });
    else seen.set(entry.aadObjectId, index);
    members.push({ ...entry, bodies: [...new Set(entry.bodies)], roles: [...new Set(entry.roles)] });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, members };
}

function fieldIssue(issue: z.ZodIssue): FieldIssue {
  if (issue.code === 'invalid_type') return issue.received === 'undefined' ? 'required' : 'badType';
  const codes: readonly string[] = ['empty', 'tooLong', 'badId', 'badEmail', 'badRole', 'noRole', 'tooManyBodies'];
  return codes.includes(issue.message) ? (issue.message as FieldIssue) : 'badType';
}

/** How entries are named in problems: `members[3]` in a JSON document, row 5 in a CSV file, not at all on a form. */
export type EntryNaming = 'json' | 'csv' | 'form';

/** A problem in words, in the locale, naming the entry (and its aadObjectId) and the field. */
export function describeProblem(problem: DirectoryProblem, locale: Locale, naming: EntryNaming, known: KnownIds): string {
  if (problem.kind === 'notDirectory') return t(locale, 'directory', naming === 'csv' ? 'problemNotCsv' : 'problemNotDirectory');
  const where = naming === 'form' ? '' : `${entryName(problem.at, locale, naming)}: `;
  switch (problem.kind) {
    case 'field':
      return `${where}${problem.field === 'entry' ? '' : `${problem.field} `}${fieldText(problem.issue, locale)}`;
    case 'unknownFields':
      return `${where}${t(locale, 'directory', 'problemUnknownFields', { fields: problem.fields.join(', ') })}`;
    case 'unknownParty':
      return `${where}${t(locale, 'directory', 'problemUnknownParty', { partyId: JSON.stringify(problem.partyId), known: [...known.partyIds].join(', ') })}`;
    case 'unknownBody':
      return `${where}${t(locale, 'directory', 'problemUnknownBody', { body: JSON.stringify(problem.body), known: [...known.bodyIds].join(', ') })}`;
    case 'duplicate':
      return `${where}${t(locale, 'directory', 'problemDuplicate', { first: entryName({ index: problem.first, aadObjectId: undefined }, locale, naming) })}`;
  }
}

function entryName(at: EntryRef, locale: Locale, naming: EntryNaming): string {
  const base = naming === 'csv' ? t(locale, 'directory', 'problemRow', { row: at.index + 2 }) : `members[${at.index}]`;
  return at.aadObjectId ? `${base} (aadObjectId ${JSON.stringify(at.aadObjectId)})` : base;
}

function fieldText(issue: FieldIssue, locale: Locale): string {
  const keys = {
    required: 'problemRequired',
    empty: 'problemEmpty',
    tooLong: 'problemTooLong',
    badId: 'problemBadId',
    badEmail: 'problemBadEmail',
    badRole: 'problemBadRole',
    noRole: 'problemNoRole',
    tooManyBodies: 'problemTooManyBodies',
    badType: 'problemBadType',
  } as const;
  return t(locale, 'directory', keys[issue], { roles: ROLES.join(', ') });
}

/** `validateDirectory` with the problems in English, as the start-up check reports them. */
export function parseDirectory(json: unknown, known: KnownIds): { ok: true; members: DirectoryEntry[] } | { ok: false; problems: string[] } {
  const result = validateDirectory(json, known);
  return result.ok ? result : { ok: false, problems: result.problems.map((p) => describeProblem(p, 'en', 'json', known)) };
}

export async function readDirectoryFile(path: string, known: KnownIds): Promise<DirectoryEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new DirectoryFileError(path, [`cannot be read: ${(err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DirectoryFileError(path, [`is not JSON: ${(err as Error).message}`]);
  }
  const result = parseDirectory(json, known);
  if (!result.ok) throw new DirectoryFileError(path, result.problems);
  return result.members;
}
