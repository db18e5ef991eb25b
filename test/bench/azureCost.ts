/**
 * The monthly Azure Cosmos DB (serverless) cost of a Länsledning year, from the request units the
 * last `npm run bench` measured per turn kind and per delivered message, and the document sizes it
 * found. Run after a bench: `node --require tsx/cjs test/bench/azureCost.ts` prints the Markdown
 * table of docs/benchmarks.md ("Cost in Azure").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import type { BenchResults } from './report';

/** Serverless list price, USD per million request units and per GB-month of storage. */
const USD_PER_MILLION_RU = 0.25;
const USD_PER_GB_MONTH = 0.25;

/** A Länsledning year: what happens, in turns and messages. */
const YEAR = {
  meetings: 40,
  /** Invitees of an average meeting (a body's members). */
  inviteesPerMeeting: 60,
  /** Messages per invitee and meeting: the notice, two reading reminders, the follow-up. */
  messagesPerInvitee: 4,
  /** Answers per invitee and meeting: the RSVP (some change it once), the read mark, the follow-up acknowledgement. */
  answerTurnsPerInvitee: 3.2,
  broadcasts: 100,
  /** Recipients per broadcast: the eleven parties' channels and the Länsledning members' chats. */
  recipientsPerBroadcast: 1_011,
  acknowledgementsPerBroadcast: 100,
  cases: 200,
  /** Turns per case besides the submit: the preparers' moves, views, decisions. */
  turnsPerCase: 10,
  /** Messages per case: the preparers' notices and the submitter's updates. */
  messagesPerCase: 10,
  people: 1_000,
  /** Other turns per person a year: help, lists, status cards. */
  readingTurnsPerPerson: 50,
};

interface Row {
  what: string;
  count: number;
  ruEach: number;
}

function figure(results: BenchResults, section: string, name: string): number | undefined {
  return results.figures.find((f) => f.section.startsWith(section) && f.name === name)?.value;
}

function main(): void {
  const results = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'bench', 'results.json'), 'utf8')) as BenchResults;
  const ru = (name: string): number => {
    const value = figure(results, 'Azure request units', name);
    if (value === undefined) throw new Error(`results.json has no request-unit figure "${name}": run the whole bench first`);
    return value;
  };
  const perMessage = ru('per delivered message (everything the bot did while it delivered)');
  const perRsvp = ru('per meeting.rsvp turn');
  const perAck = ru('per broadcast.ack turn');
  const perSubmit = ru('per case.submit turn');
  const perHelp = ru('per hjälp turn');
  const idlePerHour = ru('idle bot, per hour (its polling: due jobs, open batches, heartbeats)');
  const y = YEAR;
  const rows: Row[] = [
    { what: 'meeting messages (notices, reminders, follow-ups)', count: y.meetings * y.inviteesPerMeeting * y.messagesPerInvitee, ruEach: perMessage },
    { what: 'meeting answers (RSVP, read, follow-up acknowledgement; as an RSVP)', count: y.meetings * y.inviteesPerMeeting * y.answerTurnsPerInvitee, ruEach: perRsvp },
    { what: 'broadcast messages', count: y.broadcasts * y.recipientsPerBroadcast, ruEach: perMessage },
    { what: 'broadcast acknowledgements', count: y.broadcasts * y.acknowledgementsPerBroadcast, ruEach: perAck },
    { what: 'case submits', count: y.cases, ruEach: perSubmit },
    { what: 'other case turns (as a submit, an upper bound)', count: y.cases * y.turnsPerCase, ruEach: perSubmit },
    { what: 'case messages', count: y.cases * y.messagesPerCase, ruEach: perMessage },
    { what: 'other turns (help, lists, status; as hjälp)', count: y.people * y.readingTurnsPerPerson, ruEach: perHelp },
    { what: 'one instance\'s polling, hours a year', count: 8_760, ruEach: idlePerHour },
  ];
  const sizes = (results.details.documentSizes ?? []) as { container: string; type: string; averageBytes: number }[];
  const deliveryBytes = sizes.find((s) => s.type === 'delivery')?.averageBytes ?? 1_900;
  const deliveriesPerYear = y.meetings * y.inviteesPerMeeting * y.messagesPerInvitee + y.broadcasts * y.recipientsPerBroadcast + y.cases * y.messagesPerCase;
  // Azure adds about 150 bytes of its own fields to every document, and indexes take about as much again.
  const storedGb = (deliveriesPerYear * (deliveryBytes + 150) * 2) / 1024 ** 3;

  const total = rows.reduce((n, r) => n + r.count * r.ruEach, 0);
  const out = [
    '| what | a year | RU each | RU a year |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.what} | ${r.count.toLocaleString('en-US')} | ${r.ruEach.toFixed(1)} | ${Math.round(r.count * r.ruEach).toLocaleString('en-US')} |`),
    `| **in all** | | | **${Math.round(total).toLocaleString('en-US')}** |`,
    '',
    `Request units: ${(total / 1e6).toFixed(1)} million a year, ${(total / 12 / 1e6).toFixed(2)} million a month: ` +
      `**USD ${((total / 12 / 1e6) * USD_PER_MILLION_RU).toFixed(2)} a month** at USD ${USD_PER_MILLION_RU} per million. ` +
      `Storage: the year's delivery records (${deliveriesPerYear.toLocaleString('en-US')} of about ${deliveryBytes} bytes) take about ` +
      `${storedGb.toFixed(2)} GB with Azure's fields and indexes, USD ${(storedGb * USD_PER_GB_MONTH).toFixed(2)} a month at the end of the year ` +
      '(less once delivery records are swept).',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
