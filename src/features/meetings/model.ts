import type { PostedCard } from '../../delivery/liveStatus';
import type { Doc } from '../../store/types';
import { MEETING_INDEX_PK } from '../../store/sharedRecords';

/** What a member answers to a notice. There is deliberately no third option: no substitute. */
export const RSVP_RESPONSES = ['attend', 'absent'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

/** A member called to a meeting, as they were when the notice was (last) sent. */
export interface Invitee {
  aadObjectId: string;
  name: string;
  email: string;
  partyId: string;
}

export interface Material {
  title: string;
  url: string;
}

/** When reading reminders go out: working days before the meeting, at a local time ("08:00"). */
export interface ReadingSchedule {
  workingDaysBefore: number[];
  time: string;
}

export type ReminderKind = 'reading' | 'rsvp';

/** A reminder job the meeting has asked the scheduler for (kept so it can be cancelled or moved). */
export interface PlannedReminder {
  slot: string;
  kind: ReminderKind;
  jobId: string;
  runAt: string;
}

export interface MeetingNotes {
  text: string;
  decisions: string[];
  sentAt: string;
  sentBy: string;
  /** 1 for the first distribution; a correction updates the cards in place and counts up. */
  version: number;
  /**
   * The networks (skolchefsnätverk, socialchefsnätverk, regiongrupp: forwarding targets) the
   * secretariat ticked to carry the notes and decisions on to. Absent in notes sent before.
   */
  forwardTo?: string[];
}

/** The meeting itself: partition = meeting id. RSVPs, reads and acks are their own documents beside it. */
export interface MeetingDoc extends Doc {
  type: 'meeting';
  bodyId: string;
  bodyName: string;
  title: string;
  /** UTC instants (ISO 8601); entered and shown in Europe/Stockholm. */
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  agenda: string[];
  materials: Material[];
  rsvpDeadline: string;
  reading: ReadingSchedule;
  status: 'scheduled' | 'cancelled';
  /** 0 when created, +1 on every change: the .ics SEQUENCE and the notice version. */
  sequence: number;
  invitees: Invitee[];
  /** The body's linked channel (conversation key) when the notice was sent. */
  channel: string | null;
  organizer: { aadObjectId: string; name: string; email: string };
  reminders: PlannedReminder[];
  notes: MeetingNotes | null;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** The meeting's event in the organizer's Outlook calendar; absent without Graph settings. */
  calendar?: MeetingCalendarState;
  /**
   * 'in-answer': read marks are kept in each member's answer document (meetings created since).
   * Absent: an older meeting, whose read marks may also be `read:<id>` documents of their own.
   */
  readMarks?: 'in-answer';
  /** The status cards the secretariat was shown, updated in place when answers arrive. */
  statusCards?: PostedCard[];
}

/** Where the meeting stands in the organizer's Outlook calendar. */
export interface MeetingCalendarState {
  eventId: string | null;
  /** The Teams meeting's join link the event got. */
  joinUrl: string | null;
  /** The meeting's `sequence` the event shows; -1 before the event exists. */
  syncedSequence: number;
  state: 'pending' | 'ready' | 'failed';
  /** Why the calendar could not follow (for the secretariat's status card). */
  problem: string | null;
  /** The notice waits for the event's Teams link; false once it has been sent. */
  noticeHeld: boolean;
}

/**
 * One member's answer and read mark: one document per member and meeting (`rsvp:<id>`), so answers
 * never contend for a shared document and a turn reads and writes one. A member who has marked the
 * materials read without answering has a document without an answer (`ReadMarkDoc`).
 */
export interface RsvpDoc extends Doc {
  type: 'rsvp';
  aadObjectId: string;
  name: string;
  partyId: string;
  /** When the member marked the materials read (absent: not in this document; see `MeetingDoc.readMarks`). */
  readAt?: string | null;
  response: RsvpResponse;
  comment: string | null;
  /** The comment named a substitute: only the absence was recorded, not the comment. */
  substituteMentioned: boolean;
  firstAnsweredAt: string;
  answeredAt: string;
  changes: number;
  /** Where the answer was given: the card (absent in older documents) or the Outlook invitation. */
  via?: 'card' | 'calendar';
}

/** The member's document of a meeting when they have marked the materials read and not answered. */
export interface ReadMarkDoc extends Doc {
  type: 'rsvp';
  aadObjectId: string;
  name: string;
  partyId: string;
  readAt: string;
  response: null;
}

/** A member's own document of a meeting: an answer (with its read mark), or a read mark alone. */
export type PersonAnswerDoc = RsvpDoc | ReadMarkDoc;

/** What the secretariat is told about answers in Outlook that do not count as an answer. */
export type CalendarNoteKind = 'tentative' | 'forwarded';

/** One note per person and kind, in the meeting's partition; each is also sent to the organizer once. */
export interface CalendarNoteDoc extends Doc {
  type: 'calendar-note';
  kind: CalendarNoteKind;
  email: string;
  name: string;
  /** The invitee concerned (tentative), or null for someone not invited (forwarded). */
  aadObjectId: string | null;
  partyId: string | null;
  at: string;
}

/** Maps an Outlook event back to its meeting (event ids are long and may hold `/`). */
export interface CalendarEventIndexDoc extends Doc {
  type: 'calendar-event';
  pk: typeof CALENDAR_EVENT_INDEX_PK;
  eventId: string;
  meetingId: string;
}

export const CALENDAR_EVENT_INDEX_PK = 'calendar-events';

/** "I have read the materials", as meetings created before read marks moved into the answer kept it. */
export interface ReadDoc extends Doc {
  type: 'read';
  aadObjectId: string;
  name: string;
  partyId: string;
  readAt: string;
}

/** "I have taken note" of the notes and decisions, from a member who was absent or did not answer. */
export interface FollowUpAckDoc extends Doc {
  type: 'followup-ack';
  aadObjectId: string;
  name: string;
  partyId: string;
  ackedAt: string;
}

/** The partition that lists meetings (each meeting's own partition holds the rest). */
export { MEETING_INDEX_PK };

/** One entry per meeting, so upcoming meetings are listed with a single-partition query. */
export interface MeetingIndexDoc extends Doc {
  type: 'meeting-index';
  pk: typeof MEETING_INDEX_PK;
  bodyId: string;
  bodyName: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: MeetingDoc['status'];
}

export const rsvpId = (aadObjectId: string): string => `rsvp:${aadObjectId}`;
export const readId = (aadObjectId: string): string => `read:${aadObjectId}`;
export const ackId = (aadObjectId: string): string => `ack:${aadObjectId}`;

/** Meeting ids are generated by the bot; anything else on a card is refused before a lookup. */
export const MEETING_ID_PATTERN = /^m-[a-z0-9-]{8,60}$/;

/** One thing a party takes home from a Länsledning meeting. */
export interface DigestItem {
  /** `d1`… for the meeting's decisions, `b:<broadcast>` to acknowledge, `r:<remiss>` to answer. */
  id: string;
  kind: 'decision' | 'ack' | 'remiss';
  text: string;
  /** The broadcast or remiss it stands for. */
  ref: string | null;
  /** A remiss's last day to answer, `YYYY-MM-DD`. */
  due: string | null;
  /** A remiss: whether the party has answered (or declined) it already. */
  answered: boolean | null;
}

/** Where a party's digest went, fixed when it was sent. */
export interface DigestRecipients {
  /** The party's linked channel (conversation key). */
  channel: string | null;
  /** The party's Länsledning members. */
  members: { aadObjectId: string; name: string }[];
}

/**
 * The digest of one meeting for one party (id `digest:<partyId>`, in the meeting's partition): what
 * it has to carry home, and who of the party ticked each item "taken home" (its acknowledgement).
 */
export interface DigestDoc extends Doc {
  type: 'digest';
  partyId: string;
  partyName: string;
  /** One of the eleven parties (HUFB receives it beside them and is counted apart). */
  isParty: boolean;
  items: DigestItem[];
  ticks: Record<string, { aadObjectId: string; name: string; at: string }>;
  recipients: DigestRecipients;
  /** The notes version it was made from; corrected notes update it in place. */
  notesVersion: number;
  /** The body's next meeting when it was made, to bring items to. */
  nextMeeting: { id: string; startsAt: string } | null;
  createdAt: string;
  /** Every change (a tick, corrected notes) updates the posted cards in place: this counts them. */
  updates: number;
}

export const digestId = (partyId: string): string => `digest:${partyId}`;
