import assert from 'node:assert/strict';
import fc from 'fast-check';
import { holidayOn, weekdayOf } from '../../../../src/dates/holidays';
import { decideAddDate, defaultFirstDate, emptyPlan, proposeFridays } from '../../../../src/features/yearPlan/yearPlanRules';

const now = new Date('2025-11-20T10:00:00Z');

describe('year plan proposals', () => {
  it('proposes Fridays every four weeks in 2026 and moves the meeting off Good Friday', () => {
    const dates = proposeFridays({ year: 2026, firstDate: '2026-01-09', intervalWeeks: 4, start: '09:00', end: '12:00', skipJuly: true });
    assert.deepEqual(
      dates.map((d) => d.date),
      ['2026-01-09', '2026-02-06', '2026-03-06', '2026-04-10', '2026-05-08', '2026-05-29', '2026-06-26', '2026-08-21', '2026-09-18', '2026-10-16', '2026-11-13', '2026-12-11'],
    );
    const moved = dates.find((d) => d.movedFrom === '2026-04-03');
    assert.equal(moved?.date, '2026-04-10', 'Good Friday 3 April moves to 10 April');
    assert.equal(dates.find((d) => d.movedFrom === '2026-05-01')?.date, '2026-05-08', 'May Day on a Friday moves a week');
  });

  it('starts after Epiphany by default', () => {
    assert.equal(defaultFirstDate(2026), '2026-01-09');
    assert.equal(defaultFirstDate(2027), '2027-01-08');
  });

  it('only ever proposes Fridays in the year that are not Swedish holidays, and none in July when July is skipped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 28 }), fc.boolean(), (year, interval, day, skipJuly) => {
        const dates = proposeFridays({ year, firstDate: `${year}-01-${String(day).padStart(2, '0')}`, intervalWeeks: interval, start: '09:00', end: '12:00', skipJuly });
        const unique = new Set(dates.map((d) => d.date)).size === dates.length;
        return unique && dates.every((d) => weekdayOf(d.date) === 5 && !holidayOn(d.date) && d.date.startsWith(`${year}-`) && !(skipJuly && d.date.slice(5, 7) === '07'));
      }),
    );
  });

  it('asks before adding a date that is not a Friday or is a holiday', () => {
    const plan = emptyPlan(2026, now);
    const thursday = decideAddDate(plan, 'lansledning', { date: '2026-03-12', start: '09:00', end: '12:00' }, false, now);
    assert.equal(thursday.kind, 'confirm');
    const goodFriday = decideAddDate(plan, 'lansledning', { date: '2026-04-03', start: '09:00', end: '12:00' }, false, now);
    assert.ok(goodFriday.kind === 'confirm' && goodFriday.warnings.some((w) => w.kind === 'holiday'));
    assert.equal(decideAddDate(plan, 'lansledning', { date: '2026-03-12', start: '09:00', end: '12:00' }, true, now).kind, 'added');
    assert.deepEqual(decideAddDate(plan, 'lansledning', { date: '2027-01-08', start: '09:00', end: '12:00' }, true, now), { kind: 'rejected', reason: 'otherYear' });
  });
});
