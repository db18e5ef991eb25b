import type { LinkSigner } from '../../links';
import { canStillAnswer } from './answerRules';
import { calendarHint } from './calendarCards';
import type { MeetingDoc, RsvpDoc } from './model';
import type { Bi } from './text';
import { biT, deadlineText, whenText } from './text';

/** How long an .ics link in a notice works: until a week after the meeting, at least a day. */
const DAY_MS = 86_400_000;

/** Teams shows a user-specific view (refresh) to at most 60 listed users. */
export const REFRESH_USER_LIMIT = 60;

/** A user's Teams id as `refresh.userIds` names them. */
export function teamsUserId(aadObjectId: string): string {
  return `8:orgid:${aadObjectId}`;
}

export function icsUrl(links: LinkSigner, meeting: Pick<MeetingDoc, 'id' | 'endsAt'>, now: Date): string {
  const ttl = Math.max(new Date(meeting.endsAt).getTime() - now.getTime() + 7 * DAY_MS, DAY_MS);
  return links.url('meeting-ics', { meetingId: meeting.id }, ttl);
}

/** What every meeting card shows about the meeting itself. */
export interface MeetingBase {
  meetingId: string;
  title: string;
  bodyName: string;
  when: Bi;
  deadline: Bi;
  location: string | null;
  onlineUrl: string | null;
  agenda: { n: number; text: string }[];
  materials: { title: string; url: string }[];
  icsUrl: string;
  refreshUserIds: string[];
}

export function meetingBase(meeting: MeetingDoc, links: LinkSigner, now: Date, refreshFor: readonly string[]): MeetingBase {
  return {
    meetingId: meeting.id,
    title: meeting.title,
    bodyName: meeting.bodyName,
    when: whenText(meeting),
    deadline: deadlineText(meeting.rsvpDeadline),
    location: meeting.location,
    // The form's own link, else the Teams meeting the Outlook event got.
    onlineUrl: meeting.onlineUrl ?? meeting.calendar?.joinUrl ?? null,
    agenda: meeting.agenda.map((text, i) => ({ n: i + 1, text })),
    materials: meeting.materials,
    icsUrl: icsUrl(links, meeting, now),
    refreshUserIds: refreshFor.slice(0, REFRESH_USER_LIMIT).map(teamsUserId),
  };
}

export interface Banner {
  text: Bi;
  style: 'good' | 'attention' | 'warning';
}

/** The viewer of a notice: an invited member with their own answer, or someone else (a channel, the secretariat). */
export interface Viewer {
  invited: boolean;
  rsvp: Pick<RsvpDoc, 'response' | 'comment'> | undefined;
  read: boolean;
  isSecretariat: boolean;
}

export const NOBODY: Viewer = { invited: false, rsvp: undefined, read: false, isSecretariat: false };

/** The notice card (`meeting-notice`), as the viewer should see it now. */
export function noticeData(
  meeting: MeetingDoc,
  viewer: Viewer,
  base: MeetingBase,
  now: Date,
  banner: Banner | null = null,
): object {
  const cancelled = meeting.status === 'cancelled';
  const pastDeadline = now > new Date(meeting.rsvpDeadline);
  const open = canStillAnswer(meeting, viewer.rsvp?.response ?? null, now);
  const state = !viewer.invited
    ? biT('stateNotInvited', { body: meeting.bodyName })
    : viewer.rsvp?.response === 'attend'
      ? biT('stateAttending')
      : viewer.rsvp?.response === 'absent'
        ? biT('stateAbsent')
        : biT('stateNotAnswered');
  return {
    ...base,
    heading: cancelled ? biT('noticeCancelled') : meeting.sequence > 0 ? biT('noticeChanged') : biT('noticeTitle'),
    cancelled,
    cancelReason: cancelled && meeting.cancelReason ? biT('cancelReason', { reason: meeting.cancelReason }) : null,
    banner,
    state,
    comment: viewer.invited && viewer.rsvp?.comment ? biT('stateComment', { comment: viewer.rsvp.comment }) : null,
    closed: viewer.invited && !cancelled && pastDeadline ? biT(open ? 'stateLateAnswer' : 'stateDeadlinePassed') : null,
    read: viewer.invited && viewer.read,
    canAnswer: viewer.invited && open,
    canRead: viewer.invited && !cancelled && !viewer.read,
    showHint: !cancelled,
    calendarHint: viewer.invited ? calendarHint(meeting) : null,
    showStatus: viewer.isSecretariat,
  };
}

/** The short card an absent answer gets (`meeting-absent`): the no-substitute rule and one's own responsibility. */
export function absentData(meeting: MeetingDoc, base: MeetingBase, substituteMentioned: boolean, now: Date): object {
  return {
    ...base,
    substitute: substituteMentioned,
    canChange: now <= new Date(meeting.rsvpDeadline),
    change: biT('absentChange', { deadline: deadlineText(meeting.rsvpDeadline) }),
  };
}
