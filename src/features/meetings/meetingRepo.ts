import { queryAll, updateDoc, type Decide } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import { isStoreError } from '../../store/types';
import { digest } from '../../delivery/jobDocs';
import type {
  CalendarEventIndexDoc,
  CalendarNoteDoc,
  CalendarNoteKind,
  DigestDoc,
  FollowUpAckDoc,
  Invitee,
  MeetingDoc,
  MeetingIndexDoc,
  PersonAnswerDoc,
  ReadDoc,
  ReadMarkDoc,
  RsvpDoc,
  RsvpResponse,
} from './model';
import { CALENDAR_EVENT_INDEX_PK, MEETING_INDEX_PK, ackId, digestId, readId, rsvpId } from './model';

/** Everything members have said about one meeting, read with one partition query. */
export interface MeetingAnswers {
  rsvps: Stored<RsvpDoc>[];
  /** Read marks, wherever they are kept (the answer document, or an older meeting's own document). */
  reads: ReadDoc[];
  acks: Stored<FollowUpAckDoc>[];
  answers: Map<string, RsvpResponse>;
  read: Set<string>;
  acked: Set<string>;
  /** People who answered, as invitees (for those who joined the body after the notice). */
  answered: Invitee[];
}

const WRITTEN_KEPT = 50_000;

const ANSWER_TYPES = "(c.type = 'rsvp' OR c.type = 'read' OR c.type = 'followup-ack')";

/** A member's own answer and read mark. */
export interface OwnAnswer {
  rsvp: RsvpDoc | undefined;
  read: boolean;
}

/** Meetings over the `meetings` container: partition = meeting id; the index in its own partition. */
export class MeetingRepo {
  // Members' documents this process has written lately (meeting id and member): a change of answer
  // goes straight to reading it, instead of a create that would conflict. Forgotten when full.
  private readonly written = new Set<string>();

  constructor(private readonly container: DocContainer) {}

  meeting(id: string): Promise<Stored<MeetingDoc> | undefined> {
    return this.container.read<MeetingDoc>(id, id);
  }

  async createMeeting(doc: MeetingDoc): Promise<void> {
    await this.container.create(doc);
    await this.putIndex(doc);
  }

  /** Writes the meeting's index entry again (idempotent): after a create whose index write failed. */
  async reindex(doc: MeetingDoc): Promise<void> {
    await this.putIndex(doc);
  }

  /** Changes a meeting under its etag; `change` returns undefined to leave it as it is. */
  async updateMeeting<R>(
    id: string,
    change: (current: Stored<MeetingDoc>) => { next: MeetingDoc; result: R } | { result: R },
    missing: R,
  ): Promise<R> {
    const result = await updateDoc<MeetingDoc, { r: R; written: MeetingDoc | undefined }>(this.container, id, id, (current) => {
      if (!current) return { result: { r: missing, written: undefined } };
      const outcome = change(current);
      return 'next' in outcome
        ? { write: outcome.next, result: { r: outcome.result, written: outcome.next } }
        : { result: { r: outcome.result, written: undefined } };
    });
    if (result.written) await this.putIndex(result.written);
    return result.r;
  }

  /** Upcoming (not yet ended) meetings, soonest first; optionally only those of some bodies. */
  upcoming(now: Date, bodies?: readonly string[]): Promise<Stored<MeetingIndexDoc>[]> {
    const where = bodies
      ? "c.type = 'meeting-index' AND c.endsAt >= @now AND ARRAY_CONTAINS(@bodies, c.bodyId)"
      : "c.type = 'meeting-index' AND c.endsAt >= @now";
    return queryAll<MeetingIndexDoc>(this.container, MEETING_INDEX_PK, where, { now: now.toISOString(), ...(bodies ? { bodies } : {}) }, {
      orderBy: 'c.startsAt',
    });
  }

