import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember } from '../../kit/permissions';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { absentData, meetingBase } from './noticeCards';
import { decideFollowUpAck, decideRead, decideRsvp, isInvited } from './answerRules';
import { followUpData, notesCommon } from './meetingDelivery';
import type { MeetingDoc, RsvpResponse } from './model';
import type { MeetingServices } from './services';
import { asInvitee, noticeReply, refused } from './support';
import { biT, deadlineText } from './text';
import { scheduleLiveStatus } from './statusReply';

/** `meeting.rsvp`: the acting member's own answer; the card updates in place. */
export async function rsvp(
  svc: MeetingServices,
  turn: TurnInfo,
  data: { meetingId: string; response: RsvpResponse; comment: string | null },
): Promise<Reply> {
  const member = requireMember(turn);
  refuseIdentityNumbers({ comment: data.comment });
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  // The answer already given matters only after the deadline (it stands; a first one is late).
  const pastDeadline = turn.now > new Date(meeting.rsvpDeadline);
  const previous = pastDeadline ? ((await svc.repo.rsvp(meeting.id, member.aadObjectId))?.response ?? null) : null;
  const decision = decideRsvp(meeting, member, data, turn.now, previous);
  if (decision.kind === 'refused') {
    switch (decision.reason) {
      case 'not-invited':
        return refused(turn, 'refusedNotInvited', { body: meeting.bodyName });
      case 'cancelled':
        return noticeReply(svc, turn, meeting, true, { text: biT('bannerCancelled'), style: 'attention' });
      case 'deadline-passed':
        return noticeReply(svc, turn, meeting, true, {
          text: biT('bannerDeadlinePassed', { deadline: deadlineText(meeting.rsvpDeadline) }),
          style: 'attention',
        });
      case 'started':
        return noticeReply(svc, turn, meeting, true, { text: biT('bannerStarted'), style: 'attention' });
    }
  }
  const own = await svc.repo.putRsvp(meeting, asInvitee(member), decision, turn.now);
  await scheduleLiveStatus(svc, meeting);
  turn.log.info({ meetingId: meeting.id, response: decision.response, substitute: decision.substituteMentioned }, 'meeting answer recorded');
  if (decision.response === 'absent') {
    const base = meetingBase(meeting, svc.deps.links, turn.now, [member.aadObjectId]);
    return { card: 'meeting-absent', data: absentData(meeting, base, decision.substituteMentioned, turn.now) };
  }
  const banner = decision.substituteMentioned
    ? { text: biT('bannerSubstituteAttend'), style: 'warning' as const }
    : decision.late
      ? { text: biT('savedLateAnswer', { deadline: deadlineText(meeting.rsvpDeadline) }), style: 'good' as const }
      : { text: biT('savedAnswer', { deadline: deadlineText(meeting.rsvpDeadline) }), style: 'good' as const };
  return noticeReply(svc, turn, meeting, true, banner, own);
}

/** `meeting.read`: "I have read the materials". */
export async function markRead(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string }): Promise<Reply> {
  const member = requireMember(turn);
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  const decision = decideRead(meeting, member);
  if (decision.kind === 'refused') {
    return decision.reason === 'not-invited'
      ? refused(turn, 'refusedNotInvited', { body: meeting.bodyName })
      : noticeReply(svc, turn, meeting, true, { text: biT('bannerCancelled'), style: 'attention' });
  }
  await svc.repo.putRead(meeting, asInvitee(member), turn.now);
  await scheduleLiveStatus(svc, meeting);
  return noticeReply(svc, turn, meeting, true, { text: biT('savedRead'), style: 'good' });
}

/** `meeting.refresh`: the notice (or the follow-up) with the viewer's own live state; writes nothing. */
export async function refresh(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string; view: 'notice' | 'followup' }): Promise<Reply> {
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  const member = turn.actor.member;
  const invited = member !== undefined && isInvited(meeting, member);
  if (data.view === 'followup' && invited && meeting.notes) return followUpReply(svc, turn, meeting);
  return noticeReply(svc, turn, meeting, invited);
}

/** `meeting.followupAck`: "I have taken note" of the notes and decisions. */
export async function acknowledgeFollowUp(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string }): Promise<Reply> {
  const member = requireMember(turn);
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  const decision = decideFollowUpAck(meeting, member);
  if (decision.kind === 'refused') {
    return decision.reason === 'not-invited' ? refused(turn, 'refusedNotInvited', { body: meeting.bodyName }) : refused(turn, 'refusedNoNotes');
  }
  await svc.repo.putAck(meeting.id, asInvitee(member), turn.now);
  await scheduleLiveStatus(svc, meeting);
  return followUpReply(svc, turn, meeting);
}

async function followUpReply(svc: MeetingServices, turn: TurnInfo, meeting: MeetingDoc): Promise<Reply> {
  const me = turn.actor.aadObjectId;
  const ack = await svc.repo.ack(meeting.id, me);
  return { card: 'meeting-followup', data: followUpData(notesCommon(meeting), me, ack ? [ack] : []) };
}
