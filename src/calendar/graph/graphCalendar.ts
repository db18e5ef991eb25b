import type { Logger } from '../../log';
import type { CalendarMeeting, CalendarSubscription, CalendarSubscriptions, EventSnapshot, OutlookCalendar, PublishedEvent } from '../port';
import { CalendarError } from '../port';
import type { GraphAttendee } from './eventContent';
import { MEETING_ID_PROPERTY, attendeeAnswer, eventFields, newEvent } from './eventContent';
import type { GraphHttp } from './graphHttp';

/** Graph keeps a subscription to Outlook events for at most 10 080 minutes; the bot asks for a little less. */
const MAX_SUBSCRIPTION_MS = 10_000 * 60_000;

interface GraphEvent {
  id: string;
  isCancelled?: boolean;
  onlineMeeting?: { joinUrl?: string } | null;
  attendees?: GraphAttendee[];
}

interface GraphSubscription {
  id: string;
  expirationDateTime: string;
}

/**
 * Outlook calendars through Microsoft Graph: the meetings are events in the organizer mailbox
 * (`/users/{organizer}/events`), with the invitees as attendees, so Exchange sends invitations,
 * updates and cancellations and collects the answers.
 */
export function createGraphCalendar(deps: { http: GraphHttp; organizer: string; log: Logger }): OutlookCalendar {
  const { http, organizer } = deps;
  const mailbox = `/users/${encodeURIComponent(organizer)}`;
  const eventPath = (eventId: string) => `${mailbox}/events/${encodeURIComponent(eventId)}`;

  const published = (event: GraphEvent): PublishedEvent => ({ eventId: event.id, joinUrl: event.onlineMeeting?.joinUrl ?? null });

  async function find(meetingId: string): Promise<PublishedEvent | undefined> {
    const res = await http.call<{ value?: GraphEvent[] }>({
      method: 'GET',
      path: `${mailbox}/events`,
      query: {
        $filter: `singleValueExtendedProperties/Any(ep: ep/id eq '${MEETING_ID_PROPERTY}' and ep/value eq '${meetingId.replace(/'/g, "''")}')`,
        $select: 'id,onlineMeeting,isCancelled',
      },
    });
    const event = res.body?.value?.[0];
    return event ? published(event) : undefined;
  }

  /** The Teams link may be filled in a moment after the event is made. */
  async function withJoinUrl(event: PublishedEvent, meeting: CalendarMeeting): Promise<PublishedEvent> {
    if (event.joinUrl || meeting.onlineUrl) return event;
    const res = await http.call<GraphEvent>({ method: 'GET', path: eventPath(event.eventId), query: { $select: 'id,onlineMeeting' } });
    const joinUrl = res.body?.onlineMeeting?.joinUrl ?? null;
    if (!joinUrl) throw new CalendarError('the Teams meeting of the event has no join link yet', true);
    return { eventId: event.eventId, joinUrl };
  }

  const subscriptions: CalendarSubscriptions = {
    maxLifetimeMs: MAX_SUBSCRIPTION_MS,
    async subscribe(input) {
      const res = await http.call<GraphSubscription>({
        method: 'POST',
        path: '/subscriptions',
        body: {
          changeType: 'updated,deleted',
          notificationUrl: input.notificationUrl,
          lifecycleNotificationUrl: input.notificationUrl,
          resource: `users/${organizer}/events`,
          expirationDateTime: input.expiresAt.toISOString(),
          clientState: input.clientState,
          latestSupportedTlsVersion: 'v1_2',
        },
      });
      return subscriptionOf(res.body);
    },
    async renew(id, expiresAt) {
      const res = await http.call<GraphSubscription>({
        method: 'PATCH',
        path: `/subscriptions/${encodeURIComponent(id)}`,
        body: { expirationDateTime: expiresAt.toISOString() },
        accept: [404],
      });
      return res.status === 404 ? undefined : subscriptionOf(res.body);
    },
    async reauthorize(id) {
      await http.call({ method: 'POST', path: `/subscriptions/${encodeURIComponent(id)}/reauthorize` });
    },
    async unsubscribe(id) {
      await http.call({ method: 'DELETE', path: `/subscriptions/${encodeURIComponent(id)}`, accept: [404] });
    },
  };

  return {
    kind: 'outlook',
    organizer,
    find,
    async publish(meeting) {
      const existing = await find(meeting.meetingId);
      if (existing) return withJoinUrl(existing, meeting);
      const res = await http.call<GraphEvent>({ method: 'POST', path: `${mailbox}/events`, body: newEvent(meeting) });
      if (!res.body?.id) throw new CalendarError('Graph created an event without an id', true);
      deps.log.info({ meetingId: meeting.meetingId, attendees: meeting.attendees.length }, 'calendar event created in the organizer mailbox');
      return withJoinUrl(published(res.body), meeting);
    },
    async update(eventId, meeting) {
      await http.call({ method: 'PATCH', path: eventPath(eventId), body: eventFields(meeting) });
    },
    async cancel(eventId, comment) {
      await http.call({ method: 'POST', path: `${eventPath(eventId)}/cancel`, body: { comment: comment ?? '' }, accept: [404] });
    },
    async snapshot(eventId): Promise<EventSnapshot | undefined> {
      const res = await http.call<GraphEvent>({ method: 'GET', path: eventPath(eventId), query: { $select: 'id,isCancelled,attendees' }, accept: [404] });
      if (res.status === 404 || !res.body) return undefined;
      return {
        eventId,
        cancelled: res.body.isCancelled === true,
        attendees: (res.body.attendees ?? []).flatMap((a) => attendeeAnswer(a) ?? []),
      };
    },
    subscriptions,
  };
}

function subscriptionOf(body: GraphSubscription | undefined): CalendarSubscription {
  if (!body?.id || !body.expirationDateTime) throw new CalendarError('Graph answered a subscription without an id or expiry', true);
  return { id: body.id, expiresAt: new Date(body.expirationDateTime).toISOString() };
}