  /** Meetings that start from `from` up to (not including) `until`, soonest first. */
  startingBetween(from: Date, until: Date): Promise<Stored<MeetingIndexDoc>[]> {
    return queryAll<MeetingIndexDoc>(
      this.container,
      MEETING_INDEX_PK,
      "c.type = 'meeting-index' AND c.startsAt >= @from AND c.startsAt < @until",
      { from: from.toISOString(), until: until.toISOString() },
      { orderBy: 'c.startsAt' },
    );
  }

  async answers(meetingId: string): Promise<MeetingAnswers> {
    const docs = await queryAll<PersonAnswerDoc | ReadDoc | FollowUpAckDoc>(this.container, meetingId, ANSWER_TYPES);
    const rsvps = docs.filter((d): d is Stored<RsvpDoc> => d.type === 'rsvp' && d.response !== null);
    const marks = docs.flatMap((d): ReadDoc[] => (d.type === 'read' ? [d] : d.type === 'rsvp' && d.readAt ? [readMarkOf(d, d.readAt)] : []));
    const reads = [...new Map(marks.map((r) => [r.aadObjectId, r])).values()];
    const acks = docs.filter((d): d is Stored<FollowUpAckDoc> => d.type === 'followup-ack');
    return {
      rsvps,
      reads,
      acks,
      answers: new Map(rsvps.map((r) => [r.aadObjectId, r.response])),
      read: new Set(reads.map((r) => r.aadObjectId)),
      acked: new Set(acks.map((a) => a.aadObjectId)),
      answered: rsvps.map((r) => ({ aadObjectId: r.aadObjectId, name: r.name, partyId: r.partyId, email: '' })),
    };
  }

  /** The member's answer, if any. */
  async rsvp(meetingId: string, aadObjectId: string): Promise<Stored<RsvpDoc> | undefined> {
    const doc = await this.container.read<PersonAnswerDoc>(meetingId, rsvpId(aadObjectId));
    return doc && doc.response !== null ? doc : undefined;
  }

  /** The member's answer and read mark: one read (two for an older meeting whose member has no read mark in the answer). */
  async own(meeting: Pick<MeetingDoc, 'id' | 'readMarks'>, aadObjectId: string): Promise<OwnAnswer> {
    return this.ownFrom(meeting, aadObjectId, await this.container.read<PersonAnswerDoc>(meeting.id, rsvpId(aadObjectId)));
  }

  ack(meetingId: string, aadObjectId: string): Promise<Stored<FollowUpAckDoc> | undefined> {
    return this.container.read<FollowUpAckDoc>(meetingId, ackId(aadObjectId));
  }

  /**
   * Records a member's answer in their own document (etag-guarded: a double press cannot lose one)
   * and gives it back with their read mark. A first answer is one write: the create; an answer
   * that changes an earlier one (the create conflicts, or this process wrote the document) reads
   * and replaces it, keeping its read mark.
   */
  async putRsvp(
    meeting: Pick<MeetingDoc, 'id' | 'readMarks'>,
    who: Invitee,
    answer: { response: RsvpResponse; comment: string | null; substituteMentioned: boolean },
    now: Date,
  ): Promise<OwnAnswer> {
    const key = `${meeting.id}/${who.aadObjectId}`;
    if (!this.written.has(key)) {
      try {
        const created = await this.container.create(answerDoc(meeting.id, who, answer, now.toISOString(), undefined));
        this.remember(key);
        return await this.ownFrom(meeting, who.aadObjectId, created);
      } catch (err) {
        if (!isStoreError(err, 'conflict')) throw err;
      }
    }
    const saved = await updateDoc<PersonAnswerDoc, RsvpDoc>(this.container, meeting.id, rsvpId(who.aadObjectId), (current) => {
      const next = answerDoc(meeting.id, who, answer, now.toISOString(), current);
      return { write: next, result: next };
    });
    this.remember(key);
    return this.ownFrom(meeting, who.aadObjectId, saved);
  }

