import assert from 'node:assert/strict';
import { createSchema, rsvpSchema, notesSchema, updateSchema } from '../../../../src/features/meetings/schemas';
import { parseLocalDateTime } from '../../../../src/dates/dates';

describe('the meeting form as Teams sends it (strings)', () => {
  const form = {
    bodyId: 'lansledning',
    title: '  Länsledning Välfärd, oktober ',
    date: '2026-10-30',
    startTime: '09:00',
    endTime: '12:00',
    location: 'Gävle',
    onlineUrl: '',
    agenda: '1. Uppföljning\n\n- Remiss om SIP\r\n',
    materials: 'Handlingsplan | https://docs.example/plan.pdf\nhttps://docs.example/bilaga.pdf',
    rsvpDeadline: '2026-10-23',
    readingReminderDays: '5, 1',
    readingReminderTime: '07:30',
    confirmNotFriday: 'false',
  };

  it('becomes a meeting in Swedish local time, with agenda items and materials parsed from lines', () => {
    const parsed = createSchema.parse(form);
    assert.equal(parsed.title, 'Länsledning Välfärd, oktober');
    assert.equal(parsed.startsAt.toISOString(), '2026-10-30T08:00:00.000Z');
    assert.equal(parsed.endsAt.toISOString(), '2026-10-30T11:00:00.000Z');
    assert.deepEqual(parsed.agenda, ['Uppföljning', 'Remiss om SIP']);
    assert.deepEqual(parsed.materials, [
      { title: 'Handlingsplan', url: 'https://docs.example/plan.pdf' },
      { title: 'https://docs.example/bilaga.pdf', url: 'https://docs.example/bilaga.pdf' },
    ]);
    assert.equal(parsed.onlineUrl, null);
    assert.equal(parsed.rsvpDeadline?.toISOString(), parseLocalDateTime('2026-10-23T23:59:59.999')!.toISOString());
    assert.deepEqual(parsed.reading, { workingDaysBefore: [5, 1], time: '07:30' });
    assert.equal(parsed.confirmNotFriday, false);
  });

  it('accepts the contract form too: ISO start and end, agenda and materials as lists, a boolean confirmation', () => {
    const parsed = createSchema.parse({
      bodyId: 'lansledning',
      title: 'Möte',
      startsAt: '2026-10-27T09:00',
      endsAt: '2026-10-27T12:00+01:00',
      location: 'Gävle',
      agenda: ['Uppföljning'],
      materials: [{ title: 'Plan', url: 'https://docs.example/plan.pdf' }],
      confirmNotFriday: true,
    });
    assert.equal(parsed.startsAt.toISOString(), '2026-10-27T08:00:00.000Z');
    assert.equal(parsed.endsAt.toISOString(), '2026-10-27T11:00:00.000Z');
    assert.deepEqual(parsed.materials, [{ title: 'Plan', url: 'https://docs.example/plan.pdf' }]);
    assert.equal(parsed.confirmNotFriday, true);
    assert.equal(parsed.reading, null);
  });

  it('refuses a material line without a web address, a bad time, and reminder days out of range', () => {
    const problems = (data: object) => {
      const r = createSchema.safeParse({ ...form, ...data });
      return r.success ? [] : r.error.issues.map((i) => i.path[0]);
    };
    assert.deepEqual(problems({ materials: 'Plan | ftp://x' }), ['materials']);
    assert.deepEqual(problems({ materials: 'javascript:alert(1)' }), ['materials']);
    assert.deepEqual(problems({ startTime: '25:00' }), ['startTime']);
    assert.deepEqual(problems({ readingReminderDays: '3, 99' }), ['readingReminderDays']);
    assert.deepEqual(problems({ onlineUrl: 'not a link' }), ['onlineUrl']);
  });

  it('carries the version the edit form was opened on', () => {
    const parsed = updateSchema.parse({ ...form, meetingId: 'm-2026-10-30-abcdef0123', sequence: '2' });
    assert.equal(parsed.sequence, 2);
    assert.equal(parsed.meetingId, 'm-2026-10-30-abcdef0123');
  });
});

describe('an RSVP card payload', () => {
  it('is the member’s own answer: a field naming another person is refused', () => {
    const ok = rsvpSchema.safeParse({ meetingId: 'm-2026-10-30-abcdef0123', response: 'absent', comment: '' });
    assert.deepEqual(ok.success && ok.data, { meetingId: 'm-2026-10-30-abcdef0123', response: 'absent', comment: null });
    assert.equal(rsvpSchema.safeParse({ meetingId: 'm-2026-10-30-abcdef0123', response: 'attend', aadObjectId: 'someone-else' }).success, false);
    assert.equal(rsvpSchema.safeParse({ meetingId: 'm-2026-10-30-abcdef0123', response: 'substitute' }).success, false);
    assert.equal(rsvpSchema.safeParse({ meetingId: '../other', response: 'attend' }).success, false);
  });
});

describe('the notes form', () => {
  it('takes one decision per line', () => {
    const parsed = notesSchema.parse({ meetingId: 'm-2026-10-30-abcdef0123', notes: ' Anteckningar ', decisions: 'Planen fastställs.\n\n2. Remissvar lämnas.' });
    assert.deepEqual(parsed.decisions, ['Planen fastställs.', 'Remissvar lämnas.']);
    assert.equal(parsed.notes, 'Anteckningar');
  });
});
