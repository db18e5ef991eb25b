import type { Block, DashboardInput, Row, Table } from '../../kit/dashboard';
import { median, percent } from '../../kit/dashboard';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import { formatShortDate, formatShortDateTime } from '../../dates/dates';
import { participants } from './answerRules';
import type { MeetingAnswers } from './meetingRepo';
import type { Invitee, MeetingDoc } from './model';
import { followUpGroup } from './reminderRules';
import { agreementOrder } from './statusCards';
import { tallyByParty } from './tallyRules';

/** A meeting with everything its members said, as the tab's rules read it. */
export interface MeetingRecord {
  meeting: Pick<MeetingDoc, 'id' | 'title' | 'bodyName' | 'startsAt' | 'rsvpDeadline' | 'status' | 'invitees' | 'notes' | 'createdAt'>;
  answers: Pick<MeetingAnswers, 'rsvps' | 'acks' | 'answers' | 'read' | 'acked' | 'answered'>;
}

/** How many past meetings the Meetings view shows party by party (older ones are in the year's figures). */
export const RECENT_MEETINGS = 6;

const s = (locale: Locale, key: Parameters<typeof t<'dashboard'>>[2], values?: Record<string, string | number>) => t(locale, 'dashboard', key, values);

/** Parties in the agreement's order, and their names. */
function partyBook(input: DashboardInput): { order: string[]; name: (id: string) => string } {
  const names = new Map(input.parties.map((p) => [p.id, p.name]));
  return { order: agreementOrder(input.parties), name: (id) => names.get(id) ?? id };
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

const people = (r: MeetingRecord): Invitee[] => participants(r.meeting, r.answers.answered);

/** Upcoming meetings with their answer deadlines and the answers so far (the collaboration's totals). */
export function upcomingTable(records: readonly MeetingRecord[], input: DashboardInput): Table {
  const { locale } = input;
  return {
    id: 'upcoming',
    caption: s(locale, 'meetingsUpcoming'),
    columns: [
      { label: s(locale, 'colMeeting'), kind: 'text' },
      { label: s(locale, 'colBody'), kind: 'text' },
      { label: s(locale, 'colStarts'), kind: 'text' },
      { label: s(locale, 'colDeadline'), kind: 'text' },
      { label: s(locale, 'colAttending'), kind: 'count' },
      { label: s(locale, 'colAbsent'), kind: 'count' },
      { label: s(locale, 'colNotAnswered'), kind: 'count' },
      { label: s(locale, 'colRead'), kind: 'count' },
    ],
    rows: [...records]
      .sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt))
      .map((r) => {
        const total = tallyByParty(people(r), r.answers.answers, r.answers.read).total;
        return {
          party: null,
          cells: [
            r.meeting.title,
            r.meeting.bodyName,
            formatShortDateTime(new Date(r.meeting.startsAt), locale),
            formatShortDateTime(new Date(r.meeting.rsvpDeadline), locale),
            total.attending,
            total.absent,
            total.notAnswered,
            total.read,
          ],
        };
      }),
    empty: s(locale, 'meetingsNoneUpcoming'),
  };
}

/** One meeting, party by party: called, attending, absent, not answered, have read; and the total. */
export function meetingPartyTable(record: MeetingRecord, input: DashboardInput): Table {
  const { locale } = input;
  const book = partyBook(input);
  const tally = tallyByParty(people(record), record.answers.answers, record.answers.read, book.order);
  const cells = (c: (typeof tally)['total']) => [c.invited, c.attending, c.absent, c.notAnswered, c.read];
  return {
    id: `meeting-${record.meeting.id}`,
    caption: s(locale, 'meetingPerParty', { title: record.meeting.title }),
    columns: [
      { label: s(locale, 'colParty'), kind: 'text' },
      { label: s(locale, 'colInvited'), kind: 'count' },
      { label: s(locale, 'colAttending'), kind: 'count' },
      { label: s(locale, 'colAbsent'), kind: 'count' },
      { label: s(locale, 'colNotAnswered'), kind: 'count' },
      { label: s(locale, 'colRead'), kind: 'count' },
    ],
    rows: [
      ...tally.parties.map((p): Row => ({ party: p.partyId, cells: [book.name(p.partyId), ...cells(p)] })),
      { party: null, total: true, cells: [s(locale, 'total'), ...cells(tally.total)] },
    ],
    empty: s(locale, 'meetingNobodyInvited'),
  };
}

