import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Member } from './model';
import { ROLES } from './model';
import { WORKING_GROUP_ID } from './seed';

/** A member entry of `DIRECTORY_FILE` (format documented in the README). */
export type DirectoryEntry = Pick<Member, 'aadObjectId' | 'name' | 'email' | 'partyId' | 'bodies' | 'roles'>;

export const MEMBER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const entrySchema = z
  .object({
    aadObjectId: z.string({ required_error: 'is required' }).trim().regex(MEMBER_ID, 'must be an Entra ID object id (letters, digits, - . _ :)'),
    name: z.string({ required_error: 'is required' }).trim().min(1, 'must not be empty').max(200, 'is longer than 200 characters'),
    email: z.string({ required_error: 'is required' }).trim().toLowerCase().email('is not an e-mail address'),
    partyId: z.string({ required_error: 'is required' }).trim().min(1, 'must not be empty'),
    bodies: z.array(z.string().trim().min(1), { required_error: 'is required' }).max(50, 'lists more than 50 bodies'),
    roles: z.array(z.enum(ROLES, { errorMap: () => ({ message: `must be one of ${ROLES.join(', ')}` }) }), {
      required_error: 'is required',
    }).min(1, 'must name at least one role'),
  })
  .strict();

const fileSchema = z.object({ members: z.array(z.unknown(), { required_error: 'is required' }) }).passthrough();

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
 * naming the entry (index and aadObjectId) and the field; nothing is accepted unless all are valid.
 */
export function parseDirectory(
  json: unknown,
  known: { partyIds: ReadonlySet<string>; bodyIds: ReadonlySet<string> },
): { ok: true; members: DirectoryEntry[] } | { ok: false; problems: string[] } {
  const file = fileSchema.safeParse(json);
  if (!file.success) return { ok: false, problems: ['the file must be a JSON object with a "members" array'] };
  const problems: string[] = [];
  const members: DirectoryEntry[] = [];
  const seen = new Map<string, number>();
  file.data.members.forEach((raw, index) => {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { aadObjectId?: unknown }).aadObjectId === 'string'
      ? (raw as { aadObjectId: string }).aadObjectId
      : undefined;
    const where = `members[${index}]${id ? ` (aadObjectId ${JSON.stringify(id)})` : ''}`;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || 'entry';
        const message = issue.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.join(', ')}` : issue.message;
        problems.push(`${where}: ${field === 'entry' ? '' : `${field} `}${message}`);
      }
      return;
    }
    const entry = parsed.data;
    if (!known.partyIds.has(entry.partyId)) {
      problems.push(`${where}: partyId ${JSON.stringify(entry.partyId)} is not a party (known: ${[...known.partyIds].join(', ')})`);
    }
    for (const body of entry.bodies) {
      if (!known.bodyIds.has(body) && !WORKING_GROUP_ID.test(body)) {
        problems.push(`${where}: bodies contains ${JSON.stringify(body)}, which is not a body (known: ${[...known.bodyIds].join(', ')}, or arbetsgrupp-<slug>)`);
      }
    }
    const first = seen.get(entry.aadObjectId);
    if (first !== undefined) problems.push(`${where}: aadObjectId is also used by members[${first}]`);
    else seen.set(entry.aadObjectId, index);
    members.push({ ...entry, bodies: [...new Set(entry.bodies)], roles: [...new Set(entry.roles)] });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, members };
}

export async function readDirectoryFile(
  path: string,
  known: { partyIds: ReadonlySet<string>; bodyIds: ReadonlySet<string> },
): Promise<DirectoryEntry[]> {
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
