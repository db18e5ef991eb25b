import { createHash } from 'node:crypto';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import { parseCsv, unguard } from '../../common/csv';
import type { DirectoryEntry, KnownIds } from '../../directory/directoryFile';
import { describeProblem, validateDirectory } from '../../directory/directoryFile';
import type { Role } from '../../directory/model';

export type ImportFormat = 'csv' | 'json';
/** `merge` adds and changes; `replace` also removes members the import does not list. */
export type ImportMode = 'merge' | 'replace';

export const ENTRY_FIELDS = ['aadObjectId', 'name', 'email', 'partyId', 'bodies', 'roles'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** Column headings a CSV file may use for each field (Swedish ones too), lower case. */
const COLUMN_ALIASES: Record<string, EntryField> = {
  aadobjectid: 'aadObjectId',
  id: 'aadObjectId',
  name: 'name',
  namn: 'name',
  email: 'email',
  'e-mail': 'email',
  'e-post': 'email',
  epost: 'email',
  partyid: 'partyId',
  party: 'partyId',
  part: 'partyId',
  bodies: 'bodies',
  organ: 'bodies',
  roles: 'roles',
  roller: 'roles',
};

/** An import read and validated: the entries, or every problem in words. */
export type ReadImport = { ok: true; members: DirectoryEntry[] } | { ok: false; problems: string[] };

/**
 * Reads pasted CSV or JSON into directory entries with the same validation as `DIRECTORY_FILE`,
 * plus: no e-mail address used by two entries. Refused whole when anything is wrong.
 */
export function readImport(format: ImportFormat, text: string, known: KnownIds, locale: Locale): ReadImport {
  const naming = format;
  let json: unknown;
  if (format === 'json') {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problems: [t(locale, 'directory', 'problemNotJson')] };
    }
    // A bare list of entries is accepted as well as `{ "members": [...] }`.
    if (Array.isArray(json)) json = { members: json };
  } else {
    const rows = csvEntries(text, locale);
    if (!rows.ok) return rows;
    json = { members: rows.members };
  }
  const result = validateDirectory(json, known);
  const problems = result.ok ? [] : result.problems.map((p) => describeProblem(p, locale, naming, known));
  const members = result.ok ? result.members : [];
  const firstByEmail = new Map<string, number>();
  members.forEach((m, index) => {
    const first = firstByEmail.get(m.email);
    if (first === undefined) firstByEmail.set(m.email, index);
    else problems.push(t(locale, 'directory', naming === 'csv' ? 'problemDuplicateEmailRow' : 'problemDuplicateEmailEntry', {
      at: naming === 'csv' ? index + 2 : index,
      first: naming === 'csv' ? first + 2 : first,
      email: m.email,
    }));
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, members };
}

function csvEntries(text: string, locale: Locale): { ok: true; members: Record<string, unknown>[] } | { ok: false; problems: string[] } {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) return { ok: false, problems: [t(locale, 'directory', 'problemNotCsv')] };
  const problems: string[] = [];
  const columns = header.map((h) => COLUMN_ALIASES[h.trim().toLowerCase()]);
  const unknown = header.filter((_, i) => columns[i] === undefined).map((h) => JSON.stringify(h.trim()));
  if (unknown.length > 0) problems.push(t(locale, 'directory', 'problemCsvUnknownColumns', { columns: unknown.join(', '), expected: ENTRY_FIELDS.join(';') }));
  const missing = ENTRY_FIELDS.filter((f) => !columns.includes(f));
  if (missing.length > 0) problems.push(t(locale, 'directory', 'problemCsvMissingColumns', { columns: missing.join(', ') }));
  const members: Record<string, unknown>[] = [];
  rows.slice(1).forEach((cells, i) => {
    if (cells.length !== header.length) {
      problems.push(t(locale, 'directory', 'problemCsvCells', { row: i + 2, count: cells.length, expected: header.length }));
      return;
    }
    const entry: Record<string, unknown> = {};
    columns.forEach((field, c) => {
      if (!field) return;
      const cell = unguard((cells[c] ?? '').trim());
      if (field === 'bodies' || field === 'roles') entry[field] = splitList(cell);
      else if (cell !== '') entry[field] = cell;
    });
    members.push(entry);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, members };
}

/** A list cell: values separated by `|`, `,` or spaces. */
export function splitList(cell: string): string[] {
  return cell.split(/[|,\s]+/).map((s) => s.trim()).filter((s) => s !== '');
}

export interface FieldChange {
  field: EntryField;
  from: string;
  to: string;
}

export interface DirectoryDiff {
  added: DirectoryEntry[];
  changed: { entry: DirectoryEntry; changes: FieldChange[] }[];
  removed: DirectoryEntry[];
  unchanged: number;
}

/** What applying `incoming` to `current` would do, per member and field. */
export function diffDirectory(current: readonly DirectoryEntry[], incoming: readonly DirectoryEntry[], mode: ImportMode): DirectoryDiff {
  const byId = new Map(current.map((m) => [m.aadObjectId, m]));
  const incomingIds = new Set(incoming.map((m) => m.aadObjectId));
  const diff: DirectoryDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const entry of incoming) {
    const before = byId.get(entry.aadObjectId);
    if (!before) {
      diff.added.push(entry);
      continue;
    }
    const changes = fieldChanges(before, entry);
    if (changes.length > 0) diff.changed.push({ entry, changes });
    else diff.unchanged += 1;
  }
  if (mode === 'replace') diff.removed = current.filter((m) => !incomingIds.has(m.aadObjectId));
  return diff;
}

/** The fields in which two entries for the same person differ, lists compared as sets. */
export function fieldChanges(before: DirectoryEntry, after: DirectoryEntry): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of ENTRY_FIELDS) {
    const from = fieldText(before, field);
    const to = fieldText(after, field);
    if (from !== to) out.push({ field, from, to });
  }
  return out;
}

function fieldText(entry: DirectoryEntry, field: EntryField): string {
  const v = entry[field];
  return Array.isArray(v) ? [...(v as readonly string[])].sort().join(', ') : String(v);
}

/** The members after the change would be applied; used to keep at least one secretariat member. */
export function afterApply(current: readonly DirectoryEntry[], diff: DirectoryDiff): DirectoryEntry[] {
  const removed = new Set(diff.removed.map((m) => m.aadObjectId));
  const replaced = new Map([...diff.added, ...diff.changed.map((c) => c.entry)].map((m) => [m.aadObjectId, m]));
  const kept = current.filter((m) => !removed.has(m.aadObjectId)).map((m) => replaced.get(m.aadObjectId) ?? m);
  return [...kept, ...diff.added];
}

export function hasRole(members: readonly DirectoryEntry[], role: Role): boolean {
  return members.some((m) => m.roles.includes(role));
}

/** A hash of what the directory says about its members (not the conversation links the bot learns). */
export function directoryFingerprint(members: readonly DirectoryEntry[]): string {
  const canonical = [...members]
    .sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId))
    .map((m) => ENTRY_FIELDS.map((f) => fieldText(m, f)).join('\u0001'))
    .join('\u0002');
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Plain entries of stored members. */
export function entriesOf(members: readonly DirectoryEntry[]): DirectoryEntry[] {
  return members.map((m) => ({ aadObjectId: m.aadObjectId, name: m.name, email: m.email, partyId: m.partyId, bodies: [...m.bodies], roles: [...m.roles] }));
}
