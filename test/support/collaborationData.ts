import { DateTime } from 'luxon';
import { recipientKey, deliveryId, shardOf, type DeliveryDoc } from '../../src/delivery/deliveryDoc';
import { summaryOf } from '../../src/features/cases/caseRepo';
import { formatCaseNumber } from '../../src/features/cases/caseNumber';
import type { CaseDoc, CaseState } from '../../src/features/cases/model';
import type { AckDoc, BroadcastDoc, IndexDoc, RemissAnswerDoc, RemissDoc } from '../../src/features/dissemination/model';
import { INDEX_PK as DISSEMINATION_INDEX, ackId, answerId } from '../../src/features/dissemination/model';
import type { FollowUpAckDoc, MeetingDoc, MeetingIndexDoc, ReadDoc, RsvpDoc } from '../../src/features/meetings/model';
import { MEETING_INDEX_PK, ackId as meetingAckId, readId, rsvpId } from '../../src/features/meetings/model';
import { TIME_ZONE } from '../../src/dates/dates';
import type { Doc, Store } from '../../src/store/types';

/** A person of the collaboration as the seeded documents name them. */
export interface SeedPerson {
  aadObjectId: string;
  name: string;
  email: string;
  partyId: string;
}

export interface YearOptions {
  /** The moment the data is "as of": meetings and messages are spread over the year before it. */
  now: Date;
  /** Members of Länsledning, called to every meeting and the managers broadcasts and remisser reach. */
  members: readonly SeedPerson[];
  organizer: SeedPerson;
  meetings: number;
  upcoming: number;
  broadcasts: number;
  remisser: number;
  cases: number;
  /** Writes at once (the embedded store takes a few dozen in parallel well). */
  parallel?: number;
}

/** A repeatable sequence of numbers in [0, 1), so a seeded year is the same every run. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

const iso = (d: DateTime) => d.toUTC().toISO()!;

/**
 * A year of the collaboration's work written straight into the store, as the features write it:
 * meetings with their answers, read marks and follow-up acknowledgements; broadcasts with their
 * deliveries and the parties' acknowledgements; remisser with answers; cases in every state. For the
 * tab's tests and the benchmark's "first view with a year of data".
 */
