import type { ContainerName } from '../../store/containers';
import { INTRODUCTION_STALL_JOB } from '../../store/sharedRecords';

/** The person whose data is exported or removed, as the directory knows them. */
export interface Person {
  aadObjectId: string;
  name: string;
  email: string;
  partyId: string;
}

/** Who stands in for a removed person in the records their party keeps. */
export interface Marker {
  aadObjectId: string;
  name: string;
  email: string;
}

/** What erasure does with one stored document. */
export type ErasureStep = 'delete' | 'rewrite' | 'keep';

const STORE_FIELDS = new Set(['_etag', '_rid', '_self', '_ts', '_attachments']);

/** The person's identifiers as they appear in stored text (names only when they are a full name). */
function needles(person: Person): string[] {
  const out = [person.aadObjectId.toLowerCase()];
  if (person.email.trim() !== '') out.push(person.email.trim().toLowerCase());
  if (person.name.trim().includes(' ')) out.push(person.name.trim().toLowerCase());
  return out;
}

/** Whether a stored document holds anything that identifies the person (in a value or a key). */
export function mentions(doc: unknown, person: Person): boolean {
  const wanted = needles(person);
  let found = false;
  const names = (text: string) => {
    const lower = text.toLowerCase();
    return wanted.some((w) => lower.includes(w));
  };
  const walk = (value: unknown): void => {
    if (found) return;
    if (typeof value === 'string') found = names(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (STORE_FIELDS.has(key)) continue;
        if (names(key)) found = true;
        walk(v);
      }
    }
  };
  walk(doc);
  return found;
}

/** The fields of a stored document erasure looks at to decide. */
export interface ErasureSubject {
  type?: unknown;
  id?: unknown;
  kind?: unknown;
  state?: unknown;
  userAadObjectId?: unknown;
  aadObjectId?: unknown;
  newcomer?: unknown;
  payload?: unknown;
}

/**
 * What happens to a document that mentions the person. What is only about them goes: their
 * directory entry, their personal chat with the bot, the records of processed activities, their
 * own introduction checklist (and its stall checks), the note that they once used the bot before
 * being in the directory, and a directory import not yet applied that lists them (applying it
 * would bring them back). Everything their party decided or answered, and what they did for
 * others (RSVPs, acknowledgements, answers, cases, events, a step of someone else's introduction,
 * a notice or distribution key they recorded, delivery records) is kept with the person replaced
 * by the marker.
 */
export function erasureStep(container: ContainerName, doc: ErasureSubject, person: Person): ErasureStep {
  const id = person.aadObjectId;
  if (container === 'inbox') return 'delete';
  if (container === 'directory') {
    if (doc.type === 'member' && doc.id === id) return 'delete';
    if (doc.type === 'conversation' && doc.userAadObjectId === id) return 'delete';
    if (doc.type === 'introduction' && doc.newcomer === id) return 'delete';
    if (doc.type === 'unknown-user' && doc.aadObjectId === id) return 'delete';
    if (doc.type === 'directory-import' && doc.state !== 'applied') return 'delete';
  }
  if (container === 'jobs' && doc.kind === INTRODUCTION_STALL_JOB && (doc.payload as { checklistId?: unknown } | undefined)?.checklistId === id) return 'delete';
  return 'rewrite';
}


/**
 * A copy of `doc` with every identifier of the person replaced by the marker's, in values and in
 * keys (a map by person, like the directory file's last load), and without the store's own fields.
 */
export function redact<T>(doc: T, person: Person, marker: Marker): T {
  const swaps: [RegExp, string][] = [[new RegExp(escape(person.aadObjectId), 'gi'), marker.aadObjectId]];
  if (person.email.trim() !== '') swaps.push([new RegExp(escape(person.email.trim()), 'gi'), marker.email]);
  if (person.name.trim() !== '') swaps.push([new RegExp(escape(person.name.trim()), 'gi'), marker.name]);
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') {
      if (key === 'email' && value.trim().toLowerCase() === person.email.trim().toLowerCase()) return marker.email;
      if (key === 'name' && value.trim().toLowerCase() === person.name.trim().toLowerCase()) return marker.name;
      return swaps.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), value);
    }
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !STORE_FIELDS.has(k))
          .map(([k, v]) => [swaps.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), k), walk(v, k)]),
      );
    }
    return value;
  };
  return walk(doc) as T;
}

/** The marker for a person who has left: their party is kept, nothing that names them. */
export function markerFor(person: Person, partyName: string, suffix: string, locale: 'sv' | 'en' = 'sv'): Marker {
  return {
    aadObjectId: `removed-${suffix}`,
    name: locale === 'sv' ? `Tidigare ledamot (${partyName})` : `Former member (${partyName})`,
    email: '',
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
