import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MeetingInput } from '../../../../src/features/meetings/meetingRules';
import { decideMeeting } from '../../../../src/features/meetings/meetingRules';
import { decideFollowUpAck, decideRsvp } from '../../../../src/features/meetings/answerRules';
import type { MeetingDoc } from '../../../../src/features/meetings/model';
import { tallyByParty } from '../../../../src/features/meetings/tallyRules';
import { parseLocalDateTime } from '../../../../src/dates/dates';

const local = (text: string) => parseLocalDateTime(text)!;
const NOW = new Date('2026-10-01T08:00:00Z');

function input(overrides: Partial<MeetingInput> = {}): MeetingInput {
  return {
    bodyId: 'lansledning',
    title: 'Länsledning Välfärd, oktober',
    startsAt: local('2026-10-30T09:00'),
    endsAt: local('2026-10-30T12:00'),
    location: 'Gävle',
    onlineUrl: null,
    agenda: [],
    materials: [],
    rsvpDeadline: null,
    reading: null,
    confirmNotFriday: false,
    ...overrides,
  };
}

describe('a new meeting notice', () => {
  it('is accepted on a Friday, with the default deadline two working days before and the default reminders', () => {
    const decision = decideMeeting(input(), { now: NOW, bodyKnown: true });
    assert.equal(decision.kind, 'ok');
    if (decision.kind !== 'ok') return;
    assert.equal(decision.plan.rsvpDeadline.toISOString(), local('2026-10-28T23:59:59.999').toISOString());
    assert.deepEqual(decision.plan.reading, { workingDaysBefore: [3, 1], time: '08:00' });
  });

  it('on another weekday asks the secretariat to confirm, and goes through once confirmed', () => {
    const tuesday = { startsAt: local('2026-10-27T09:00'), endsAt: local('2026-10-27T12:00') };
    assert.deepEqual(decideMeeting(input(tuesday), { now: NOW, bodyKnown: true }), { kind: 'confirm-weekday', weekday: 2 });
    assert.equal(decideMeeting(input({ ...tuesday, confirmNotFriday: true }), { now: NOW, bodyKnown: true }).kind, 'ok');
  });

  it('lists every problem at once', () => {
    const decision = decideMeeting(
      input({ startsAt: local('2026-09-30T09:00'), endsAt: local('2026-09-30T08:00'), location: null, rsvpDeadline: local('2026-10-02T12:00') }),
      { now: NOW, bodyKnown: false },
    );
    assert.deepEqual(decision, {
      kind: 'invalid',
      problems: ['unknown-body', 'ends-not-after-start', 'starts-in-past', 'no-place', 'deadline-after-start'],
    });
  });

  it('refuses a deadline that has passed, and moves a deadline on the meeting day to the start', () => {
    assert.deepEqual(decideMeeting(input({ rsvpDeadline: local('2026-09-30T12:00') }), { now: NOW, bodyKnown: true }), {
      kind: 'invalid',
      problems: ['deadline-past'],
    });
    const sameDay = decideMeeting(input({ rsvpDeadline: local('2026-10-30T23:59:59') }), { now: NOW, bodyKnown: true });
    assert.equal(sameDay.kind === 'ok' && sameDay.plan.rsvpDeadline.toISOString(), local('2026-10-30T09:00').toISOString());
  });

  it('cannot be edited once cancelled or started, nor moved to another body', () => {
    const previous = { status: 'scheduled' as const, startsAt: '2026-09-25T07:00:00.000Z', reading: { workingDaysBefore: [3, 1], time: '08:00' }, bodyId: 'lansledning' };
    assert.deepEqual(decideMeeting(input(), { now: NOW, bodyKnown: true, previous }), { kind: 'invalid', problems: ['already-started'] });
    const future = { ...previous, startsAt: '2026-10-30T08:00:00.000Z' };
    assert.deepEqual(decideMeeting(input({ bodyId: 'utskott-vuxna' }), { now: NOW, bodyKnown: true, previous: future }), {
      kind: 'invalid',
      problems: ['body-fixed'],
    });
    assert.equal(decideMeeting(input(), { now: NOW, bodyKnown: true, previous: { ...future, status: 'cancelled' } }).kind, 'invalid');
  });

  it('keeps an already confirmed weekday without asking again', () => {
    const previous = { status: 'scheduled' as const, startsAt: local('2026-10-27T09:00').toISOString(), reading: { workingDaysBefore: [2], time: '09:00' }, bodyId: 'lansledning' };
    const decision = decideMeeting(input({ startsAt: local('2026-10-27T10:00'), endsAt: local('2026-10-27T12:00') }), { now: NOW, bodyKnown: true, previous });
    assert.equal(decision.kind, 'ok');
    assert.deepEqual(decision.kind === 'ok' && decision.plan.reading, { workingDaysBefore: [2], time: '09:00' });
  });

  it('always has its RSVP deadline after now and not after the start, whatever the dates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 24 }), fc.integer({ min: 1, max: 72 }), fc.option(fc.integer({ min: -300, max: 400 * 24 })), (startH, lengthH, deadlineH) => {
        const startsAt = new Date(NOW.getTime() + startH * 3_600_000);
        const endsAt = new Date(startsAt.getTime() + lengthH * 3_600_000);
        const rsvpDeadline = deadlineH === null ? null : new Date(NOW.getTime() + deadlineH * 3_600_000);
        const decision = decideMeeting(input({ startsAt, endsAt, rsvpDeadline, confirmNotFriday: true }), { now: NOW, bodyKnown: true });
        if (decision.kind !== 'ok') return true;
        return decision.plan.rsvpDeadline > NOW && decision.plan.rsvpDeadline <= startsAt;
      }),
    );
  });
});

