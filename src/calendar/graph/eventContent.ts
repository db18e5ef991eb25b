import { DateTime } from 'luxon';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import { TIME_ZONE, formatDateTime } from '../../dates/dates';
import type { AttendeeAnswer, AttendeeResponse, CalendarMeeting } from '../port';

/** Windows' name of Europe/Stockholm's zone, which Exchange shows the organizer. */
const EXCHANGE_TIME_ZONE = 'W. Europe Standard Time';

/** The extended property that carries the meeting id on its event, so a lost create can be found. */
export const MEETING_ID_PROPERTY = 'String {6f1c2a8e-4b7d-4f0e-9c3a-5d2e8b1f7a64} Name LansledningMeetingId';

/** What a Graph event is made of, as the bot writes it. */
export function eventFields(meeting: CalendarMeeting): Record<string, unknown> {
  return {
    subject: meeting.title,
    body: { contentType: 'html', content: bodyHtml(meeting) },
    start: exchangeTime(meeting.startsAt),
    end: exchangeTime(meeting.endsAt),
    location: { displayName: meeting.location ?? '' },
    attendees: meeting.attendees.map((a) => ({ type: 'required', emailAddress: { address: a.email, name: a.name } })),
    responseRequested: true,
    allowNewTimeProposals: false,
  };
}

/** The create request: the fields, once-only keys and, without a link of its own, a Teams meeting. */
export function newEvent(meeting: CalendarMeeting): Record<string, unknown> {
  return {
    ...eventFields(meeting),
    transactionId: transactionIdOf(meeting.meetingId),
    singleValueExtendedProperties: [{ id: MEETING_ID_PROPERTY, value: meeting.meetingId }],
    ...(meeting.onlineUrl ? {} : { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }),
  };
}

/** Graph's once-only key for creating a meeting's event: the same for every try of the same meeting. */
export function transactionIdOf(meetingId: string): string {
  return `lansledning-${meetingId}`;
}

function exchangeTime(iso: string): { dateTime: string; timeZone: string } {
  return { dateTime: DateTime.fromISO(iso, { zone: 'utc' }).setZone(TIME_ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: EXCHANGE_TIME_ZONE };
}

function bodyHtml(meeting: CalendarMeeting): string {
  const parts = (['sv', 'en'] as const).map((locale) => section(meeting, locale));
  return parts.join('<hr/>');
}

function section(meeting: CalendarMeeting, locale: Locale): string {
  const s = (key: Parameters<typeof t<'calendar'>>[2], values?: Record<string, string>) => escapeHtml(t(locale, 'calendar', key, values));
  const lines = [`<p>${s('eventIntro', { body: meeting.bodyName })}</p>`];
  if (meeting.onlineUrl) lines.push(`<p>${s('eventOnline', { url: meeting.onlineUrl })}</p>`);
  if (meeting.agenda.length > 0) {
    lines.push(`<p><b>${s('eventAgenda')}</b></p><ol>${meeting.agenda.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ol>`);
  }
  if (meeting.materials.length > 0) {
    const items = meeting.materials.map((m) => `<li><a href="${escapeHtml(m.url)}">${escapeHtml(m.title)}</a></li>`).join('');
    lines.push(`<p><b>${s('eventMaterials')}</b></p><ul>${items}</ul>`);
  }
  lines.push(`<p>${s('eventDeadline', { deadline: formatDateTime(new Date(meeting.rsvpDeadline), locale) })}</p>`);
  lines.push(`<p>${s('eventNoSubstitute')}</p>`);
  return lines.join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Graph's attendee as the bot reads it. */
export interface GraphAttendee {
  emailAddress?: { address?: string; name?: string };
  status?: { response?: string; time?: string };
}

const RESPONSES: Record<string, AttendeeResponse> = { accepted: 'accepted', declined: 'declined', tentativelyAccepted: 'tentative' };

/** An attendee's answer; Graph's "no time" (year 1) reads as none. */
export function attendeeAnswer(attendee: GraphAttendee): AttendeeAnswer | undefined {
  const email = attendee.emailAddress?.address?.trim().toLowerCase();
  if (!email) return undefined;
  const response = RESPONSES[attendee.status?.response ?? ''] ?? 'none';
  const time = attendee.status?.time ? Date.parse(attendee.status.time) : NaN;
  const respondedAt = response !== 'none' && Number.isFinite(time) && time > Date.UTC(1970, 0, 1) ? new Date(time).toISOString() : null;
  return { email, name: attendee.emailAddress?.name ?? email, response, respondedAt };
}
