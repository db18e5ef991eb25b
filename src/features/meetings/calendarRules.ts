import type { AttendeeAnswer } from '../../calendar/port';
import type { CalendarNoteKind, Invitee, MeetingDoc, RsvpResponse } from './model';

/** What an attendee's answer in Outlook does. */
export type CalendarAnswerStep =
  /** An invitee accepted or declined: their answer, as of when they gave it. */
  | { kind: 'record'; invitee: Invitee; response: RsvpResponse; respondedAt: string }
  /** Not an answer that counts; the secretariat is told once. */
  | { kind: 'note'; note: CalendarNoteKind; email: string; name: string; invitee: Invitee | null; at: string };

export interface CalendarAnswerFacts {
  meeting: Pick<MeetingDoc, 'status' | 'invitees' | 'rsvpDeadline'>;
  organizer: string;
  attendees: readonly AttendeeAnswer[];
  /** Each invitee's stored answer (from the card or an earlier reading of the calendar). */
  stored: ReadonlyMap<string, { response: RsvpResponse; answeredAt: string }>;
  /** Notes already made, by `noteKey`. */
  noted: ReadonlySet<string>;
  now: Date;
}

export const noteKey = (kind: CalendarNoteKind, email: string): string => `${kind}:${email.toLowerCase()}`;

const COUNTED: Partial<Record<AttendeeAnswer['response'], RsvpResponse>> = { accepted: 'attend', declined: 'absent' };

/**
 * The answers in the organizer's event, read against what is stored. Accepted is "attend",
 * declined "absent", each only when it is newer than the answer stored (the latest answer counts,
 * on the card or in Outlook) and given before the deadline. Tentative is not an answer: it stays
 * "not answered" and the secretariat is told. Someone who is not an invitee got a forwarded
 * invitation: under "no substitute when absent" that is not the party's attendance, and the
 * secretariat is told. Reading the same event again yields nothing new.
 */
export function decideCalendarAnswers(facts: CalendarAnswerFacts): CalendarAnswerStep[] {
  if (facts.meeting.status === 'cancelled') return [];
  const byEmail = new Map(facts.meeting.invitees.map((i) => [i.email.toLowerCase(), i]));
  const steps: CalendarAnswerStep[] = [];
  for (const attendee of facts.attendees) {
    const email = attendee.email.toLowerCase();
    if (email === facts.organizer.toLowerCase()) continue;
    const invitee = byEmail.get(email);
    const at = attendee.respondedAt ?? facts.now.toISOString();
    if (!invitee) {
      if (!facts.noted.has(noteKey('forwarded', email))) steps.push({ kind: 'note', note: 'forwarded', email, name: attendee.name, invitee: null, at });
      continue;
    }
    if (attendee.response === 'tentative') {
      if (!facts.noted.has(noteKey('tentative', email))) steps.push({ kind: 'note', note: 'tentative', email, name: invitee.name, invitee, at });
      continue;
    }
    const response = COUNTED[attendee.response];
    if (!response || !attendee.respondedAt) continue;
    if (attendee.respondedAt > facts.meeting.rsvpDeadline) continue;
    const stored = facts.stored.get(invitee.aadObjectId);
    if (stored && (stored.answeredAt >= attendee.respondedAt || stored.response === response)) continue;
    steps.push({ kind: 'record', invitee, response, respondedAt: attendee.respondedAt });
  }
  return steps;
}