const meeting: Pick<MeetingDoc, 'status' | 'bodyId' | 'invitees' | 'rsvpDeadline' | 'startsAt' | 'endsAt' | 'notes'> = {
  status: 'scheduled',
  bodyId: 'lansledning',
  invitees: [{ aadObjectId: 'anna', name: 'Anna', email: '', partyId: 'gavle' }],
  rsvpDeadline: '2026-10-28T22:59:59.999Z',
  startsAt: '2026-10-30T08:00:00.000Z',
  endsAt: '2026-10-30T11:00:00.000Z',
  notes: null,
};
const anna = { aadObjectId: 'anna', bodies: ['lansledning'] };

describe('an RSVP', () => {
  it('is recorded for an invited member before the deadline', () => {
    assert.deepEqual(decideRsvp(meeting, anna, { response: 'attend', comment: 'digitalt' }, NOW, null), {
      kind: 'record',
      response: 'attend',
      comment: 'digitalt',
      substituteMentioned: false,
      late: false,
    });
  });

  it('records only the absence when the comment names a substitute', () => {
    assert.deepEqual(decideRsvp(meeting, anna, { response: 'absent', comment: 'Skickar Per istället' }, NOW, null), {
      kind: 'record',
      response: 'absent',
      comment: null,
      substituteMentioned: true,
      late: false,
    });
  });

  it('is refused for someone not in the body, for a cancelled meeting, and as a change after the deadline', () => {
    const stranger = { aadObjectId: 'olle', bodies: ['utskott-vuxna'] };
    assert.deepEqual(decideRsvp(meeting, stranger, { response: 'attend', comment: null }, NOW, null), { kind: 'refused', reason: 'not-invited' });
    assert.deepEqual(decideRsvp({ ...meeting, status: 'cancelled' }, anna, { response: 'attend', comment: null }, NOW, null), { kind: 'refused', reason: 'cancelled' });
    assert.deepEqual(decideRsvp(meeting, anna, { response: 'absent', comment: null }, new Date('2026-10-29T00:00:00Z'), 'attend'), {
      kind: 'refused',
      reason: 'deadline-passed',
    });
  });

  it('registers a first answer after the deadline as late, until the meeting starts', () => {
    const afterDeadline = new Date('2026-10-29T00:00:00Z');
    assert.deepEqual(decideRsvp(meeting, anna, { response: 'attend', comment: null }, afterDeadline, null), {
      kind: 'record',
      response: 'attend',
      comment: null,
      substituteMentioned: false,
      late: true,
    });
    assert.deepEqual(decideRsvp(meeting, anna, { response: 'absent', comment: null }, new Date(meeting.startsAt), null), { kind: 'refused', reason: 'started' });
  });

  it('accepts a member who joined the body after the notice went out', () => {
    const newcomer = { aadObjectId: 'nils', bodies: ['lansledning'] };
    assert.equal(decideRsvp(meeting, newcomer, { response: 'absent', comment: null }, NOW, null).kind, 'record');
  });

  it('never changes an answer after the deadline, takes a first one until the start, and never keeps a comment that names a substitute (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('attend' as const, 'absent' as const),
        fc.constantFrom('attend' as const, 'absent' as const, null),
        fc.string(),
        fc.integer({ min: -10_000, max: 10_000 }),
        (response, previous, comment, minutes) => {
          const now = new Date(new Date(meeting.rsvpDeadline).getTime() + minutes * 60_000);
          const decision = decideRsvp(meeting, anna, { response, comment: `${comment} ersättare` }, now, previous);
          const open = minutes <= 0 || (previous === null && now < new Date(meeting.startsAt));
          if (!open) return decision.kind === 'refused';
          return decision.kind === 'record' && decision.comment === null && decision.substituteMentioned && decision.late === minutes > 0;
        },
      ),
    );
  });
});

