import { z } from 'zod';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireRole } from '../../kit/permissions';
import type { Recipient } from '../../delivery/types';
import { AppError } from '../../errors';
import type { Counted } from '../../common/partyCounts';
import { isoDate } from '../../dates/dates';
import { readDisseminated } from '../../store/disseminationRecords';
import type { Stored } from '../../store/types';
import { digestCardData, digestStatusData } from './digestCards';
import { decideTick, DIGEST_BODY, digestBatchId, digestItems, digestStates, revisedTicks } from './digestRules';
import type { DigestDoc, MeetingDoc } from './model';
import { digestId, MEETING_ID_PATTERN } from './model';
import type { MeetingServices } from './services';
import { biT } from './text';

export const digestRefSchema = z.object({ meetingId: z.string().regex(MEETING_ID_PATTERN), partyId: z.string().max(100) });
export const digestTickSchema = digestRefSchema.extend({ itemId: z.string().max(120) });

/** How far back open acknowledgements and remisser are looked for. */
const LOOK_BACK_DAYS = 365;

const SOURCE = (meetingId: string) => ({ container: 'meetings' as const, pk: meetingId });

/**
 * After a Länsledning meeting's notes: a digest for each party that receives dissemination, to its
 * linked channel and its Länsledning members, through the outbox. Once per party: notes sent again
 * (a correction, or a retry) update the same cards in place, keeping what was ticked.
 */
export async function sendDigests(svc: MeetingServices, meeting: MeetingDoc, now: Date): Promise<{ parties: Counted[]; unreachable: string[] }> {
  if (meeting.bodyId !== DIGEST_BODY || !meeting.notes) return { parties: [], unreachable: [] };
  const notes = meeting.notes;
  const { directory, store } = svc.deps;
  const [parties, members, disseminated, upcoming] = await Promise.all([
    directory.parties(),
    directory.membersOfBody(DIGEST_BODY),
    readDisseminated(store.containers.dissemination, { from: new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000).toISOString(), to: new Date(now.getTime() + 86_400_000).toISOString() }),
    svc.repo.upcoming(now, [DIGEST_BODY]),
  ]);
  if (disseminated.skipped > 0) svc.deps.log.warn({ skipped: disseminated.skipped }, 'digest left out dissemination documents of an unexpected shape');
  const next = upcoming.find((m) => m.id !== meeting.id && m.status !== 'cancelled' && m.startsAt > meeting.startsAt);
  const today = isoDate(now);
  const unreachable: string[] = [];
  const addressed = parties.filter((p) => p.receivesDissemination).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  for (const party of addressed) {
    const recipients = {
      channel: party.channel,
      members: members.filter((m) => m.partyId === party.id).map((m) => ({ aadObjectId: m.aadObjectId, name: m.name })),
    };
    const items = digestItems(party.id, notes.decisions, disseminated.items, today);
    const fresh = (): DigestDoc => ({
      id: digestId(party.id),
      pk: meeting.id,
      type: 'digest',
      partyId: party.id,
      partyName: party.name,
      isParty: party.isParty,
      items,
      ticks: {},
      recipients,
      notesVersion: notes.version,
      nextMeeting: next ? { id: next.id, startsAt: next.startsAt } : null,
      createdAt: now.toISOString(),
      updates: 0,
    });
    const digest = await svc.repo.changeDigest<DigestDoc>(meeting.id, party.id, (current) => {
      if (!current) {
        const created = fresh();
        return { write: created, result: created };
      }
      if (current.notesVersion >= notes.version) return { result: current };
      const revised: DigestDoc = { ...current, items, ticks: revisedTicks(current, items), recipients, notesVersion: notes.version, updates: current.updates + 1 };
      return { write: revised, result: revised };
    });
    if (recipients.channel === null && recipients.members.length === 0) unreachable.push(party.name);
    await enqueueDigest(svc, meeting, digest);
  }
  return { parties: addressed.map((p) => ({ name: p.name, isParty: p.isParty })), unreachable };
}

