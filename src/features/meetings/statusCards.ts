import { DIGEST_BODY } from './digestRules';
import type { Locale } from '../../config';
import type { DeliveryView } from '../../delivery/types';
import type { LinkSigner } from '../../links';
import type { Party } from '../../directory/model';
import { participants } from './answerRules';
import type { MeetingAnswers } from './meetingRepo';
import type { MeetingDoc } from './model';
import { followUpGroup, followUpNotAcknowledged, rsvpReminderRecipients } from './reminderRules';
import { tallyByParty } from './tallyRules';
import { biT, dateTimeText, namesText, whenText } from './text';
import type { Banner } from './noticeCards';
import { icsUrl, REFRESH_USER_LIMIT, teamsUserId } from './noticeCards';
import { calendarStatus } from './calendarCards';
import type { CalendarNoteDoc } from './model';

/** The CSV link in a status card is short-lived: the card refreshes (and re-signs it) when opened. */
const CSV_LINK_TTL_MS = 3_600_000;

const KIND_ORDER: Record<Party['kind'], number> = { region: 0, municipality: 1, federation: 2 };

/** Parties as the agreement lists them: the region, the municipalities by name, then the federation. */
export function agreementOrder(parties: readonly Pick<Party, 'id' | 'name' | 'kind'>[]): string[] {
  return [...parties].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'sv')).map((p) => p.id);
}

/** The secretariat's status card (`meeting-status`): counts per party, who has read, acknowledgements. */
export function statusData(
  input: {
    meeting: MeetingDoc;
    answers: MeetingAnswers;
    parties: readonly Pick<Party, 'id' | 'name' | 'kind'>[];
    noticeDeliveries: readonly DeliveryView[];
    viewerAadObjectId: string;
    viewerLocale: Locale;
    /** Who sees the card refresh by itself (the secretariat); the viewer when not given. */
    liveFor?: readonly string[];
    banner: Banner | null;
    /** What the secretariat is told about answers in Outlook (with Outlook calendars). */
    calendarNotes?: readonly CalendarNoteDoc[];
  },
  links: LinkSigner,
  now: Date,
): object {
  const { meeting, answers } = input;
  const people = participants(meeting, answers.answered);
  const tally = tallyByParty(
    people,
    answers.answers,
    answers.read,
    agreementOrder(input.parties),
  );
  const partyName = new Map(input.parties.map((p) => [p.id, p.name]));
  const names = (list: readonly { name: string }[]) => namesText(list.map((p) => p.name).sort((a, b) => a.localeCompare(b, 'sv')));
  const cancelled = meeting.status === 'cancelled';
  const started = new Date(meeting.startsAt) <= now;
  const notAcked = meeting.notes ? followUpNotAcknowledged(people, answers.answers, answers.acked) : [];
  const substitutes = answers.rsvps.filter((r) => r.substituteMentioned).length;
  const sent = input.noticeDeliveries.filter((d) => d.status === 'sent').length;
  return {
    meetingId: meeting.id,
    title: meeting.title,
    bodyName: meeting.bodyName,
    when: whenText(meeting),
    banner: input.banner,
    cancelled,
    cancelledLine: cancelled ? (meeting.cancelReason ? biT('statusCancelledReason', { reason: meeting.cancelReason }) : biT('statusCancelled')) : null,
    // A cancelled meeting's last version is its cancellation, said above; no "changed notice".
    version: !cancelled && meeting.sequence > 0 ? biT('statusVersion', { version: meeting.sequence + 1 }) : null,
    totals: biT('statusTotals', { ...tally.total }),
    rows: tally.parties.map((row) => ({ ...row, party: partyName.get(row.partyId) ?? row.partyId, line: biT('statusPartyLine', { ...row }) })),
    notAnswered: names(rsvpReminderRecipients(people, answers.answers)),
    absent: names(people.filter((p) => answers.answers.get(p.aadObjectId) === 'absent')),
    read: names(people.filter((p) => answers.read.has(p.aadObjectId))),
    substituteNote: substitutes > 0 ? biT('statusSubstituteNote', { n: substitutes }) : null,
    ...calendarStatus(meeting, input.calendarNotes ?? [], answers.answers),
    notesSent: meeting.notes ? biT('statusNotesSent', { when: dateTimeText(meeting.notes.sentAt) }) : null,
    notAcked: meeting.notes && notAcked.length > 0 ? names(notAcked) : null,
    allAcked: meeting.notes !== null && notAcked.length === 0 && followUpGroup(people, answers.answers).length > 0,
    delivered: cancelled ? null : biT('statusDelivered', { sent, total: meeting.invitees.length + (meeting.channel ? 1 : 0) }),
    // Each planned reminder says which it is and to whom: two at the same hour are two lines.
    reminders: cancelled
      ? []
      : meeting.reminders
          .filter((r) => new Date(r.runAt) > now)
          .map((r) => ({ text: biT(r.kind === 'rsvp' ? 'reminderRsvp' : 'reminderReading', { when: dateTimeText(r.runAt) }) })),
    canRemindRsvp: !cancelled && now <= new Date(meeting.rsvpDeadline),
    canRemindReading: !cancelled && !started,
    canRemindFollowUp: meeting.notes !== null && notAcked.length > 0,
    canEdit: !cancelled && !started,
    canNotes: !cancelled && started,
    hasDigests: meeting.bodyId === DIGEST_BODY && meeting.notes !== null,
    csvUrl: links.url('meeting-csv', { meetingId: meeting.id, locale: input.viewerLocale }, CSV_LINK_TTL_MS),
    icsUrl: icsUrl(links, meeting, now),
    refreshUserIds: (input.liveFor ?? [input.viewerAadObjectId]).slice(0, REFRESH_USER_LIMIT).map(teamsUserId),
  };
}