/** Those who were absent or did not answer, and whether they have taken note of the notes and decisions. */
export function followUpTable(record: MeetingRecord, input: DashboardInput): Table {
  const { locale } = input;
  const book = partyBook(input);
  const acks = new Map(record.answers.acks.map((a) => [a.aadObjectId, a.ackedAt]));
  const group = followUpGroup(people(record), record.answers.answers).sort(
    (a, b) => rank(book.order, a.partyId) - rank(book.order, b.partyId) || a.name.localeCompare(b.name, 'sv'),
  );
  return {
    id: `followup-${record.meeting.id}`,
    caption: s(locale, 'followUpCaption', { title: record.meeting.title }),
    columns: [
      { label: s(locale, 'colParty'), kind: 'text' },
      { label: s(locale, 'colName'), kind: 'text' },
      { label: s(locale, 'colAnswer'), kind: 'text' },
      { label: s(locale, 'colAcknowledged'), kind: 'text' },
    ],
    rows: group.map((p) => {
      const acked = acks.get(p.aadObjectId);
      return {
        party: p.partyId,
        cells: [
          book.name(p.partyId),
          p.name,
          s(locale, record.answers.answers.get(p.aadObjectId) === 'absent' ? 'answerAbsent' : 'answerNone'),
          acked ? formatShortDateTime(new Date(acked), locale) : s(locale, 'notYet'),
        ],
      };
    }),
    empty: s(locale, 'followUpNobody'),
  };
}

/**
 * The Meetings view: upcoming meetings with their deadlines, then the latest meetings party by
 * party with, once notes are sent, the follow-up of those who were absent.
 */
export function meetingsView(upcoming: readonly MeetingRecord[], recent: readonly MeetingRecord[], input: DashboardInput): Block[] {
  const { locale } = input;
  const blocks: Block[] = [
    { kind: 'heading', text: s(locale, 'meetingsUpcomingHeading'), note: s(locale, 'countMeetings', { n: upcoming.length }) },
    { kind: 'table', table: upcomingTable(upcoming, input) },
    { kind: 'heading', text: s(locale, 'meetingsRecentHeading'), note: s(locale, 'meetingsRecentNote', { n: RECENT_MEETINGS }) },
  ];
  if (recent.length === 0) blocks.push({ kind: 'text', text: s(locale, 'meetingsNoneRecent') });
  for (const r of recent) {
    const invited = people(r).length;
    blocks.push({
      kind: 'heading',
      text: `${r.meeting.title} – ${formatShortDate(new Date(r.meeting.startsAt), locale)}`,
      note: `${r.meeting.bodyName} · ${s(locale, 'countInvited', { n: invited })}`,
    });
    blocks.push({ kind: 'table', table: meetingPartyTable(r, input) });
    if (r.meeting.notes) {
      const group = followUpGroup(people(r), r.answers.answers);
      const acked = group.filter((p) => r.answers.acked.has(p.aadObjectId)).length;
      blocks.push({ kind: 'text', text: s(locale, 'countFollowUpAcked', { n: group.length, acked }) });
      blocks.push({ kind: 'table', table: followUpTable(r, input) });
    }
  }
  return blocks;
}


interface PartyYear {
  meetings: number;
  invited: number;
  attending: number;
  absent: number;
  noAnswer: number;
  read: number;
  followUp: number;
  acked: number;
  answerHours: number[];
}

const emptyYear = (): PartyYear => ({ meetings: 0, invited: 0, attending: 0, absent: 0, noAnswer: 0, read: 0, followUp: 0, acked: 0, answerHours: [] });

