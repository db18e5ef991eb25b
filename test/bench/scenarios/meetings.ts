import { DateTime } from 'luxon';
import { createOutbox } from '../../../src/delivery/outbox';
import { systemClock } from '../../../src/clock';
import { queryAll } from '../../../src/store/concurrency';
import type { Doc } from '../../../src/store/types';
import { cardAction, personalConversationId } from '../../support/activities';
import { cardText } from '../../support/cards';
import { post, press } from '../botClient';
import type { BenchContext } from '../context';
import { DeliveryTally, until } from '../context';
import { ANSWER_TIMEOUT_S, percentile } from '../load';
import { INVITEES, MEETING_BODY, SECRETARY, helpUser, recipient } from '../population';
import type { OpsSummary } from '../storeOps';
import { ensureRecipients } from './broadcast';
import type { TurnKind } from './latency';
import { isCardAnswer } from './latency';

/** A meeting of Utskott vuxna four to five weeks ahead, on a Friday, as the secretariat's form sends it. */
export function meetingForm(now: Date): Record<string, string> {
  let day = DateTime.fromJSDate(now).setZone('Europe/Stockholm').plus({ days: 28 }).startOf('day');
  while (day.weekday !== 5) day = day.plus({ days: 1 });
  return {
    bodyId: MEETING_BODY,
    title: 'Utskott vuxna, månadsmöte',
    date: day.toISODate()!,
    startTime: '09:00',
    endTime: '12:00',
    endDate: '',
    location: 'Region Gävleborg, Rådhuset, Gävle',
    onlineUrl: 'https://teams.example/meet/utskott-vuxna',
    agenda: 'Uppföljning av aktivitetsplanen\nMissbruk och beroende: läget i länet\nÖvrigt',
    materials: 'Aktivitetsplan | https://docs.example/aktivitetsplan.pdf',
    rsvpDeadline: day.minus({ days: 7 }).toISODate()!,
    readingReminderDays: '3, 1',
    readingReminderTime: '08:00',
  };
}

export interface NoticeRun {
  meetingId: string;
  invitees: number;
  /** From the secretariat's press to the last notice Teams accepted. */
  totalS: number;
  createTurnMs: number;
  rate: number;
  lost: number;
  duplicates: number;
  throttled429: number;
  cpuMsPerMessage: number;
  storeOpsPerMessage: number;
}

/** The secretariat creates the meeting; its notice goes to every invitee through the outbox. */
export async function createMeetingWithNotices(ctx: BenchContext): Promise<NoticeRun> {
  await ensureRecipients(ctx, INVITEES);
  const expected = new Set(Array.from({ length: INVITEES }, (_, i) => personalConversationId(recipient(i).user)));
  ctx.limited.reset();
  const tally = new DeliveryTally(ctx.limited);
  const cpuBefore = ctx.bot.cpuMs();
  let meetingId = '';
  let createTurnMs = 0;
  const started = Date.now();
  const measured = await ctx.meter.measure(async () => {
    const card = await press(ctx.bot.url, SECRETARY.user, ctx.plain.serviceUrl, 'meeting.create', meetingForm(new Date()));
    createTurnMs = Date.now() - started;
    meetingId = /"meetingId":"(m-[^"]+)"/.exec(JSON.stringify(card))?.[1] ?? '';
    if (!meetingId) throw new Error(`no meeting id on the answer to meeting.create: ${JSON.stringify(card).slice(0, 400)}`);
    await until(() => tally.update().reached(expected) === expected.size, 60_000 + INVITEES * 100, 100);
    const outbox = createOutbox({ store: ctx.store, clock: systemClock, log: ctx.log });
    await until(async () => (await outbox.deliveries({ container: 'meetings', pk: meetingId }, 'notice-0')).every((v) => v.status === 'sent'), 30_000, 500);
  });
  const sent = [...tally.perConversation.entries()].filter(([id]) => expected.has(id));
  const messages = sent.reduce((n, [, c]) => n + c, 0);
  const sendingS = (tally.last - tally.first) / 1000;
  return {
    meetingId,
    invitees: INVITEES,
    totalS: (tally.last - started) / 1000,
    createTurnMs,
    rate: messages > 1 && sendingS > 0 ? (messages - 1) / sendingS : 0,
    lost: expected.size - sent.length,
    duplicates: sent.filter(([, c]) => c > 1).length,
    throttled429: ctx.limited.throttled,
    cpuMsPerMessage: (ctx.bot.cpuMs() - cpuBefore) / Math.max(1, messages),
    storeOpsPerMessage: measured.all.total / Math.max(1, messages),
  };
}

export interface BurstRun {
  members: number;
  /** Members who press a second time, changing their answer, in the same instant as their first. */
  changedMind: number;
  requests: number;
  /** From the first press until the store holds every member's answer. */
  allRecordedS: number;
  /** From the first press to the last answer. */
  lastAnswerS: number;
  p50: number;
  p99: number;
  errors: number;
  /** What the failed answers were, counted by kind. */
  errorKinds: Record<string, number>;
  /** 412 answers from the store: etag conflicts that were retried. */
  precondition412: number;
  recorded: number;
  attend: number;
  absent: number;
  expectedAttend: number;
  expectedAbsent: number;
  countsExact: boolean;
  storeOps: OpsSummary;
  storeOpsPerAnswer: number;
}

