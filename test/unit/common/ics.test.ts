import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { buildIcs, foldLine } from '../../../src/common/ics';
import { parseLocalDateTime } from '../../../src/dates/dates';

function event(startsAt: string, endsAt: string, overrides: Partial<Parameters<typeof buildIcs>[0]> = {}) {
  return {
    uid: 'm-test-0001@lansledning-valfard',
    sequence: 0,
    cancelled: false,
    title: 'Länsledning Välfärd, oktober',
    description: 'Dagordning:\n1. Uppföljning, handlingsplan; beslut',
    location: 'Region Gävleborg, Gävle',
    url: 'https://teams.example/meet/1',
    startsAt: parseLocalDateTime(startsAt)!,
    endsAt: parseLocalDateTime(endsAt)!,
    stamp: new Date('2026-10-01T08:00:00Z'),
    organizer: { name: 'Sara Sekreterare', email: 'sara@example.se' },
    ...overrides,
  };
}

/** What a calendar client does on import: read the file's own VTIMEZONE and place the event in time. */
function imported(ics: string): { start: Date; end: Date; startLocal: string; method: string; sequence: number; status: string } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
  ICAL.TimezoneService.register(zone, 'Europe/Stockholm');
  try {
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const e = new ICAL.Event(vevent);
    return {
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      startLocal: e.startDate.toString(),
      method: String(calendar.getFirstPropertyValue('method')),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      status: String(vevent.getFirstPropertyValue('status')),
    };
  } finally {
    ICAL.TimezoneService.remove('Europe/Stockholm');
  }
}

describe('the .ics invitation', () => {
  it('puts a meeting on the last Friday of October, after the clocks went back, at the right time (CET, UTC+1)', () => {
    const file = buildIcs(event('2026-10-30T09:00', '2026-10-30T12:00'));
    assert.match(file, /DTSTART;TZID=Europe\/Stockholm:20261030T090000\r\n/);
    const e = imported(file);
    assert.equal(e.start.toISOString(), '2026-10-30T08:00:00.000Z');
    assert.equal(e.end.toISOString(), '2026-10-30T11:00:00.000Z');
  });

  it('puts a summer meeting at the right time (CEST, UTC+2)', () => {
    const e = imported(buildIcs(event('2026-06-12T09:00', '2026-06-12T15:30')));
    assert.equal(e.start.toISOString(), '2026-06-12T07:00:00.000Z');
    assert.equal(e.end.toISOString(), '2026-06-12T13:30:00.000Z');
  });

  it('keeps the local time for a meeting the Friday before the change (still CEST)', () => {
    const e = imported(buildIcs(event('2026-10-23T09:00', '2026-10-23T12:00')));
    assert.equal(e.start.toISOString(), '2026-10-23T07:00:00.000Z');
    assert.equal(e.startLocal, '2026-10-23T09:00:00');
  });

  it('says PUBLISH with its sequence while the meeting stands, and CANCEL when it is cancelled', () => {
    const standing = imported(buildIcs(event('2026-10-30T09:00', '2026-10-30T12:00', { sequence: 2 })));
    assert.deepEqual([standing.method, standing.sequence, standing.status], ['PUBLISH', 2, 'CONFIRMED']);
    const cancelled = imported(buildIcs(event('2026-10-30T09:00', '2026-10-30T12:00', { sequence: 3, cancelled: true })));
    assert.deepEqual([cancelled.method, cancelled.sequence, cancelled.status], ['CANCEL', 3, 'CANCELLED']);
  });

  it('escapes text and folds long lines without splitting a character', () => {
    const file = buildIcs(event('2026-10-30T09:00', '2026-10-30T12:00', { title: 'Möte; om ärenden, och åtgärder '.repeat(6) }));
    for (const line of file.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
    assert.match(file, /SUMMARY:Möte\\; om ärenden\\, och/);
    const folded = foldLine('å'.repeat(100));
    assert.equal(folded.replace(/\r\n /g, ''), 'å'.repeat(100));
  });
});
