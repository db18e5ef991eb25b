import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DashboardInput, Table } from '../../../../src/kit/dashboard';
import type { MeetingRecord } from '../../../../src/features/meetings/dashboardRules';
import { median, percent } from '../../../../src/kit/dashboard';
import { followUpTable, meetingPartyTable, meetingsView, meetingsYearView, upcomingTable, yearFigures } from '../../../../src/features/meetings/dashboardRules';
import type { Invitee, RsvpResponse } from '../../../../src/features/meetings/model';

const PARTIES: DashboardInput['parties'] = [
  { id: 'region-gavleborg', name: 'Region Gävleborg', kind: 'region' },
  { id: 'gavle', name: 'Gävle kommun', kind: 'municipality' },
  { id: 'ockelbo', name: 'Ockelbo kommun', kind: 'municipality' },
];
const input = (locale: 'sv' | 'en' = 'sv'): DashboardInput => ({ locale, now: new Date('2026-12-01T08:00:00Z'), parties: PARTIES });

const invitee = (n: number, partyId: string): Invitee => ({ aadObjectId: `p-${n}`, name: `Person ${n}`, email: '', partyId });

/** A meeting whose invitees answered as given ('attend', 'absent' or none), read and acknowledged as given. */
function record(
  people: { who: Invitee; answer?: RsvpResponse; read?: boolean; acked?: boolean; hours?: number }[],
  extra: Partial<MeetingRecord['meeting']> = {},
): MeetingRecord {
  const created = '2026-11-01T08:00:00.000Z';
  const rsvps = people
    .filter((p) => p.answer)
    .map((p) => ({
      id: `rsvp:${p.who.aadObjectId}`,
      pk: 'm',
      _etag: '',
      type: 'rsvp' as const,
      aadObjectId: p.who.aadObjectId,
      name: p.who.name,
      partyId: p.who.partyId,
      response: p.answer!,
      comment: null,
      substituteMentioned: false,
      firstAnsweredAt: new Date(Date.parse(created) + (p.hours ?? 1) * 3_600_000).toISOString(),
      answeredAt: created,
      changes: 0,
    }));
  const acks = people
    .filter((p) => p.acked)
    .map((p) => ({ id: 'a', pk: 'm', _etag: '', type: 'followup-ack' as const, aadObjectId: p.who.aadObjectId, name: p.who.name, partyId: p.who.partyId, ackedAt: '2026-11-20T10:00:00.000Z' }));
  return {
    meeting: {
      id: 'm-2026-11-19-lansledning',
      title: 'Länsledningens möte',
      bodyName: 'Länsledning Välfärd',
      startsAt: '2026-11-19T08:00:00.000Z',
      rsvpDeadline: '2026-11-14T22:59:00.000Z',
      status: 'scheduled',
      invitees: people.map((p) => p.who),
      notes: null,
      createdAt: created,
      ...extra,
    },
    answers: {
      rsvps,
      acks,
      answers: new Map(rsvps.map((r) => [r.aadObjectId, r.response])),
      read: new Set(people.filter((p) => p.read).map((p) => p.who.aadObjectId)),
      acked: new Set(acks.map((a) => a.aadObjectId)),
      answered: [],
    },
  };
}

const column = (table: Table, label: string) => table.columns.findIndex((c) => c.label === label);
const rowOf = (table: Table, first: string) => table.rows.find((r) => r.cells[0] === first)?.cells;

