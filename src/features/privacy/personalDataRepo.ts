import type { Clock } from '../../clock';
import { queryAll, updateDoc } from '../../store/concurrency';
import type { ContainerName } from '../../store/containers';
import type { Doc, Store, Stored } from '../../store/types';
import { dueDatePk } from '../../delivery/jobDocs';
import { CASE_INDEX_PK, DISSEMINATION_INDEX_PK, INTRODUCTION_PK, INTRODUCTION_STALL_DAYS, MEETING_INDEX_PK } from '../../store/sharedRecords';
import { erasureStep, mentions, redact, type Marker, type Person } from './personalDataRules';
import { FORM_ONCE_RETENTION_DAYS, formOncePartition } from '../../kit/forms';

/** One stored document that mentions the person. */
export interface Found {
  container: ContainerName;
  doc: Stored<Doc>;
}

interface Partition {
  container: ContainerName;
  pk: string;
}

/** Days of processed-activity records kept (see Inbox), and one more for a sweep not yet run. */
const INBOX_DAYS = 9;
const DAY = 86_400_000;
/** How far ahead a job that names a person can be due: an introduction's next stall check. */
const JOBS_AHEAD_DAYS = INTRODUCTION_STALL_DAYS + 1;

/**
 * The directory's partitions that can name a person: members, conversations, the file's last load
 * and the annual settings (`settings`), introductions, unknown users, directory imports, the year
 * plan, the annual reminders, notices of termination and distribution keys (who recorded them),
 * with the delivery records each keeps.
 */
const DIRECTORY_PKS = ['member', 'conv', 'settings', INTRODUCTION_PK, 'unknown-user', 'import', 'yearplan', 'annual', 'notice', 'cost-key'];

/**
 * Every partition that can hold personal data, found through the indexes the features keep (each
 * query names its partition): the directory's (above), each meeting, case, broadcast and remiss,
 * the recent days of processed activities, and the days of jobs that can name the person (the
 * stall checks of their introduction, from its start to the next check).
 */
async function partitions(store: Store, clock: Clock, person: Person): Promise<Partition[]> {
  const out: Partition[] = [
    ...DIRECTORY_PKS.map((pk): Partition => ({ container: 'directory', pk })),
    { container: 'meetings', pk: MEETING_INDEX_PK },
    { container: 'cases', pk: CASE_INDEX_PK },
    { container: 'dissemination', pk: DISSEMINATION_INDEX_PK },
  ];
  const [meetings, cases, messages] = await Promise.all([
    queryAll<Doc>(store.containers.meetings, MEETING_INDEX_PK, ''),
    queryAll<Doc>(store.containers.cases, CASE_INDEX_PK, ''),
    queryAll<Doc>(store.containers.dissemination, DISSEMINATION_INDEX_PK, ''),
  ]);
  for (const m of meetings) out.push({ container: 'meetings', pk: m.id });
  for (const c of cases) out.push({ container: 'cases', pk: c.id });
  for (const b of messages) out.push({ container: 'dissemination', pk: b.id });
  const today = clock.now().getTime();
  for (let back = 0; back <= INBOX_DAYS; back++) {
    out.push({ container: 'inbox', pk: new Date(today - back * DAY).toISOString().slice(0, 10) });
  }
  // Forms pressed in that time: their once-only records keep the first result, which may name the person.
  for (let back = -1; back <= FORM_ONCE_RETENTION_DAYS + 1; back++) {
    out.push({ container: 'inbox', pk: formOncePartition(new Date(today - back * DAY).toISOString().slice(0, 10)) });
  }
  const introduction = await store.containers.directory.read<Doc & { startedAt: string }>(INTRODUCTION_PK, person.aadObjectId);
  const started = introduction ? Date.parse(introduction.startedAt) : Number.NaN;
  const from = Number.isNaN(started) ? today - INBOX_DAYS * DAY : Math.min(started, today - INBOX_DAYS * DAY);
  for (let day = from; day <= today + JOBS_AHEAD_DAYS * DAY; day += DAY) out.push({ container: 'jobs', pk: dueDatePk(new Date(day)) });
  return out;
}

/** Everything stored that names the person, partition by partition. */
export async function findPersonalData(store: Store, clock: Clock, person: Person): Promise<Found[]> {
  const found: Found[] = [];
  for (const { container, pk } of await partitions(store, clock, person)) {
    const docs = await queryAll<Doc>(store.containers[container], pk, '');
    for (const doc of docs) if (mentions(doc, person)) found.push({ container, doc });
  }
  return found;
}

/**
 * Removes the person: their directory entry, personal chat and processed-activity records are
 * deleted; every other record keeps its content with the marker in their place. Safe to run again
 * (a second run finds nothing, or finishes what a failed run left).
 */
export async function erasePerson(
  store: Store,
  clock: Clock,
  person: Person,
  marker: Marker,
  options: { keepEntry?: boolean } = {},
): Promise<{ deleted: number; rewritten: number }> {
  let deleted = 0;
  let rewritten = 0;
  for (const { container, doc } of await findPersonalData(store, clock, person)) {
    // The entry itself, when the caller removes it through the directory (its listeners see the removal).
    if (options.keepEntry && container === 'directory' && doc.type === 'member' && doc.id === person.aadObjectId) continue;
    const target = store.containers[container];
    const step = erasureStep(container, doc, person);
    if (step === 'delete') {
      await target.delete(doc.pk, doc.id);
      deleted += 1;
    } else if (step === 'rewrite') {
      const clean = redact<Doc>(doc, person, marker);
      if (clean.id === doc.id) {
        await updateDoc<Doc, void>(target, doc.pk, doc.id, (current) =>
          current && mentions(current, person) ? { write: redact<Doc>(current, person, marker), result: undefined } : { result: undefined },
        );
      } else {
        // The id itself names the person (e.g. `rsvp:<id>`): the record moves to the marker's id.
        await target.upsert(clean);
        await target.delete(doc.pk, doc.id);
      }
      rewritten += 1;
    }
  }
  return { deleted, rewritten };
}
