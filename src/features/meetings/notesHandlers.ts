import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { formatDateTime } from '../../dates/dates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { sendNotes } from './meetingDelivery';
import type { MeetingDoc } from './model';
import type { MeetingServices } from './services';
import { statusReply } from './statusReply';
import { refused } from './support';
import { bi, biT, whenText } from './text';
import type { Bi } from './text';
import { sendDigests } from './digestHandlers';
import { forwardNotes } from './meetingDelivery';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { joinNames } from '../../common/partyCounts';
import type { Counted } from '../../common/partyCounts';
import { partiesText } from '../../common/partyCounts';

/** Notes are for a meeting that stands and has begun. */
function notesRefusal(turn: TurnInfo, meeting: MeetingDoc): Reply | undefined {
  if (meeting.status === 'cancelled') return refused(turn, 'notesCancelled');
  if (new Date(meeting.startsAt) > turn.now) {
    return refused(turn, 'notesTooEarly', { when: formatDateTime(new Date(meeting.startsAt), turn.actor.locale) });
  }
  return undefined;
}

/** `meeting.notesForm`: the notes form (filled in with what was sent, for a correction). */
export async function openNotesForm(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string }): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  const refusal = notesRefusal(turn, meeting);
  if (refusal) return refusal;
  const networks = await forwardingTargets(svc);
  return {
    card: 'meeting-notes',
    data: {
      meetingId: meeting.id,
      title: meeting.title,
      when: whenText(meeting),
      correction: meeting.notes !== null,
      notes: meeting.notes?.text ?? '',
      decisions: meeting.notes?.decisions.join('\n') ?? '',
      networks: networks.map((b) => ({ title: b.channel ? b.name : `${b.name} ${t(turn.actor.locale, 'meetings', 'networkUnlinked')}`, value: b.id })),
      hasNetworks: networks.length > 0,
      forwardTo: (meeting.notes?.forwardTo ?? []).join(','),
    },
  };
}

/** The networks notes may be carried on to: the directory's forwarding targets. */
async function forwardingTargets(svc: MeetingServices) {
  return (await svc.deps.directory.bodies()).filter((b) => b.forwardingTarget).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/**
 * `meeting.notes`: stores the notes and decisions and sends them to every member; those who were
 * absent or did not answer get the follow-up with an acknowledgement. Sending again is a
 * correction that updates the cards in place.
 */
export async function sendMeetingNotes(
  svc: MeetingServices,
  turn: TurnInfo,
  data: { meetingId: string; notes: string; decisions: string[]; forwardTo: string[] },
): Promise<Reply> {
  const secretary = requireRole(turn, 'secretariat');
  refuseIdentityNumbers({ notes: data.notes, decisions: data.decisions });
  const networks = await forwardingTargets(svc);
  if (data.forwardTo.some((id) => !networks.some((b) => b.id === id))) throw new AppError('BAD_REQUEST', { detail: t(turn.actor.locale, 'meetings', 'networkUnknown') });
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  const refusal = notesRefusal(turn, meeting);
  if (refusal) return refusal;
  const updated = await svc.repo.updateMeeting<MeetingDoc | undefined>(
    meeting.id,
    (current) => {
      const next: MeetingDoc = {
        ...current,
        notes: {
          text: data.notes,
          decisions: data.decisions,
          sentAt: turn.now.toISOString(),
          sentBy: secretary.name,
          version: (current.notes?.version ?? 0) + 1,
          forwardTo: data.forwardTo,
        },
        updatedAt: turn.now.toISOString(),
      };
      return { next, result: next };
    },
    undefined,
  );
  if (!updated) return refused(turn, 'refusedNotFound');
  const answers = await svc.repo.answers(meeting.id);
  const sent = await sendNotes(svc, updated, answers);
  const forwarded = await forwardNotes(svc, updated, networks);
  const digests = await sendDigests(svc, updated, turn.now);
  turn.log.info({ meetingId: meeting.id, members: sent.members, followUps: sent.followUps, digests: digests.parties.length }, 'meeting notes sent');
  const lines: Bi[] = [biT('notesSentBanner', { n: sent.members, followUps: sent.followUps })];
  if (forwarded.sent.length > 0) lines.push(biT('networksForwarded', { names: bi((l) => joinNames(l, forwarded.sent)) }));
  if (forwarded.unlinked.length > 0) lines.push(biT('networksUnlinked', { names: bi((l) => joinNames(l, forwarded.unlinked)) }));
  if (digests.parties.length > 0) lines.push(digestBanner(digests));
  const warning = digests.unreachable.length > 0 || forwarded.unlinked.length > 0;
  return statusReply(svc, turn, updated, { text: bi((l) => lines.map((line) => line[l]).join(' ')), style: warning ? 'warning' : 'good' });
}

/** What the secretariat reads about the digests: how many went out, and which parties they reached nobody in. */
function digestBanner(digests: { parties: Counted[]; unreachable: string[] }): Bi {
  const sent = biT('digestSentBanner', { parties: bi((l) => partiesText(l, digests.parties)) });
  if (digests.unreachable.length === 0) return sent;
  const unreachable = biT('digestSentUnreachable', { names: digests.unreachable.join(', ') });
  return bi((l) => `${sent[l]} ${unreachable[l]}`);
}