interface RsvpDoc extends Doc {
  aadObjectId: string;
  response: 'attend' | 'absent';
  changes: number;
}

function rsvpDocs(ctx: BenchContext, meetingId: string): Promise<RsvpDoc[]> {
  return queryAll<RsvpDoc>(ctx.store.containers.meetings, meetingId, "c.type = 'rsvp'");
}

const answerOf = (i: number): 'attend' | 'absent' => (i % 3 === 0 ? 'absent' : 'attend');
const other = (r: 'attend' | 'absent'): 'attend' | 'absent' => (r === 'attend' ? 'absent' : 'attend');

/**
 * `members` invitees answer within one second, evenly spread; the first `changedMind` of them press
 * again at the same moment with the other answer. Each press is its own HTTP request.
 */
export async function rsvpBurst(ctx: BenchContext, meetingId: string, members: number, changedMind: number): Promise<BurstRun> {
  const serviceUrl = ctx.limited.serviceUrl;
  const presses = [
    ...Array.from({ length: members }, (_, i) => ({ i, response: answerOf(i), at: (i * 1000) / members })),
    ...Array.from({ length: changedMind }, (_, i) => ({ i, response: other(answerOf(i)), at: (i * 1000) / members })),
  ];
  const times: number[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const failed = (kind: string) => {
    errors += 1;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  let lastAnswer = 0;
  let started = 0;
  let recordedAt = 0;
  const measured = await ctx.meter.measure(async () => {
    started = performance.now();
    await Promise.all(
      presses.map(async (p) => {
        await new Promise((resolve) => setTimeout(resolve, p.at));
        const sentAt = performance.now();
        try {
          const res = await post(
            ctx.bot.url,
            cardAction(recipient(p.i).user, { serviceUrl }, 'meeting.rsvp', { meetingId, response: p.response }),
            ANSWER_TIMEOUT_S * 1000,
          );
          if (!isCardAnswer(res.status, JSON.stringify(res.body))) failed(res.status === 200 ? `error card: ${cardText(res.body).slice(0, 120)}` : `HTTP ${res.status}`);
        } catch (err) {
          failed(err instanceof Error ? err.name : 'request failed');
        }
        const now = performance.now();
        times.push(now - sentAt);
        lastAnswer = Math.max(lastAnswer, now);
      }),
    );
    // Answers given up on may still be recorded: the time that counts is when the store has them all.
    await until(async () => (await rsvpDocs(ctx, meetingId)).length >= members, 60_000, 250);
    recordedAt = performance.now();
  });
  const docs = await rsvpDocs(ctx, meetingId);
  const latest = new Map(docs.map((d) => [d.aadObjectId, d]));
  // Members who pressed twice may end with either answer; everyone else with exactly theirs.
  let exact = latest.size === members;
  for (let i = changedMind; i < members; i++) if (latest.get(recipient(i).user.aadObjectId)?.response !== answerOf(i)) exact = false;
  for (let i = 0; i < changedMind; i++) if (latest.get(recipient(i).user.aadObjectId)?.changes !== 1) exact = false;
  const attend = docs.filter((d) => d.response === 'attend').length;
  const expectedAttendFixed = Array.from({ length: members - changedMind }, (_, k) => answerOf(k + changedMind)).filter((r) => r === 'attend').length;
  const doubleAttend = Array.from({ length: changedMind }, (_, i) => latest.get(recipient(i).user.aadObjectId)?.response).filter((r) => r === 'attend').length;
  times.sort((a, b) => a - b);
  return {
    members,
    changedMind,
    requests: presses.length,
    allRecordedS: (recordedAt - started) / 1000,
    lastAnswerS: (lastAnswer - started) / 1000,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    errors,
    errorKinds,
    precondition412: measured.all.precondition412,
    recorded: latest.size,
    attend,
    absent: docs.length - attend,
    expectedAttend: expectedAttendFixed + doubleAttend,
    expectedAbsent: members - expectedAttendFixed - doubleAttend,
    countsExact: exact && attend === expectedAttendFixed + doubleAttend,
    storeOps: measured.all,
    storeOpsPerAnswer: measured.all.total / presses.length,
  };
}

/** `meeting.rsvp`: invitees answer the notice, alternating their answer from one press to the next. */
export function rsvpTurn(ctx: BenchContext, meetingId: string): TurnKind {
  const serviceUrl = ctx.limited.serviceUrl;
  let n = 0;
  let e = 0;
  return {
    name: 'meeting.rsvp',
    activity: () => {
      const k = n++;
      const i = k % INVITEES;
      const round = Math.floor(k / INVITEES);
      return cardAction(recipient(i).user, { serviceUrl }, 'meeting.rsvp', { meetingId, response: round % 2 ? answerOf(i) : other(answerOf(i)) });
    },
    echoActivity: () => cardAction(helpUser(e++ % 200).user, { serviceUrl: ctx.plain.serviceUrl }, 'meeting.rsvp', { meetingId, response: 'attend' }),
    check: isCardAnswer,
    writes: true,
  };
}

