import type { Reply, TurnInfo } from '../../kit/featureApp';
import { hasRole, requireMember, requireRole, requireSight } from '../../kit/permissions';
import { isoDate } from '../../dates/dates';
import type { Banner } from './noticeCards';
import { participants } from './answerRules';
import type { ReminderMessageKind } from './meetingDelivery';
import { sendReminder } from './meetingDelivery';
import type { Invitee, MeetingDoc } from './model';
import { followUpNotAcknowledged, readingReminderRecipients, rsvpReminderRecipients } from './reminderRules';
import type { MeetingServices } from './services';
import { statusReply } from './statusReply';
import { refused } from './support';
import { biT, whenText } from './text';

/** The list shows this many upcoming meetings. */
const LIST_LIMIT = 20;

/**
 * The `möte` command: upcoming meetings. The secretariat sees all and opens the status card;
 * a member sees their bodies' meetings with their own answer and opens the notice.
 */
export async function listMeetings(svc: MeetingServices, turn: TurnInfo): Promise<Reply> {
  const member = requireMember(turn);
  const secretariat = hasRole(turn, 'secretariat');
  const upcoming = (await svc.repo.upcoming(turn.now, secretariat ? undefined : member.bodies)).slice(0, LIST_LIMIT);
  const items = await Promise.all(
    upcoming.map(async (m) => {
      const own = secretariat ? undefined : await svc.repo.rsvp(m.id, member.aadObjectId);
      return {
        meetingId: m.id,
        title: m.title,
        bodyName: m.bodyName,
        when: whenText(m),
        cancelled: m.status === 'cancelled',
        answer: own ? biT(own.response === 'attend' ? 'stateAttending' : 'stateAbsent') : null,
      };
    }),
  );
  return {
    card: 'meeting-list',
    data: { items, openVerb: secretariat ? 'meeting.status' : 'meeting.refresh', isSecretariat: secretariat },
  };
}

/** `meeting.status`: live counts per party, who has read, who has not acknowledged. */
export async function showStatus(svc: MeetingServices, turn: TurnInfo, data: { meetingId: string }): Promise<Reply> {
  requireSight(turn, 'allParties');
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  return statusReply(svc, turn, meeting);
}

/**
 * `meeting.remind`: reminds now those who have not answered, not read, or not acknowledged. The
 * batch is per kind and day, so pressing twice the same day reminds nobody twice.
 */
export async function remindNow(
  svc: MeetingServices,
  turn: TurnInfo,
  data: { meetingId: string; kind: ReminderMessageKind },
): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const meeting = await svc.repo.meeting(data.meetingId);
  if (!meeting) return refused(turn, 'refusedNotFound');
  const answers = await svc.repo.answers(meeting.id);
  const people = participants(meeting, answers.answered);
  const who = whoToRemind(meeting, data.kind, people, answers, turn.now);
  if ('banner' in who) return statusReply(svc, turn, meeting, who.banner);
  const queued = await sendReminder(svc, meeting, data.kind, who.recipients, `remind-${data.kind}-${isoDate(turn.now)}`);
  turn.log.info({ meetingId: meeting.id, kind: data.kind, recipients: who.recipients.length, queued }, 'meeting reminder sent by the secretariat');
  const text = queued > 0 ? biT('remindDone', { n: queued }) : biT('remindAlreadyToday');
  return statusReply(svc, turn, meeting, { text, style: queued > 0 ? 'good' : 'warning' });
}

function whoToRemind(
  meeting: MeetingDoc,
  kind: ReminderMessageKind,
  people: Invitee[],
  answers: Awaited<ReturnType<MeetingServices['repo']['answers']>>,
  now: Date,
): { recipients: Invitee[] } | { banner: Banner } {
  const none = { banner: { text: biT('remindNone'), style: 'warning' as const } };
  let recipients: Invitee[];
  switch (kind) {
    case 'rsvp':
      if (meeting.status === 'cancelled' || now > new Date(meeting.rsvpDeadline)) return { banner: { text: biT('remindTooLate'), style: 'warning' } };
      recipients = rsvpReminderRecipients(people, answers.answers);
      break;
    case 'reading':
      if (meeting.status === 'cancelled' || now >= new Date(meeting.startsAt)) return none;
      recipients = readingReminderRecipients(people, answers.answers, answers.read);
      break;
    case 'followup':
      if (!meeting.notes) return { banner: { text: biT('remindNoNotes'), style: 'warning' } };
      recipients = followUpNotAcknowledged(people, answers.answers, answers.acked);
      break;
  }
  return recipients.length > 0 ? { recipients } : none;
}