  private remember(key: string): void {
    if (this.written.size >= WRITTEN_KEPT) this.written.clear();
    this.written.add(key);
  }

  /**
   * Records "I have read" once; a second press keeps the first time. A meeting kept in the answer
   * document's shape keeps it there (with or without an answer); an older meeting in its own document.
   */
  async putRead(meeting: Pick<MeetingDoc, 'id' | 'readMarks'>, who: Invitee, now: Date): Promise<void> {
    const readAt = now.toISOString();
    if (meeting.readMarks !== 'in-answer') {
      return this.putOnce<ReadDoc>(meeting.id, readId(who.aadObjectId), { ...readMarkOf({ ...who, pk: meeting.id }, readAt) });
    }
    await updateDoc<PersonAnswerDoc, void>(this.container, meeting.id, rsvpId(who.aadObjectId), (current) => {
      if (current?.readAt) return { result: undefined };
      const mark: ReadMarkDoc = { id: rsvpId(who.aadObjectId), pk: meeting.id, type: 'rsvp', aadObjectId: who.aadObjectId, name: who.name, partyId: who.partyId, readAt, response: null };
      return { write: current ? { ...current, readAt } : mark, result: undefined };
    });
  }

  /** Records "I have taken note" once. */
  putAck(meetingId: string, who: Invitee, now: Date): Promise<void> {
    return this.putOnce<FollowUpAckDoc>(meetingId, ackId(who.aadObjectId), {
      id: ackId(who.aadObjectId),
      pk: meetingId,
      type: 'followup-ack',
      aadObjectId: who.aadObjectId,
      name: who.name,
      partyId: who.partyId,
      ackedAt: now.toISOString(),
    });
  }

  /**
   * An answer given in Outlook, as of when it was given: written only when it is newer than the
   * answer stored (the latest answer counts, on the card or in the calendar) and differs from it.
   */
  putCalendarRsvp(meetingId: string, who: Invitee, response: RsvpResponse, respondedAt: string): Promise<boolean> {
    return updateDoc<PersonAnswerDoc, boolean>(this.container, meetingId, rsvpId(who.aadObjectId), (current) => {
      if (current?.response && (current.answeredAt >= respondedAt || current.response === response)) return { result: false };
      const answer = { response, comment: null, substituteMentioned: false, via: 'calendar' as const };
      return { write: answerDoc(meetingId, who, answer, respondedAt, current), result: true };
    });
  }

  calendarNotes(meetingId: string): Promise<Stored<CalendarNoteDoc>[]> {
    return queryAll<CalendarNoteDoc>(this.container, meetingId, "c.type = 'calendar-note'", undefined, { orderBy: 'c.at' });
  }

  /** Records a note for the secretariat once; true when it is new. */
  putCalendarNote(meetingId: string, note: Omit<CalendarNoteDoc, 'id' | 'pk' | 'type'>): Promise<boolean> {
    const id = calendarNoteId(note.kind, note.email);
    return updateDoc<CalendarNoteDoc, boolean>(this.container, meetingId, id, (current) =>
      current ? { result: false } : { write: { id, pk: meetingId, type: 'calendar-note', ...note }, result: true },
    );
  }

  /** Remembers which meeting an Outlook event belongs to. */
  async indexEvent(eventId: string, meetingId: string): Promise<void> {
    await this.container.upsert<CalendarEventIndexDoc>({ id: eventIndexId(eventId), pk: CALENDAR_EVENT_INDEX_PK, type: 'calendar-event', eventId, meetingId });
  }

  async meetingOfEvent(eventId: string): Promise<string | undefined> {
    const entry = await this.container.read<CalendarEventIndexDoc>(CALENDAR_EVENT_INDEX_PK, eventIndexId(eventId));
    return entry?.eventId === eventId ? entry.meetingId : undefined;
  }