/** The digest's current version to its recipients: the first send, or an update in place of the version before. */
async function enqueueDigest(svc: MeetingServices, meeting: Pick<MeetingDoc, 'id' | 'title' | 'bodyName' | 'startsAt' | 'endsAt'>, digest: DigestDoc): Promise<void> {
  const recipients: Recipient[] = [
    ...(digest.recipients.channel ? [{ kind: 'conversation' as const, conversationKey: digest.recipients.channel }] : []),
    ...digest.recipients.members.map((m) => ({ kind: 'member' as const, aadObjectId: m.aadObjectId })),
  ];
  if (recipients.length === 0) return;
  const summary = biT('digestTitle', { party: digest.partyName })[svc.deps.config.defaultLocale];
  await svc.deps.outbox.enqueue({
    batchId: digestBatchId(digest.partyId, digest.updates),
    source: SOURCE(meeting.id),
    recipients,
    message: { template: 'meeting-digest', data: digestCardData(meeting, digest), summary },
    ...(digest.updates > 0 ? { replaces: digestBatchId(digest.partyId, digest.updates - 1) } : {}),
  });
}

async function loadDigest(svc: MeetingServices, meetingId: string, partyId: string): Promise<{ meeting: MeetingDoc; digest: Stored<DigestDoc> }> {
  const [meeting, digest] = await Promise.all([svc.repo.meeting(meetingId), svc.repo.digest(meetingId, partyId)]);
  if (!meeting || !digest) throw new AppError('NOT_FOUND');
  return { meeting, digest };
}

/** `digest.view` (the card's refresh): the party's digest as it stands; writes nothing. */
export async function viewDigest(svc: MeetingServices, data: z.infer<typeof digestRefSchema>): Promise<Reply> {
  const { meeting, digest } = await loadDigest(svc, data.meetingId, data.partyId);
  return { card: 'meeting-digest', data: digestCardData(meeting, digest) };
}

/**
 * `digest.tick`: a member of the party marks one item "taken home" (the party's acknowledgement of
 * it). The first tick counts; the card updates in place for the one who pressed, and every other
 * copy of the party's digest (its channel, its members' chats) is updated through the outbox.
 */
export async function tickDigest(svc: MeetingServices, turn: TurnInfo, data: z.infer<typeof digestTickSchema>): Promise<Reply> {
  const member = requireMember(turn);
  const { meeting } = await loadDigest(svc, data.meetingId, data.partyId);
  const actor = { aadObjectId: member.aadObjectId, name: member.name, partyId: member.partyId };
  const outcome = await svc.repo.changeDigest<{ decision: ReturnType<typeof decideTick>; digest: DigestDoc } | undefined>(data.meetingId, data.partyId, (current) => {
    if (!current) return { result: undefined };
    const decision = decideTick(current, actor, data.itemId, turn.now);
    return decision.kind === 'ticked' ? { write: decision.next, result: { decision, digest: decision.next } } : { result: { decision, digest: current } };
  });
  if (!outcome) throw new AppError('NOT_FOUND');
  const { decision, digest } = outcome;
  if (decision.kind === 'refused') throw new AppError(decision.reason === 'notYourParty' ? 'FORBIDDEN' : 'STALE');
  if (decision.kind === 'ticked') {
    turn.log.info({ meetingId: meeting.id, partyId: digest.partyId, itemId: data.itemId }, 'digest item taken home');
    await enqueueDigest(svc, meeting, digest);
  }
  return { card: 'meeting-digest', data: digestCardData(meeting, digest) };
}

/** `digest.status`: the secretariat's view of every party's digest of a meeting. */
export async function digestStatus(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string }): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) throw new AppError('NOT_FOUND');
  const digests = await svc.repo.digests(meeting.id);
  return { card: 'meeting-digest-status', data: digestStatusData(meeting, digestStates(digests)) };
}
