import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, easterSunday, holidayOn, swedishHolidays, weekdayOf } from '../../../src/dates/holidays';

describe('Swedish public holidays', () => {
  it('finds Easter by the computus', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2027), '2027-03-28');
    assert.equal(easterSunday(2038), '2038-04-25');
  });

  it('knows the holidays of 2026, Good Friday on 3 April among them', () => {
    const byName = Object.fromEntries(swedishHolidays(2026).map((h) => [h.name.sv, h.date]));
    assert.deepEqual(byName, {
      Nyårsdagen: '2026-01-01',
      'Trettondedag jul': '2026-01-06',
      Långfredagen: '2026-04-03',
      Påskdagen: '2026-04-05',
      'Annandag påsk': '2026-04-06',
      'Första maj': '2026-05-01',
      'Kristi himmelsfärdsdag': '2026-05-14',
      Pingstdagen: '2026-05-24',
      'Sveriges nationaldag': '2026-06-06',
      Midsommarafton: '2026-06-19',
      Midsommardagen: '2026-06-20',
      'Alla helgons dag': '2026-10-31',
      Julafton: '2026-12-24',
      Juldagen: '2026-12-25',
      'Annandag jul': '2026-12-26',
      Nyårsafton: '2026-12-31',
    });
    assert.equal(holidayOn('2026-04-03')?.name.en, 'Good Friday');
    assert.equal(holidayOn('2026-04-10'), undefined);
  });

  it('puts Midsummer Eve on a Friday between 19 and 25 June and All Saints on a Saturday between 31 October and 6 November', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const list = swedishHolidays(year);
        const eve = list.find((h) => h.name.sv === 'Midsommarafton')!.date;
        const saints = list.find((h) => h.name.sv === 'Alla helgons dag')!.date;
        return (
          weekdayOf(eve) === 5 && eve >= `${year}-06-19` && eve <= `${year}-06-25` &&
          weekdayOf(saints) === 6 && saints >= `${year}-10-31` && saints <= `${year}-11-06`
        );
      }),
    );
  });

  it('always has Easter on a Sunday between 22 March and 25 April, Good Friday two days before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        const goodFriday = swedishHolidays(year).find((h) => h.name.en === 'Good Friday')!.date;
        return weekdayOf(easter) === 7 && easter >= `${year}-03-22` && easter <= `${year}-04-25` && goodFriday === addDays(easter, -2) && weekdayOf(goodFriday) === 5;
      }),
    );
  });
});
