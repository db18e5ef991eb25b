import type { Invitee, MeetingDoc, RsvpResponse } from './model';
import { mentionsSubstitute } from './substituteRules';

type MeetingFacts = Pick<MeetingDoc, 'status' | 'bodyId' | 'invitees' | 'rsvpDeadline' | 'startsAt' | 'endsAt' | 'notes'>;

/** The acting member as the rules need them: their id and the bodies they sit in now. */
export interface ActingMember {
  aadObjectId: string;
  bodies: readonly string[];
}

/** Called to the meeting: on the notice's list, or a member of the body now. */
export function isInvited(meeting: Pick<MeetingDoc, 'bodyId' | 'invitees'>, member: ActingMember): boolean {
  return member.bodies.includes(meeting.bodyId) || meeting.invitees.some((i) => i.aadObjectId === member.aadObjectId);
}

/** `deadline-passed`: the member has an answer, which stands; `started`: too late for a first one. */
export type RsvpRefusal = 'not-invited' | 'cancelled' | 'deadline-passed' | 'started';

export type RsvpDecision =
  | { kind: 'refused'; reason: RsvpRefusal }
  | {
      kind: 'record';
      response: RsvpResponse;
      /** Null when there was none, or when it named a substitute (only the answer is kept then). */
      comment: string | null;
      substituteMentioned: boolean;
      /** A first answer after the deadline: registered, but not to be changed afterwards. */
      late: boolean;
    };

/**
 * A member's own answer: recorded, and changeable, until the deadline. After it, an answer already
 * given stands, while a member who has not answered may still give a first answer until the
 * meeting starts: knowing who comes is worth more than keeping the deadline. There is no
 * substitute: a comment that names one is not kept, and the member is told why.
 */
export function decideRsvp(
  meeting: MeetingFacts,
  member: ActingMember,
  input: { response: RsvpResponse; comment: string | null },
  now: Date,
  previous: RsvpResponse | null,
): RsvpDecision {
  if (!isInvited(meeting, member)) return { kind: 'refused', reason: 'not-invited' };
  if (meeting.status === 'cancelled') return { kind: 'refused', reason: 'cancelled' };
  const late = now > new Date(meeting.rsvpDeadline);
  if (late && previous !== null) return { kind: 'refused', reason: 'deadline-passed' };
  if (late && now >= new Date(meeting.startsAt)) return { kind: 'refused', reason: 'started' };
  const substituteMentioned = mentionsSubstitute(input.comment);
  return {
    kind: 'record',
    response: input.response,
    comment: substituteMentioned ? null : input.comment,
    substituteMentioned,
    late,
  };
}

/** Whether a member may still answer: before the deadline, or with a first answer before the start. */
export function canStillAnswer(meeting: Pick<MeetingDoc, 'status' | 'rsvpDeadline' | 'startsAt'>, previous: RsvpResponse | null, now: Date): boolean {
  if (meeting.status === 'cancelled') return false;
  return now <= new Date(meeting.rsvpDeadline) || (previous === null && now < new Date(meeting.startsAt));
}

export type ReadDecision = { kind: 'refused'; reason: 'not-invited' | 'cancelled' } | { kind: 'record' };

/** "I have read the materials": any invited member, until the meeting is cancelled. */
export function decideRead(meeting: MeetingFacts, member: ActingMember): ReadDecision {
  if (!isInvited(meeting, member)) return { kind: 'refused', reason: 'not-invited' };
  if (meeting.status === 'cancelled') return { kind: 'refused', reason: 'cancelled' };
  return { kind: 'record' };
}

export type AckDecision = { kind: 'refused'; reason: 'not-invited' | 'no-notes' } | { kind: 'record' };

/** "I have taken note" of the notes and decisions: an invited member, once the notes are out. */
export function decideFollowUpAck(meeting: MeetingFacts, member: ActingMember): AckDecision {
  if (!isInvited(meeting, member)) return { kind: 'refused', reason: 'not-invited' };
  if (!meeting.notes) return { kind: 'refused', reason: 'no-notes' };
  return { kind: 'record' };
}

/**
 * Everyone the meeting concerns: the invitees, and anyone who answered without being on the list
 * (a member who joined the body after the notice went out).
 */
export function participants(meeting: Pick<MeetingDoc, 'invitees'>, answered: readonly Invitee[]): Invitee[] {
  const known = new Set(meeting.invitees.map((i) => i.aadObjectId));
  return [...meeting.invitees, ...answered.filter((a) => !known.has(a.aadObjectId))];
}