  /** Every party's digest of a meeting (Länsledning meetings, once their notes are sent). */
  digests(meetingId: string): Promise<Stored<DigestDoc>[]> {
    return queryAll<DigestDoc>(this.container, meetingId, "c.type = 'digest'", undefined, { orderBy: 'c.partyName' });
  }

  digest(meetingId: string, partyId: string): Promise<Stored<DigestDoc> | undefined> {
    return this.container.read<DigestDoc>(meetingId, digestId(partyId));
  }

  /** Changes (or creates) a party's digest under its etag; `change` returns undefined to leave it. */
  changeDigest<R>(meetingId: string, partyId: string, change: Decide<DigestDoc, R>): Promise<R & {}> {
    return updateDoc<DigestDoc, R>(this.container, meetingId, digestId(partyId), change);
  }

  // The own answer as just read or written; an older meeting's read mark may be a document of its own.
  private async ownFrom(meeting: Pick<MeetingDoc, 'id' | 'readMarks'>, aadObjectId: string, doc: PersonAnswerDoc | undefined): Promise<OwnAnswer> {
    const rsvp = doc && doc.response !== null ? doc : undefined;
    if (doc?.readAt || meeting.readMarks === 'in-answer') return { rsvp, read: Boolean(doc?.readAt) };
    const own = await this.container.read<ReadDoc>(meeting.id, readId(aadObjectId));
    return { rsvp, read: own !== undefined };
  }

  private putOnce<T extends ReadDoc | FollowUpAckDoc>(pk: string, id: string, doc: T): Promise<void> {
    return updateDoc<T, void>(this.container, pk, id, (current) => (current ? { result: undefined } : { write: doc, result: undefined }));
  }

  private async putIndex(doc: MeetingDoc): Promise<void> {
    const index: MeetingIndexDoc = {
      id: doc.id,
      pk: MEETING_INDEX_PK,
      type: 'meeting-index',
      bodyId: doc.bodyId,
      bodyName: doc.bodyName,
      title: doc.title,
      startsAt: doc.startsAt,
      endsAt: doc.endsAt,
      status: doc.status,
    };
    await this.container.upsert(index);
  }
}

export const calendarNoteId = (kind: CalendarNoteKind, email: string): string => `calnote:${kind}:${digest(email.toLowerCase()).slice(0, 32)}`;
const eventIndexId = (eventId: string): string => `event-${digest(eventId)}`;

/** A member's answer document, counting the change when there was an answer before, keeping the read mark. */
function answerDoc(
  meetingId: string,
  who: Invitee,
  answer: { response: RsvpResponse; comment: string | null; substituteMentioned: boolean; via?: RsvpDoc['via'] },
  answeredAt: string,
  current: Stored<PersonAnswerDoc> | undefined,
): RsvpDoc {
  const earlier = current?.response ? current : undefined;
  const next: RsvpDoc = {
    id: rsvpId(who.aadObjectId),
    pk: meetingId,
    type: 'rsvp',
    aadObjectId: who.aadObjectId,
    name: who.name,
    partyId: who.partyId,
    readAt: current?.readAt ?? null,
    response: answer.response,
    comment: answer.comment,
    substituteMentioned: answer.substituteMentioned,
    firstAnsweredAt: earlier?.firstAnsweredAt ?? answeredAt,
    answeredAt,
    changes: earlier ? earlier.changes + 1 : 0,
    ...(answer.via ? { via: answer.via } : {}),
  };
  if (!current) return next;
  // Where this answer came from is this answer's own: an earlier answer's source is not kept.
  const { via: _earlierSource, ...kept } = current as Stored<RsvpDoc>;
  return { ...kept, ...next };
}

/** A read mark as the secretariat's views list it. */
function readMarkOf(who: Pick<Invitee, 'aadObjectId' | 'name' | 'partyId'> & { pk: string }, readAt: string): ReadDoc {
  return { id: readId(who.aadObjectId), pk: who.pk, type: 'read', aadObjectId: who.aadObjectId, name: who.name, partyId: who.partyId, readAt };
}