describe('the tab: the meetings rules', () => {
  const gavle1 = invitee(1, 'gavle');
  const gavle2 = invitee(2, 'gavle');
  const ockelbo = invitee(3, 'ockelbo');
  const region = invitee(4, 'region-gavleborg');
  const meeting = record([
    { who: gavle1, answer: 'attend', read: true },
    { who: gavle2, answer: 'absent', acked: true },
    { who: ockelbo },
    { who: region, answer: 'attend', read: true },
  ]);

  it('counts a meeting party by party in the agreement order, each row tagged with its party, and sums them', () => {
    const table = meetingPartyTable(meeting, input());
    assert.deepEqual(
      table.rows.map((r) => [r.party, ...r.cells]),
      [
        ['region-gavleborg', 'Region Gävleborg', 1, 1, 0, 0, 1],
        ['gavle', 'Gävle kommun', 2, 1, 1, 0, 1],
        ['ockelbo', 'Ockelbo kommun', 1, 0, 0, 1, 0],
        [null, 'Totalt', 4, 2, 1, 1, 2],
      ],
    );
    assert.deepEqual(table.columns.map((c) => c.label), ['Part', 'Kallade', 'Kommer', 'Frånvarande', 'Har inte svarat', 'Har läst']);
    assert.equal(table.rows.at(-1)!.total, true);
  });

  it('lists for the follow-up those absent or silent, with their party, and whether they have acknowledged', () => {
    const table = followUpTable({ ...meeting, meeting: { ...meeting.meeting, notes: { text: '', decisions: [], sentAt: '', sentBy: '', version: 1 } } }, input());
    assert.deepEqual(
      table.rows.map((r) => [r.party, ...r.cells]),
      [
        ['gavle', 'Gävle kommun', 'Person 2', 'Frånvarande', '20 nov. 2026 11.00'],
        ['ockelbo', 'Ockelbo kommun', 'Person 3', 'Svarade inte', 'Inte än'],
      ],
    );
  });

  it('lists upcoming meetings soonest first with their answer deadlines and the answers so far', () => {
    const later = record([{ who: gavle1, answer: 'absent' }], { id: 'm-later', title: 'Senare', startsAt: '2026-12-20T08:00:00.000Z' });
    const table = upcomingTable([later, meeting], input('en'));
    assert.deepEqual(table.rows.map((r) => r.cells[0]), ['Länsledningens möte', 'Senare']);
    assert.deepEqual(table.rows[0]!.cells.slice(2), ['19 Nov 2026 09:00', '14 Nov 2026 23:59', 2, 1, 1, 2]);
    assert.ok(table.rows.every((r) => r.party === null), 'the collaboration totals, for every member');
  });

  it('writes counts with the right plural in both languages', () => {
    const one = meetingsView([meeting], [], input());
    assert.equal((one[0] as { note?: unknown }).note, '1 möte');
    const two = meetingsView([meeting, meeting], [], input('en'));
    assert.equal((two[0] as { note?: unknown }).note, '2 meetings');
    const held = meetingsView([], [{ ...meeting, meeting: { ...meeting.meeting, notes: { text: '', decisions: [], sentAt: '', sentBy: '', version: 1 } } }], input('en'));
    assert.ok(held.some((b) => b.kind === 'heading' && b.note === 'Länsledning Välfärd · 4 invited'));
    assert.ok(held.some((b) => b.kind === 'text' && b.text === '1 of 2 absentees has acknowledged the notes and decisions.'));
  });

  it("counts the year: attendance, reading, absentees' acknowledgements and the median time to answer, per party", () => {
    const withNotes = { ...meeting, meeting: { ...meeting.meeting, notes: { text: '', decisions: [], sentAt: '', sentBy: '', version: 1 } } };
    const second = record([
      { who: gavle1, answer: 'absent', hours: 10 },
      { who: gavle2, answer: 'attend', hours: 30, read: true },
    ]);
    const blocks = meetingsYearView([withNotes, second], input());
    const tables = blocks.flatMap((b) => (b.kind === 'chart' ? [b.table] : []));
    const attendance = tables.find((t) => t.id === 'year-attendance')!;
    assert.deepEqual(rowOf(attendance, 'Gävle kommun'), ['Gävle kommun', 2, 4, 2, 2, 0, 50]);
    assert.deepEqual(rowOf(attendance, 'Ockelbo kommun'), ['Ockelbo kommun', 1, 1, 0, 0, 1, 0]);
    assert.deepEqual(rowOf(attendance, 'Totalt'), ['Totalt', 2, 6, 3, 2, 1, 50]);
    const reading = tables.find((t) => t.id === 'year-reading')!;
    assert.deepEqual(rowOf(reading, 'Gävle kommun'), ['Gävle kommun', 50, 100], 'two of four read; the one absentee after notes acknowledged');
    assert.deepEqual(rowOf(reading, 'Ockelbo kommun'), ['Ockelbo kommun', 0, 0]);
    const times = tables.find((t) => t.id === 'year-answer-times')!;
    assert.deepEqual(rowOf(times, 'Gävle kommun'), ['Gävle kommun', 4, 5.5]);
    assert.equal(column(attendance, 'Närvaro'), 6);
    assert.equal(meetingsYearView([], input()).filter((b) => b.kind === 'chart').every((b) => b.kind === 'chart' && b.table.rows.length === 0), true);
  });

  it('keeps the total equal to the sum of the parties for any answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ party: fc.constantFrom('gavle', 'ockelbo', 'region-gavleborg'), answer: fc.constantFrom<RsvpResponse | undefined>('attend', 'absent', undefined), read: fc.boolean() }), { maxLength: 40 }),
        (people) => {
          const r = record(people.map((p, i) => ({ who: invitee(i, p.party), ...(p.answer ? { answer: p.answer } : {}), read: p.read })));
          const table = meetingPartyTable(r, input());
          const body = table.rows.filter((x) => !x.total);
          const total = table.rows.find((x) => x.total)!;
          for (let c = 1; c < table.columns.length; c++) {
            assert.equal(body.reduce((s, x) => s + (x.cells[c] as number), 0), total.cells[c]);
          }
          const figures = yearFigures([r]);
          assert.equal(figures.total.attending + figures.total.absent + figures.total.noAnswer, people.length);
        },
      ),
    );
  });

  it('rounds shares to one decimal and takes the middle of an even count as the mean of the two', () => {
    assert.equal(percent(1, 3), 33.3);
    assert.equal(percent(0, 0), null);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
  });
});
