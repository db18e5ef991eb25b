import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parseTypedDate, parseTypedTime } from '../../../src/dates/typedDates';

describe('dates as people type them and as Teams clients send them', () => {
  const day = '2027-01-29';
  const written = [
    // What Input.Date sends on desktop, web and current mobile clients.
    '2027-01-29',
    // Older mobile renderers: an ISO date-time, with or without an offset, or a US date.
    '2027-01-29T00:00:00',
    '2027-01-29T00:00:00Z',
    '2027-01-28T23:00:00.000Z',
    '2027-01-29T00:00:00.000+01:00',
    '2027-01-29T00:00:00-08:00',
    '01/29/2027',
    // Typed, the Swedish ways.
    '29/1 2027',
    '29/1/2027',
    '29/01/2027',
    '29.1.2027',
    '29-1-2027',
    '29 januari 2027',
    '29 jan 2027',
    '29 jan. 2027',
    'fredag 29 januari 2027',
    ' 29  Januari  2027 ',
    '20270129',
    // Typed, the English ways.
    '29 January 2027',
    '29th January 2027',
    'January 29, 2027',
    'Jan 29 2027',
    'Friday, 29 January 2027',
  ];
  for (const text of written) {
    it(`reads "${text}" as 29 January 2027`, () => {
      assert.equal(parseTypedDate(text), day);
    });
  }

  it('reads a slashed date day first, as Swedes and Britons write it, when both readings are possible', () => {
    assert.equal(parseTypedDate('6/4 2027'), '2027-04-06');
    assert.equal(parseTypedDate('06/04/2027'), '2027-04-06');
  });

  it('turns down what is no date: impossible days, other years, words, half dates', () => {
    for (const text of ['', '2027-02-30', '31/4 2027', '29 smörgås 2027', '9999-01-01', '1999-12-31', 'imorgon', '29/1', '2027-13-01', '32 januari 2027']) {
      assert.equal(parseTypedDate(text), undefined, text);
    }
  });

  it('reads every day of the century the same way in every written form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T12:00:00Z'), max: new Date('2099-12-31T12:00:00Z'), noInvalidDate: true }), (date) => {
        const d = DateTime.fromJSDate(date, { zone: 'Europe/Stockholm' });
        const iso = d.toISODate()!;
        const sv = d.setLocale('sv-SE').toFormat('d MMMM yyyy');
        const en = d.setLocale('en-GB').toFormat('d MMMM yyyy');
        const us = d.setLocale('en-US').toFormat('MMMM d, yyyy');
        for (const text of [iso, `${d.day}/${d.month} ${d.year}`, `${d.day}.${d.month}.${d.year}`, sv, en, us]) assert.equal(parseTypedDate(text), iso, text);
      }),
    );
  });

  it('reads times as Swedes and clients write them', () => {
    assert.equal(parseTypedTime('09.30'), '09:30');
    assert.equal(parseTypedTime('9:30'), '09:30');
    assert.equal(parseTypedTime('kl. 9.30'), '09:30');
    assert.equal(parseTypedTime('0930'), '09:30');
    assert.equal(parseTypedTime('9'), '09:00');
    assert.equal(parseTypedTime('09:30:00'), '09:30');
    for (const text of ['24:00', '9.75', 'nio', '', '930']) assert.equal(parseTypedTime(text), undefined, text);
  });
});
