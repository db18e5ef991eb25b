import { z } from 'zod';
import type { Logger } from '../../log';
import { queryAll } from '../../store/concurrency';
import type { Doc, DocContainer } from '../../store/types';
import { CASE_INDEX_PK, MEETING_INDEX_PK } from '../../store/sharedRecords';
import { readDisseminated } from '../../store/disseminationRecords';
import type { ReportInput } from './annualReportRules';

/**
 * Reads what the other features stored, with partition-scoped queries only: each keeps an index
 * partition (`meeting-index`, `case-index`, `index`) listing its items, and each item's own
 * partition holds its answers. Documents that do not have the expected shape are left out (and
 * counted in the log), and a feature with no data yet counts as zero.
 */
const meetingIndex = z.object({ id: z.string(), bodyId: z.string(), startsAt: z.string(), status: z.string().optional() }).passthrough();
const meetingDoc = z.object({ type: z.literal('meeting'), invitees: z.array(z.object({ aadObjectId: z.string(), partyId: z.string() }).passthrough()) }).passthrough();
const rsvpDoc = z.object({ type: z.literal('rsvp'), aadObjectId: z.string(), response: z.enum(['attend', 'absent']) }).passthrough();
const caseSummary = z.object({ area: z.string(), state: z.string() }).passthrough();

export interface ReportContainers {
  meetings: DocContainer;
  cases: DocContainer;
  dissemination: DocContainer;
}

/** Everything of one year (Swedish time, `from` inclusive, `to` exclusive) that has happened by `now`. */
export async function readReportInput(containers: ReportContainers, period: { from: string; to: string; now: string }, log: Logger): Promise<ReportInput> {
  const skipped = { count: 0 };
  const parse = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, doc: unknown): T | undefined => {
    const result = schema.safeParse(doc);
    if (!result.success) skipped.count += 1;
    return result.success ? result.data : undefined;
  };
  const until = period.to < period.now ? period.to : period.now;
  const [meetings, cases, disseminated] = await Promise.all([
    readMeetings(containers.meetings, period.from, until, parse),
    queryAll<Doc>(containers.cases, CASE_INDEX_PK, "c.type = 'case-summary' AND c.createdAt >= @from AND c.createdAt < @to", { from: period.from, to: period.to }),
    readDisseminated(containers.dissemination, { from: period.from, to: period.to }),
  ]);
  skipped.count += disseminated.skipped;
  const input: ReportInput = {
    meetings,
    cases: cases.map((d) => parse(caseSummary, d)).filter((c): c is z.infer<typeof caseSummary> => c !== undefined && c.state !== 'void'),
    broadcasts: [],
    remisser: [],
  };
  for (const entry of disseminated.items) {
    if (entry.item === 'broadcast') {
      const { broadcast } = entry;
      if (broadcast.status !== 'sent') continue;
      input.broadcasts.push({ kind: broadcast.kind, requiresAck: broadcast.requiresAck, parties: (broadcast.plan?.parties ?? []).map((p) => p.partyId), acked: entry.acked });
    } else {
      input.remisser.push({ parties: entry.remiss.partyIds, answered: entry.answered, declined: entry.declined });
    }
  }
  if (skipped.count > 0) log.warn({ skipped: skipped.count }, 'annual report left out documents of an unexpected shape');
  return input;
}

async function readMeetings(
  container: DocContainer,
  from: string,
  until: string,
  parse: <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, doc: unknown) => T | undefined,
): Promise<ReportInput['meetings']> {
  const index = await queryAll<Doc>(container, MEETING_INDEX_PK, "c.type = 'meeting-index' AND c.startsAt >= @from AND c.startsAt < @until", { from, until });
  const out: ReportInput['meetings'] = [];
  for (const entry of index.map((d) => parse(meetingIndex, d)).filter((e) => e !== undefined)) {
    if (entry.status === 'cancelled') continue;
    const docs = await queryAll<Doc>(container, entry.id, "c.type = 'meeting' OR c.type = 'rsvp'");
    const meeting = docs.map((d) => (d.type === 'meeting' ? parse(meetingDoc, d) : undefined)).find((m) => m !== undefined);
    if (!meeting) continue;
    // A member's document with a read mark and no answer is not an answer.
    const answers = docs.filter((d) => d.type === 'rsvp' && (d as { response?: unknown }).response !== null).map((d) => parse(rsvpDoc, d)).filter((a) => a !== undefined);
    out.push({ bodyId: entry.bodyId, invitees: meeting.invitees, answers });
  }
  return out;
}
