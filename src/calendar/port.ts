/**
 * The calendar port: what the meetings feature asks of a calendar. Two adapters implement it: the
 * links calendar (the form's link field and the .ics file, nothing leaves the bot) and Outlook
 * through Microsoft Graph (`graph/`). Features see only this file.
 */

/** A meeting as its calendar event shows it. */
export interface CalendarMeeting {
  meetingId: string;
  title: string;
  bodyName: string;
  /** UTC instants (ISO 8601). */
  startsAt: string;
  endsAt: string;
  location: string | null;
  /** A link the secretariat gave in the form: the event points at it and no Teams meeting is made. */
  onlineUrl: string | null;
  agenda: readonly string[];
  materials: readonly { title: string; url: string }[];
  rsvpDeadline: string;
  attendees: readonly { name: string; email: string }[];
}

/** The organizer's event of a meeting. */
export interface PublishedEvent {
  eventId: string;
  /** The Teams meeting's join link; null when the meeting has its own link or none. */
  joinUrl: string | null;
}

/** An attendee's answer in their calendar. `tentative` and `none` count as not answered. */
export type AttendeeResponse = 'accepted' | 'declined' | 'tentative' | 'none';

export interface AttendeeAnswer {
  email: string;
  name: string;
  response: AttendeeResponse;
  /** When they answered (UTC); null when they have not. */
  respondedAt: string | null;
}

/** The event as it stands in the organizer's calendar. */
export interface EventSnapshot {
  eventId: string;
  cancelled: boolean;
  attendees: AttendeeAnswer[];
}

export interface CalendarSubscription {
  id: string;
  expiresAt: string;
}

/** Change notifications on the organizer's events. */
export interface CalendarSubscriptions {
  /** Longest lifetime the calendar grants a subscription, in ms. */
  readonly maxLifetimeMs: number;
  subscribe(input: { notificationUrl: string; clientState: string; expiresAt: Date }): Promise<CalendarSubscription>;
  /** Undefined when the subscription no longer exists. */
  renew(id: string, expiresAt: Date): Promise<CalendarSubscription | undefined>;
  reauthorize(id: string): Promise<void>;
  unsubscribe(id: string): Promise<void>;
}

export interface OutlookCalendar {
  readonly kind: 'outlook';
  /** The mailbox that organizes the meetings. */
  readonly organizer: string;
  /**
   * The meeting's event with the invitees as attendees, created once: a second call for the same
   * meeting (a retry after a lost answer) finds the first event instead of making another.
   */
  publish(meeting: CalendarMeeting): Promise<PublishedEvent>;
  /** The event of a meeting whose creation may have happened, if it exists. */
  find(meetingId: string): Promise<PublishedEvent | undefined>;
  /** Changes the event; the calendar sends the attendees the update. */
  update(eventId: string, meeting: CalendarMeeting): Promise<void>;
  /** Cancels the event; the calendar sends the attendees the cancellation. An event already gone is fine. */
  cancel(eventId: string, comment: string | null): Promise<void>;
  /** Undefined when the event no longer exists. */
  snapshot(eventId: string): Promise<EventSnapshot | undefined>;
  readonly subscriptions: CalendarSubscriptions;
}

/** No calendar of its own: the form's link field and the .ics file, as the bot has always done. */
export interface LinksCalendar {
  readonly kind: 'links';
}

export type Calendar = LinksCalendar | OutlookCalendar;

export const LINKS_CALENDAR: LinksCalendar = { kind: 'links' };

/**
 * A calendar call that failed. `transient` failures (throttling, an unavailable service, the
 * network) are worth trying again later; the others need a person (permissions, a wrong mailbox).
 */
export class CalendarError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

export function isTransientCalendarError(err: unknown): boolean {
  return !(err instanceof CalendarError) || err.transient;
}

/** Job kinds the calendar's change notifications schedule; the meetings feature handles them. */
export const CALENDAR_JOBS = {
  /** Payload `{ eventId }`: an event of the organizer changed; read its attendees' answers. */
  eventChanged: 'calendar.eventChanged',
  /** Payload `{}`: notifications may have been missed; compare every upcoming meeting with its event. */
  reconcile: 'calendar.reconcile',
} as const;

export interface EventChangedPayload {
  eventId: string;
}
