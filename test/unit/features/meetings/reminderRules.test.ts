import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { planReminders, readingReminderRecipients, rsvpReminderRecipients, followUpGroup, followUpNotAcknowledged, DEFAULT_READING } from '../../../../src/features/meetings/reminderRules';
import { isWorkingDay, workingDaysBefore } from '../../../../src/dates/workingDays';
import { easterSunday } from '../../../../src/dates/holidays';
import { parseLocalDateTime } from '../../../../src/dates/dates';
import type { Invitee } from '../../../../src/features/meetings/model';

const local = (text: string) => parseLocalDateTime(text)!;
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm' });

describe('Swedish working days', () => {
  it('knows Easter and the holidays that move with it', () => {
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2027), '2027-03-28');
    assert.equal(isWorkingDay(day('2026-04-03')), false, 'Good Friday');
    assert.equal(isWorkingDay(day('2026-04-06')), false, 'Easter Monday');
    assert.equal(isWorkingDay(day('2026-05-14')), false, 'Ascension Day');
  });

  it('skips midsummer eve, the national day and Christmas', () => {
    assert.equal(isWorkingDay(day('2026-06-19')), false, 'midsummer eve 2026');
    assert.equal(isWorkingDay(day('2026-06-18')), true);
    assert.equal(isWorkingDay(day('2025-06-06')), false, 'national day');
    assert.equal(isWorkingDay(day('2026-12-24')), false);
    assert.equal(isWorkingDay(day('2026-10-31')), false, 'a Saturday');
  });

  it('counts back over weekends and holidays', () => {
    assert.equal(workingDaysBefore(day('2026-10-30'), 3).toISODate(), '2026-10-27');
    assert.equal(workingDaysBefore(day('2026-04-07'), 1).toISODate(), '2026-04-02', 'over Easter');
    assert.equal(workingDaysBefore(day('2026-11-02'), 1).toISODate(), '2026-10-30', 'Monday to Friday');
  });
});

describe('the reminder plan of a meeting', () => {
  const meeting = {
    id: 'm-2026-10-30-abcdef0123',
    startsAt: local('2026-10-30T09:00'),
    rsvpDeadline: local('2026-10-23T23:59:59'),
    reading: DEFAULT_READING,
  };

  it('reminds to read 3 working days before and the working day before, at 08.00 Swedish time (after the DST change)', () => {
    const plan = planReminders(meeting, new Date('2026-10-01T08:00:00Z'));
    const reading = plan.filter((p) => p.kind === 'reading').map((p) => p.runAt);
    assert.deepEqual(reading, ['2026-10-27T07:00:00.000Z', '2026-10-29T07:00:00.000Z']);
  });

  it('reminds to answer on the working day before the deadline, at 08.00 (summer time, UTC+2)', () => {
    const plan = planReminders(meeting, new Date('2026-10-01T08:00:00Z'));
    assert.deepEqual(
      plan.filter((p) => p.kind === 'rsvp').map((p) => p.runAt),
      ['2026-10-22T06:00:00.000Z'],
    );
  });

  it('follows times the secretariat changed, and leaves out times already past', () => {
    const plan = planReminders({ ...meeting, reading: { workingDaysBefore: [5, 2], time: '13:30' } }, new Date('2026-10-26T00:00:00Z'));
    assert.deepEqual(
      plan.map((p) => [p.kind, p.runAt]),
      [['reading', '2026-10-28T12:30:00.000Z']],
    );
  });

  it('moves the RSVP reminder to the deadline morning when the day before has passed', () => {
    const plan = planReminders(meeting, new Date('2026-10-22T10:00:00Z'));
    assert.deepEqual(plan.filter((p) => p.kind === 'rsvp').map((p) => p.runAt), ['2026-10-23T06:00:00.000Z']);
  });

  it('gives every reminder a job id that names its time, so a moved reminder is a new job', () => {
    const a = planReminders(meeting, new Date('2026-10-01T08:00:00Z'));
    const b = planReminders({ ...meeting, startsAt: local('2026-11-06T09:00') }, new Date('2026-10-01T08:00:00Z'));
    assert.equal(new Set(a.map((p) => p.jobId)).size, a.length);
    assert.ok(a.filter((p) => p.kind === 'reading').every((p) => !b.some((q) => q.jobId === p.jobId)));
    assert.deepEqual(planReminders(meeting, new Date('2026-10-01T08:00:00Z')), a, 'the same meeting plans the same jobs');
  });
});

describe('who is reminded', () => {
  const people: Invitee[] = ['a', 'b', 'c', 'd'].map((id) => ({ aadObjectId: id, name: id, email: '', partyId: 'gavle' }));
  const answers = new Map([
    ['a', 'attend' as const],
    ['b', 'absent' as const],
  ]);

  it('reminds to read those who have not read and are not absent', () => {
    assert.deepEqual(readingReminderRecipients(people, answers, new Set(['a'])).map((p) => p.aadObjectId), ['c', 'd']);
  });

  it('reminds to answer only those who have not answered', () => {
    assert.deepEqual(rsvpReminderRecipients(people, answers).map((p) => p.aadObjectId), ['c', 'd']);
  });

  it('follows up with those who were absent or silent, until they acknowledge', () => {
    assert.deepEqual(followUpGroup(people, answers).map((p) => p.aadObjectId), ['b', 'c', 'd']);
    assert.deepEqual(followUpNotAcknowledged(people, answers, new Set(['c'])).map((p) => p.aadObjectId), ['b', 'd']);
  });
});