/** Per party and in total, over the year's held meetings: attendance, reading, follow-up and answer times. */
export function yearFigures(records: readonly MeetingRecord[]): { parties: Map<string, PartyYear>; total: PartyYear } {
  const parties = new Map<string, PartyYear>();
  const total = emptyYear();
  for (const r of records) {
    const rsvps = new Map(r.answers.rsvps.map((a) => [a.aadObjectId, a]));
    const inFollowUp = new Set(r.meeting.notes ? followUpGroup(people(r), r.answers.answers).map((p) => p.aadObjectId) : []);
    const seen = new Set<string>();
    total.meetings += 1;
    for (const p of people(r)) {
      const row = parties.get(p.partyId) ?? emptyYear();
      parties.set(p.partyId, row);
      if (!seen.has(p.partyId)) row.meetings += 1;
      seen.add(p.partyId);
      const rsvp = rsvps.get(p.aadObjectId);
      const hours = rsvp ? (Date.parse(rsvp.firstAnsweredAt) - Date.parse(r.meeting.createdAt)) / 3_600_000 : undefined;
      for (const c of [row, total]) {
        c.invited += 1;
        if (rsvp?.response === 'attend') c.attending += 1;
        else if (rsvp?.response === 'absent') c.absent += 1;
        else c.noAnswer += 1;
        if (r.answers.read.has(p.aadObjectId)) c.read += 1;
        if (inFollowUp.has(p.aadObjectId)) {
          c.followUp += 1;
          if (r.answers.acked.has(p.aadObjectId)) c.acked += 1;
        }
        if (hours !== undefined && hours >= 0) c.answerHours.push(hours);
      }
    }
  }
  return { parties, total };
}


/** The year's figures as charts, each with its table: attendance, reading and follow-up, answer times. */
export function meetingsYearView(records: readonly MeetingRecord[], input: DashboardInput): Block[] {
  const { locale } = input;
  const book = partyBook(input);
  const { parties, total } = yearFigures(records);
  const ids = [...parties.keys()].sort((a, b) => rank(book.order, a) - rank(book.order, b) || a.localeCompare(b));
  const rows = (cells: (y: PartyYear) => (string | number | null)[]): Row[] =>
    ids.length === 0
      ? []
      : [
    ...ids.map((id): Row => ({ party: id, cells: [book.name(id), ...cells(parties.get(id)!)] })),
    { party: null, total: true, cells: [s(locale, 'total'), ...cells(total)] },
  ];
  const party = { label: s(locale, 'colParty'), kind: 'text' } as const;
  const empty = s(locale, 'yearNoMeetings');
  return [
    { kind: 'heading', text: s(locale, 'yearAttendanceHeading'), note: s(locale, 'countHeldMeetings', { n: records.length }) },
    {
      kind: 'chart',
      chart: { category: 0, series: [6], stacked: false, unit: 'percent' },
      table: {
        id: 'year-attendance',
        caption: s(locale, 'yearAttendanceCaption'),
        columns: [
          party,
          { label: s(locale, 'colMeetings'), kind: 'count' },
          { label: s(locale, 'colInvited'), kind: 'count' },
          { label: s(locale, 'colAttending'), kind: 'count' },
          { label: s(locale, 'colAbsent'), kind: 'count' },
          { label: s(locale, 'colNotAnswered'), kind: 'count' },
          { label: s(locale, 'colAttendance'), kind: 'percent' },
        ],
        rows: rows((y) => [y.meetings, y.invited, y.attending, y.absent, y.noAnswer, percent(y.attending, y.invited)]),
        empty,
      },
    },
    {
      kind: 'chart',
      chart: { category: 0, series: [1, 2], stacked: false, unit: 'percent' },
      table: {
        id: 'year-reading',
        caption: s(locale, 'yearReadingCaption'),
        columns: [party, { label: s(locale, 'colReadRate'), kind: 'percent' }, { label: s(locale, 'colFollowUpRate'), kind: 'percent' }],
        rows: rows((y) => [percent(y.read, y.invited), percent(y.acked, y.followUp)]),
        empty,
      },
    },
    {
      kind: 'chart',
      chart: { category: 0, series: [2], stacked: false, unit: 'hours' },
      table: {
        id: 'year-answer-times',
        caption: s(locale, 'yearAnswerTimesCaption'),
        columns: [party, { label: s(locale, 'colAnswers'), kind: 'count' }, { label: s(locale, 'colMedianHours'), kind: 'hours' }],
        rows: rows((y) => [y.answerHours.length, median(y.answerHours)]),
        empty,
      },
    },
  ];
}