describe('the follow-up acknowledgement', () => {
  it('waits for the notes', () => {
    assert.deepEqual(decideFollowUpAck(meeting, anna), { kind: 'refused', reason: 'no-notes' });
    const withNotes = { ...meeting, notes: { text: 'x', decisions: [], sentAt: '', sentBy: '', version: 1 } };
    assert.deepEqual(decideFollowUpAck(withNotes, anna), { kind: 'record' });
  });
});

describe('the counts per party', () => {
  it('adds up to the number invited, per party and in total (property)', () => {
    const parties = ['region-gavleborg', 'gavle', 'hofors', 'ljusdal'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...parties), fc.constantFrom('attend', 'absent', 'none'), fc.boolean()), { maxLength: 200 }),
        (rows) => {
          const people = rows.map(([partyId], i) => ({ aadObjectId: `p${i}`, name: `P${i}`, email: '', partyId }));
          const answers = new Map(rows.flatMap(([, a], i) => (a === 'none' ? [] : [[`p${i}`, a] as [string, 'attend' | 'absent']])));
          const read = new Set(rows.flatMap(([, , r], i) => (r ? [`p${i}`] : [])));
          const tally = tallyByParty(people, answers, read, parties);
          const { total } = tally;
          return (
            total.invited === rows.length &&
            total.attending + total.absent + total.notAnswered === total.invited &&
            total.read === read.size &&
            tally.parties.every((p) => p.attending + p.absent + p.notAnswered === p.invited) &&
            tally.parties.reduce((n, p) => n + p.invited, 0) === rows.length
          );
        },
      ),
    );
  });

  it('lists parties in the agreement order', () => {
    const people = [
      { aadObjectId: 'x', name: 'X', email: '', partyId: 'gavle' },
      { aadObjectId: 'y', name: 'Y', email: '', partyId: 'region-gavleborg' },
    ];
    const tally = tallyByParty(people, new Map([['x', 'attend']]), new Set(), ['region-gavleborg', 'bollnas', 'gavle']);
    assert.deepEqual(tally.parties.map((p) => [p.partyId, p.attending, p.notAnswered]), [['region-gavleborg', 0, 1], ['gavle', 1, 0]]);
  });
});