export async function seedCollaborationYear(store: Store, options: YearOptions): Promise<{ documents: number }> {
  const rnd = random(20_260_101);
  const now = DateTime.fromJSDate(options.now, { zone: TIME_ZONE });
  const docs: { container: keyof Store['containers']; doc: Doc }[] = [];
  const put = (container: keyof Store['containers'], doc: Doc) => docs.push({ container, doc });
  const invitees = options.members.map((m) => ({ aadObjectId: m.aadObjectId, name: m.name, email: m.email, partyId: m.partyId }));
  const parties = [...new Set(options.members.map((m) => m.partyId))];

  const total = options.meetings + options.upcoming;
  for (let i = 0; i < total; i++) {
    const past = i < options.meetings;
    const start = past
      ? now.minus({ days: Math.round(((options.meetings - i) * 360) / Math.max(1, options.meetings)) }).set({ hour: 9, minute: 0 })
      : now.plus({ days: 7 * (i - options.meetings + 1) }).set({ hour: 9, minute: 0 });
    const id = `m-seed-${String(i).padStart(4, '0')}-${start.toFormat('yyyyMMdd')}`;
    const created = start.minus({ days: 21 });
    const meeting: MeetingDoc = {
      id,
      pk: id,
      type: 'meeting',
      bodyId: 'lansledning',
      bodyName: 'Länsledning Välfärd',
      title: `Länsledningens möte ${start.setLocale('sv').toFormat('d LLLL')}`,
      startsAt: iso(start),
      endsAt: iso(start.plus({ hours: 3 })),
      location: 'Regionhuset, Gävle',
      onlineUrl: null,
      agenda: ['Mötets öppnande', 'Uppföljning', 'Övriga frågor'],
      materials: [],
      rsvpDeadline: iso(start.minus({ days: 5 }).set({ hour: 23, minute: 59 })),
      reading: { workingDaysBefore: [3], time: '08:00' },
      status: 'scheduled',
      sequence: 0,
      invitees,
      channel: null,
      organizer: { aadObjectId: options.organizer.aadObjectId, name: options.organizer.name, email: options.organizer.email },
      reminders: [],
      notes: past ? { text: 'Anteckningar', decisions: ['Beslut'], sentAt: iso(start.plus({ days: 1 })), sentBy: options.organizer.name, version: 1 } : null,
      cancelReason: null,
      createdAt: iso(created),
      updatedAt: iso(created),
    };
    put('meetings', meeting);
    const index: MeetingIndexDoc = { id, pk: MEETING_INDEX_PK, type: 'meeting-index', bodyId: meeting.bodyId, bodyName: meeting.bodyName, title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, status: 'scheduled' };
    put('meetings', index);
    for (const p of invitees) {
      const roll = rnd();
      if (roll < (past ? 0.9 : 0.5)) {
        const answeredAt = iso(created.plus({ hours: 1 + Math.floor(rnd() * 200) }));
        const response = roll < (past ? 0.75 : 0.4) ? 'attend' : 'absent';
        const rsvp: RsvpDoc = { id: rsvpId(p.aadObjectId), pk: id, type: 'rsvp', aadObjectId: p.aadObjectId, name: p.name, partyId: p.partyId, response, comment: null, substituteMentioned: false, firstAnsweredAt: answeredAt, answeredAt, changes: 0 };
        put('meetings', rsvp);
        if (past && response === 'absent' && rnd() < 0.6) {
          const ack: FollowUpAckDoc = { id: meetingAckId(p.aadObjectId), pk: id, type: 'followup-ack', aadObjectId: p.aadObjectId, name: p.name, partyId: p.partyId, ackedAt: iso(start.plus({ days: 3 })) };
          put('meetings', ack);
        }
      }
      if (rnd() < 0.6) {
        const read: ReadDoc = { id: readId(p.aadObjectId), pk: id, type: 'read', aadObjectId: p.aadObjectId, name: p.name, partyId: p.partyId, readAt: iso(start.minus({ days: 2 })) };
        put('meetings', read);
      }
    }
  }

  const author = { aadObjectId: options.organizer.aadObjectId, name: options.organizer.name };
  const plan = {
    parties: parties.map((partyId) => ({
      partyId,
      name: partyId,
      channel: null,
      members: options.members.filter((m) => m.partyId === partyId).map((m) => ({ aadObjectId: m.aadObjectId, name: m.name })),
      fallback: false,
    })),
    sharedChannel: null,
  };
  for (let i = 0; i < options.broadcasts; i++) {
    const sent = now.minus({ days: Math.round(((options.broadcasts - i) * 350) / Math.max(1, options.broadcasts)) });
    const id = `b-seed-${String(i).padStart(4, '0')}`;
    const requiresAck = i % 2 === 0;
    const broadcast: BroadcastDoc = {
      id, pk: id, type: 'broadcast', kind: i % 3 === 0 ? 'information' : 'decision', title: `Beslut ${i + 1}: samverkan`, text: 'Text', links: [],
      audience: { parties: 'all', bodyId: null }, targets: 'personal', requiresAck, sendAt: null, fromPartyId: null, status: 'sent', revision: 1,
      createdBy: author, createdAt: iso(sent), updatedAt: iso(sent), statusConversation: 'seed', plan, sentAt: iso(sent), cancelledAt: null,
      reminders: 0, lastReminderAt: null, statusUpdates: 0, lastStatusBatch: null,
    };
    put('dissemination', broadcast);
    const entry: IndexDoc = { id, pk: DISSEMINATION_INDEX, type: 'dissemination-index', item: 'broadcast', title: broadcast.title, createdAt: broadcast.createdAt, createdBy: author };
    put('dissemination', entry);
    for (const m of options.members) {
      const recipient = { kind: 'member' as const, aadObjectId: m.aadObjectId };
      const key = recipientKey(recipient);
      const dlvId = deliveryId('send', key);
      const failed = rnd() < 0.03;
      const delivery: DeliveryDoc = {
        id: dlvId, pk: id, type: 'delivery', batchId: 'send', recipient, recipientKey: key, shard: shardOf(dlvId), message: { template: 'broadcast', data: {} },
        status: failed ? 'failed' : 'sent', attempts: 1, notBefore: iso(sent), leaseOwner: null, leaseUntil: null, replaces: null, conversationKey: null,
        conversationId: null, activityId: failed ? null : `act-${i}-${m.aadObjectId}`, error: failed ? 'not installed' : null, sentAt: failed ? null : iso(sent), createdAt: iso(sent), updatedAt: iso(sent),
      };
      put('dissemination', delivery);
    }
    if (requiresAck) {
      for (const partyId of parties) {
        if (rnd() < 0.8) {
          const by = options.members.find((m) => m.partyId === partyId)!;
          const ack: AckDoc = { id: ackId(partyId), pk: id, type: 'broadcast-ack', partyId, by: { aadObjectId: by.aadObjectId, name: by.name }, at: iso(sent.plus({ hours: 2 + Math.floor(rnd() * 48) })) };
          put('dissemination', ack);
        }
      }
    }
  }
  for (let i = 0; i < options.remisser; i++) {
    const created = now.minus({ days: Math.round(((options.remisser - i) * 340) / Math.max(1, options.remisser)) });
    const id = `r-seed-${String(i).padStart(4, '0')}`;
    const due = created.plus({ days: 30 });
    const remiss: RemissDoc = {
      id, pk: id, type: 'remiss', title: `Remiss ${i + 1}: handlingsplan`, text: 'Text', dueDate: due.toISODate()!, partyIds: parties, attachmentUrl: null,
      createdBy: author, createdAt: iso(created), statusConversation: 'seed', plan, status: due < now ? 'closed' : 'open', reminders: 0, lastReminderAt: null, summarySentAt: null, summaries: 0,
    };
    put('dissemination', remiss);
    const entry: IndexDoc = { id, pk: DISSEMINATION_INDEX, type: 'dissemination-index', item: 'remiss', title: remiss.title, createdAt: remiss.createdAt, createdBy: author };
    put('dissemination', entry);
    for (const partyId of parties) {
      const roll = rnd();
      if (roll > 0.85) continue;
      const by = options.members.find((m) => m.partyId === partyId)!;
      const at = iso(created.plus({ days: 1 + Math.floor(rnd() * 35) }));
      const answer: RemissAnswerDoc = {
        id: answerId(partyId), pk: id, type: 'remiss-answer', partyId, state: roll < 0.75 ? 'answered' : 'declined', answer: roll < 0.75 ? 'Vi tillstyrker.' : null,
        reason: roll < 0.75 ? null : 'Berör inte oss.', attachmentUrl: null, by: { aadObjectId: by.aadObjectId, name: by.name }, at, firstAt: at, history: [],
      };
      put('dissemination', answer);
    }
  }
  const states: CaseState[] = ['received', 'preparing', 'returned', 'placed', 'closed', 'closed', 'withdrawn', 'placed'];
  for (let i = 0; i < options.cases; i++) {
    const created = now.minus({ days: Math.floor(rnd() * 300) });
    const submitter = options.members[i % options.members.length]!;
    const state = states[i % states.length]!;
    const dispute = i % 10 === 9;
    const seq = i + 1;
    const c: CaseDoc = {
      id: 'case', pk: formatCaseNumber(now.year, seq), type: 'case', caseId: formatCaseNumber(now.year, seq), year: now.year, seq,
      title: `Ärende ${seq}: samordning`, description: 'Beskrivning', caseType: dispute ? 'dispute' : 'question', area: 'vard-omsorg', perspectives: ['forebyggande'],
      vulnerableGroups: false, parties: [submitter.partyId], wishedDate: null, links: [],
      dispute: dispute ? { involved: [submitter.partyId, parties[(i + 1) % parties.length]!], principled: false, confirmedPrincipled: null, settleBy: null } : null,
      submitter: { aadObjectId: submitter.aadObjectId, name: submitter.name, partyId: submitter.partyId }, state,
      level: state === 'placed' ? (i % 3 === 0 ? 'utskott-vuxna' : 'lansledning') : null, holder: state === 'preparing' ? author : null,
      createdAt: iso(created), updatedAt: iso(created), version: 1,
      lastEvent: { seq: 1, kind: 'submit', from: null, to: 'received', level: null, actor: author, at: iso(created), comment: null },
    };
    put('cases', c);
    put('cases', summaryOf(c));
  }

  const parallel = options.parallel ?? 16;
  for (let i = 0; i < docs.length; i += parallel) {
    await Promise.all(docs.slice(i, i + parallel).map(({ container, doc }) => store.containers[container].upsert(doc)));
  }
  return { documents: docs.length };
}
