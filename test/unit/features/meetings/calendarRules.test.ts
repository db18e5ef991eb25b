import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AttendeeAnswer } from '../../../../src/calendar/port';
import { decideCalendarAnswers, noteKey, type CalendarAnswerFacts } from '../../../../src/features/meetings/calendarRules';
import type { Invitee } from '../../../../src/features/meetings/model';

const anna: Invitee = { aadObjectId: 'a', name: 'Anna', email: 'Anna@Gavle.example', partyId: 'gavle' };
const bo: Invitee = { aadObjectId: 'b', name: 'Bo', email: 'bo@sandviken.example', partyId: 'sandviken' };

function facts(attendees: AttendeeAnswer[], overrides: Partial<CalendarAnswerFacts> = {}): CalendarAnswerFacts {
  return {
    meeting: { status: 'scheduled', invitees: [anna, bo], rsvpDeadline: '2026-10-23T21:59:59.999Z' },
    organizer: 'lansledning@region.example',
    attendees,
    stored: new Map(),
    noted: new Set(),
    now: new Date('2026-10-05T08:00:00Z'),
    ...overrides,
  };
}
const answer = (email: string, response: AttendeeAnswer['response'], respondedAt: string | null = '2026-10-02T07:00:00.000Z'): AttendeeAnswer => ({
  email,
  name: email,
  response,
  respondedAt,
});

describe('answers in Outlook, read against what is stored', () => {
  it('accepted is attend, declined is absent (matched on the e-mail address, whatever its case)', () => {
    const steps = decideCalendarAnswers(facts([answer('anna@gavle.example', 'declined'), answer('bo@sandviken.example', 'accepted')]));
    assert.deepEqual(
      steps.map((s) => s.kind === 'record' && [s.invitee.aadObjectId, s.response]),
      [
        ['a', 'absent'],
        ['b', 'attend'],
      ],
    );
  });

  it('tentative is not an answer: a note for the secretariat, once', () => {
    const steps = decideCalendarAnswers(facts([answer('bo@sandviken.example', 'tentative')]));
    assert.deepEqual(steps.map((s) => s.kind === 'note' && s.note), ['tentative']);
    assert.deepEqual(decideCalendarAnswers(facts([answer('bo@sandviken.example', 'tentative')], { noted: new Set([noteKey('tentative', 'bo@sandviken.example')]) })), []);
  });

  it('someone not invited (a forwarded invitation) is never counted, only noted; the organizer is ignored', () => {
    const steps = decideCalendarAnswers(facts([answer('kim@gavle.example', 'accepted'), answer('lansledning@region.example', 'accepted')]));
    assert.deepEqual(steps.map((s) => s.kind === 'note' && [s.note, s.invitee]), [['forwarded', null]]);
  });

  it('the latest answer counts: an older answer in Outlook does not undo the card, and one after the deadline is not taken', () => {
    const stored = new Map([['a', { response: 'attend' as const, answeredAt: '2026-10-03T00:00:00.000Z' }]]);
    assert.deepEqual(decideCalendarAnswers(facts([answer('anna@gavle.example', 'declined')], { stored })), []);
    assert.equal(decideCalendarAnswers(facts([answer('anna@gavle.example', 'declined', '2026-10-04T00:00:00.000Z')], { stored })).length, 1);
    assert.deepEqual(decideCalendarAnswers(facts([answer('anna@gavle.example', 'declined', '2026-10-24T00:00:00.000Z')])), []);
    assert.deepEqual(decideCalendarAnswers(facts([answer('anna@gavle.example', 'declined')], { meeting: { status: 'cancelled', invitees: [anna], rsvpDeadline: '2026-10-23T21:59:59.999Z' } })), []);
  });

  it('reading the same event again after applying what it said yields nothing (every notification is idempotent)', () => {
    const responses = fc.constantFrom<AttendeeAnswer['response']>('accepted', 'declined', 'tentative', 'none');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('anna@gavle.example', 'bo@sandviken.example', 'kim@x.example'), responses), { maxLength: 6 }), (list) => {
        const attendees = list.map(([email, response], i) => answer(email, response, response === 'none' ? null : `2026-10-0${1 + (i % 9)}T00:00:00.000Z`));
        const first = decideCalendarAnswers(facts(attendees));
        const stored = new Map<string, { response: 'attend' | 'absent'; answeredAt: string }>();
        const noted = new Set<string>();
        for (const step of first) {
          if (step.kind === 'record') {
            const before = stored.get(step.invitee.aadObjectId);
            if (!before || before.answeredAt < step.respondedAt) stored.set(step.invitee.aadObjectId, { response: step.response, answeredAt: step.respondedAt });
          } else noted.add(noteKey(step.note, step.email));
        }
        const second = decideCalendarAnswers(facts(attendees, { stored, noted }));
        return second.every((s) => s.kind === 'record' && stored.get(s.invitee.aadObjectId)!.answeredAt < s.respondedAt);
      }),
    );
  });
});
