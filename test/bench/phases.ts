import type { BenchContext } from './context';
import { quiet, sleep } from './context';
import type { Figures } from './figures';
import { startService } from './processes';
import { botSpawn, echoSpawn } from './services';
import { hasVerb } from './botClient';
import { INVITEES, SECRETARY } from './population';
import type { BroadcastRun } from './scenarios/broadcast';
import { ackTurn, runFeatureBroadcast, runOutboxBroadcast } from './scenarios/broadcast';
import { createMeetingWithNotices, rsvpBurst, rsvpTurn } from './scenarios/meetings';
import type { TurnKind, TurnLatency } from './scenarios/latency';
import { caseSubmitTurn, helpTurn } from './scenarios/turns';
import { measureTurnLatency, reportTurnLatency } from './scenarios/latency';
import { measureStartup } from './scenarios/startup';
import { documentSizes } from './documentSizes';
import { tabPhase } from './scenarios/tab';

const CONCURRENCIES = [1, 50, 200];
// Store operations per turn, at most.
const TURN_OPS_TARGETS: Record<string, number> = { hjälp: 3, 'case.submit': 12, 'meeting.rsvp': 4, 'broadcast.ack': 4 };
const GROWTH_CHATS = [100, 1_000, 5_000];
const THROUGHPUT_CHATS = 1_000;

/** Start-up and idle memory of fresh processes, before anything else runs. */
export async function runStartupPhase(figures: Figures, details: Record<string, unknown>): Promise<void> {
  const section = 'Start-up and memory';
  const echo = await measureStartup(() => echoSpawn(), 3, 2_000);
  const bot = await measureStartup((dataDir) => botSpawn(dataDir), 3, 2_000);
  details.startup = { echo, bot };
  figures.add(section, 'ready after spawn (fresh data dir, median of 3)', bot.medianReadyMs, 'ms', {
    baseline: echo.medianReadyMs,
    target: { kind: 'atMost', max: 2_000 },
    note: `bot ${bot.readyMs.map((v) => v.toFixed(0)).join(' / ')} ms, echo ${echo.readyMs.map((v) => v.toFixed(0)).join(' / ')} ms`,
  });
  figures.add(section, 'CPU time until ready (median of 3)', bot.medianReadyCpuMs, 'ms', {
    baseline: echo.medianReadyCpuMs,
    note: 'user + system time of the process: the part of start-up that other load on the machine does not stretch',
  });
  figures.add(section, 'RSS idle, 2 s after ready', bot.idleRssMiB, 'MiB', {
    baseline: echo.idleRssMiB,
    target: { kind: 'ratioAtMost', max: 1.5 },
  });
}

export interface PhaseOptions {
  dataDir: string;
  only: Set<string> | undefined;
  restartArgs: { cosmosPort: number };
}

/** The load phases on the long-running bot: throughput first, latency after, so they never overlap. */
export async function runPhases(ctx: BenchContext, options: PhaseOptions): Promise<void> {
  const wanted = (phase: string) => !options.only || options.only.has(phase);
  await ctx.meter.calibrate(15_000);
  const ru = 'Azure request units (estimate from the requests and the sizes of what they returned)';
  ctx.figures.add(ru, 'idle bot, per hour (its polling: due jobs, open batches, heartbeats)', ctx.meter.idle.azureRuPerS * 3600, 'RU', {
    note: `${(ctx.meter.idle.requestsPerS * 3600).toFixed(0)} requests an hour`,
  });
  ctx.figures.add('Start-up and memory', 'RSS idle, bot under test before load (store-ops probe loaded)', ctx.bot.rssMiB(), 'MiB', {
    baseline: ctx.echo.rssMiB(),
    target: { kind: 'ratioAtMost', max: 1.5 },
  });

  // A phase that fails is reported and the run goes on: the figures taken so far are still written.
  const timed = async (phase: string, run: () => Promise<void>) => {
    const started = Date.now();
    try {
      await run();
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      ctx.pending.push(`${phase}: failed (${message})`);
      process.stdout.write(`  ${phase} failed: ${err instanceof Error ? (err.stack ?? message) : message}\n`);
    }
    phaseSeconds[phase] = (Date.now() - started) / 1000;
    process.stdout.write(`  ${phase}: ${phaseSeconds[phase].toFixed(0)} s\n`);
  };
  const phaseSeconds = (ctx.details.phaseSeconds ??= {}) as Record<string, number>;
  if (wanted('broadcast') || wanted('growth')) await timed('broadcast', () => broadcastPhase(ctx, wanted('growth'), ['rsvp', 'latency', 'tab', 'restart'].some(wanted)));
  if (wanted('rsvp') || wanted('latency')) await timed('rsvp', () => meetingPhase(ctx));
  if (wanted('latency')) await timed('latency', () => latencyPhase(ctx));
  if (wanted('tab')) await timed('tab', () => tabPhase(ctx));
  const log = ctx.bot.logEvents();
  ctx.details.botLog = log;
  ctx.figures.add('Embedded store', 'compactions during the load phases', log.compactions.length, '', {
    note: `each took ${Math.max(0, ...log.compactions.map((c) => c.ms))} ms at most, in all ${log.compactions.reduce((n, c) => n + c.ms, 0)} ms, requests going on meanwhile`,
  });
  ctx.figures.add('Embedded store', 'longest time a compaction held every store request', Math.max(0, ...log.compactions.map((c) => c.heldMs)), 'ms', {
    target: { kind: 'atMost', max: 50 },
    note: `while it copied the state and switched the journal; in all ${log.compactions.reduce((n, c) => n + c.heldMs, 0).toFixed(1)} ms over ${log.compactions.length} compactions`,
  });
  ctx.figures.add('Embedded store', 'errors the bot logged', log.errors, '', {
    ...(log.errors > 0 ? { note: Object.entries(log.errorMessages).map(([m, n]) => `${n} × "${m}"`).join(', ') } : {}),
  });
  try {
    const sizes = await documentSizes(ctx.cosmos.endpoint, ctx.cosmos.key, 'lansledning');
    ctx.details.documentSizes = sizes;
    for (const size of sizes.filter((s) => s.count >= 3)) {
      ctx.figures.add('Document sizes (as stored, without the store\'s own fields)', `${size.container} / ${size.type}`, size.averageBytes, 'bytes', {
        note: `${size.count} documents`,
      });
    }
  } catch (err) {
    ctx.pending.push(`document sizes: failed (${err instanceof Error ? err.message : String(err)})`);
  }
  if (wanted('restart')) {
    if (Date.now() < ctx.deadline - 60_000 || options.only) await timed('restart', () => restartPhase(ctx, options.dataDir));
    else ctx.pending.push('restart on the run\'s data: skipped, the run had used its time budget (run `npm run bench -- --only broadcast,restart`)');
  }
}

async function broadcastPhase(ctx: BenchContext, growth: boolean, phasesAfter: boolean): Promise<void> {
  const feature = await hasVerb(ctx.bot.url, SECRETARY.user, ctx.plain.serviceUrl, 'broadcast.confirm');
  const send = feature ? runFeatureBroadcast : runOutboxBroadcast;
  if (!feature) {
    ctx.pending.push(
      'broadcasts through the secretariat\'s broadcast.create and broadcast.confirm, and broadcast.ack: wait on the dissemination feature; ' +
        'the broadcast figures come from the same delivery enqueued on the outbox directly',
    );
  }
  // A small broadcast first: the embedded server compiles each query text once, blocking a moment.
  await send(ctx, 20, 'warm-up');
  const runs: BroadcastRun[] = [];
  const sizes = growth ? GROWTH_CHATS : [THROUGHPUT_CHATS];
  for (const chats of sizes) {
    // What the run needs at Teams' limit, with a margin, and the phases after it if any (about 4 minutes).
    const needs = (chats / 50) * 1_300 + 30_000 + (phasesAfter ? 240_000 : 0);
    if (Date.now() + needs > ctx.deadline && chats > THROUGHPUT_CHATS) {
      ctx.pending.push(`growth at ${chats} chats: skipped, ${Math.round(needs / 1000)} s would not fit in the run's time budget (run \`npm run bench -- --only growth\`)`);
      continue;
    }
    await quiet(ctx, `broadcast to ${chats}`, 30_000);
    const run = await send(ctx, chats, `chats-${chats}`);
    runs.push(run);
    process.stdout.write(
      `    broadcast to ${run.recipients}: ${run.totalS.toFixed(1)} s (enqueued after ${run.enqueueS.toFixed(1)} s), ${run.rate.toFixed(1)} msg/s, ` +
        `429 ${run.throttled429}, lost ${run.lost}, dup ${run.duplicates}\n`,
    );
  }
  ctx.details.broadcasts = runs;
  const main = runs.find((r) => r.chats === THROUGHPUT_CHATS);
  const echoRss = ctx.echo.rssMiB();
  if (main) {
    ctx.broadcastId = main.broadcastId;
    const how = main.mode === 'feature' ? 'composed and sent by the secretariat' : 'enqueued on the outbox directly';
    const s = `Broadcast throughput: ${main.channels} channels + ${main.chats} personal chats, Teams' limits enforced (${how})`;
    ctx.figures.add(s, 'total time, send to last message', main.totalS, 's', {
      note: main.mode === 'feature' ? `"Skicka nu" answered after ${main.enqueueS.toFixed(1)} s (all deliveries enqueued)` : `enqueue ${main.enqueueS.toFixed(1)} s`,
    });
    ctx.figures.add(s, 'messages per second, first to last', main.rate, 'msg/s');
    ctx.figures.add(s, 'share of the binding limit (50/s per app)', main.ratePctOfLimit, '%', { target: { kind: 'atLeast', min: 95 } });
    ctx.figures.add(s, '/healthz round trip while delivering, p50', main.healthz.p50, 'ms', {
      note: `p99 ${main.healthz.p99.toFixed(0)} ms: the delay each send's answer also waits, which the limiter counts against the window`,
    });
    ctx.figures.add(s, 'CPU time of the bot per delivered message', main.cpuMsPerMessage, 'ms', {
      note: `${((main.cpuMsPerMessage * 50) / 10).toFixed(0)}% of one core at 50 msg/s`,
    });
    ctx.figures.add(s, '429s per 100 messages', (main.throttled429 / main.recipients) * 100, '', {
      target: { kind: 'atMost', max: 1 },
      note: `${main.throttled429} answered 429`,
    });
    ctx.figures.add(s, 'duplicates', main.duplicates, '', { target: { kind: 'equals', value: 0 } });
    ctx.figures.add(s, 'lost', main.lost, '', { target: { kind: 'equals', value: 0 }, note: `${main.recordedSent} of ${main.recipients} recorded sent` });
    ctx.figures.add('Start-up and memory', `RSS after the ${main.recipients}-recipient broadcast`, main.rssAfterMiB, 'MiB', {
      baseline: echoRss,
      target: { kind: 'ratioAtMost', max: 2 },
    });
    ctx.figures.add(
      'Store cost (requests to the Cosmos endpoint)',
      main.mode === 'feature' ? 'per delivered message (the bot: confirm, enqueue, delivery, status card, background)' : 'per delivered message, bot (delivery and background loops)',
      main.storeOps.perMessageAll,
      'ops',
      { target: { kind: 'atMost', max: 3.2 }, note: opsNote(main.storeOps.all.byOp, main.recipients) },
    );
    ctx.figures.add(
      'Azure request units (estimate from the requests and the sizes of what they returned)',
      'per delivered message (everything the bot did while it delivered)',
      main.storeOps.all.azureRu / Math.max(1, main.recipients),
      'RU',
    );
    if (main.mode === 'outbox') {
      ctx.figures.add('Store cost (requests to the Cosmos endpoint)', 'per delivered message, enqueue', main.enqueueOps / main.recipients, 'ops');
    }
  }
  if (growth) {
    const s = 'Growth: broadcast to 11 channels + N personal chats';
    for (const r of runs) {
      ctx.figures.add(s, `N=${r.chats}: total time`, r.totalS, 's', { note: `${(r.totalS * 1000 / r.recipients).toFixed(1)} ms per recipient` });
      ctx.figures.add(s, `N=${r.chats}: messages per second`, r.rate, 'msg/s', {
        ...(r.chats >= 5_000 ? { target: { kind: 'atLeast' as const, min: 47.5 } } : {}),
        note: `${r.ratePctOfLimit.toFixed(1)} % of 50/s`,
      });
      ctx.figures.add(s, `N=${r.chats}: store ops per message`, (r.storeOps.all.total + r.enqueueOps) / r.recipients, 'ops', {
        note: `${r.storeOps.all.total} by the bot${r.mode === 'outbox' ? ` + ${r.enqueueOps} enqueue` : ''}; lost ${r.lost}, dup ${r.duplicates}, 429 ${r.throttled429}; CPU ${r.cpuMsPerMessage.toFixed(1)} ms/msg`,
      });
    }
  }
}

function opsNote(byOp: Record<string, number>, messages: number): string {
  return Object.entries(byOp)
    .map(([k, n]) => `${k} ${(n / messages).toFixed(2)}`)
    .join(', ');
}

async function meetingPhase(ctx: BenchContext): Promise<void> {
  if (!(await hasVerb(ctx.bot.url, SECRETARY.user, ctx.plain.serviceUrl, 'meeting.create'))) {
    ctx.pending.push('RSVP burst, meeting.rsvp latency and store operations per RSVP: wait on the meetings feature (meeting.create, meeting.rsvp)');
    return;
  }
  await quiet(ctx, 'meeting notice and RSVP burst', 30_000);
  const notice = await createMeetingWithNotices(ctx);
  ctx.meetingId = notice.meetingId;
  const s = `RSVP burst: ${INVITEES} members answer one meeting within one second`;
  ctx.figures.add(s, `notice to ${notice.invitees} invitees: press to last delivered`, notice.totalS, 's', {
    note: `meeting.create answered in ${notice.createTurnMs} ms; ${notice.rate.toFixed(1)} msg/s; lost ${notice.lost}, dup ${notice.duplicates}, 429 ${notice.throttled429}; ${notice.storeOpsPerMessage.toFixed(2)} store ops and ${notice.cpuMsPerMessage.toFixed(1)} ms CPU per notice`,
  });
  await quiet(ctx, 'RSVP burst', 30_000);
  const burst = await rsvpBurst(ctx, notice.meetingId, INVITEES, 20);
  ctx.details.rsvp = { notice, burst };
  ctx.figures.add(s, 'time until all answers are recorded', burst.allRecordedS, 's', {
    target: { kind: 'atMost', max: 3 },
    note:
      `${burst.requests} presses over 1 s (${burst.changedMind} members press twice at once with the other answer); ` +
      `last answer after ${burst.lastAnswerS.toFixed(1)} s; answers p50 ${burst.p50.toFixed(0)} ms, p99 ${burst.p99.toFixed(0)} ms`,
  });
  ctx.figures.add(s, 'conflicts retried (store answered 412)', burst.precondition412, '');
  ctx.figures.add(s, 'errors', burst.errors, '', {
    target: { kind: 'equals', value: 0 },
    ...(burst.errors > 0
      ? { note: `${Object.entries(burst.errorKinds).map(([k, n]) => `${n} × ${k}`).join('; ')} (TimeoutError: no answer within 15 s, when Teams gives up)` }
      : {}),
  });
  ctx.figures.add(s, 'counts exact (1 = yes)', burst.countsExact ? 1 : 0, '', {
    target: { kind: 'equals', value: 1 },
    note: `${burst.recorded} recorded of ${burst.members}: ${burst.attend} attend / ${burst.absent} absent, expected ${burst.expectedAttend} / ${burst.expectedAbsent}`,
  });
  ctx.figures.add('Azure request units (estimate from the requests and the sizes of what they returned)', 'per RSVP in the burst (whole turn)', burst.storeOps.azureRu / burst.requests, 'RU');
  ctx.figures.add('Store cost (requests to the Cosmos endpoint)', 'per RSVP in the burst (whole turn)', burst.storeOpsPerAnswer, 'ops', {
    target: { kind: 'atMost', max: 4 },
    note: opsNote(burst.storeOps.byOp, burst.requests),
  });
}

async function latencyPhase(ctx: BenchContext): Promise<void> {
  const kinds: TurnKind[] = [helpTurn(ctx)];
  if (await hasVerb(ctx.bot.url, SECRETARY.user, ctx.plain.serviceUrl, 'case.submit')) kinds.push(caseSubmitTurn(ctx));
  else ctx.pending.push('case.submit latency and store cost: wait on the cases feature');
  if (ctx.meetingId) kinds.push(rsvpTurn(ctx, ctx.meetingId));
  if (ctx.broadcastId) kinds.push(ackTurn(ctx, ctx.broadcastId, THROUGHPUT_CHATS));
  else ctx.pending.push('broadcast.ack latency and store cost: wait on the dissemination feature (a broadcast to acknowledge)');
  const chosen = kinds.filter((k) => !ctx.turns || ctx.turns.has(k.name));
  const results: Record<string, TurnLatency> = {};
  for (const [index, kind] of chosen.entries()) {
    if (Date.now() > ctx.deadline - 30_000) {
      ctx.pending.push(`${kind.name} latency: skipped, the run had used its time budget`);
      continue;
    }
    // Each run stops after this many seconds; less when the run's budget is short (the restart needs ~30 s).
    const left = (ctx.deadline - Date.now() - 30_000) / 1000;
    const maxSeconds = Math.max(4, Math.min(12, left / ((chosen.length - index) * CONCURRENCIES.length * 1.6)));
    // Work the phase before left behind (cases' notifications, a broadcast's last records) is done first.
    await quiet(ctx, `${kind.name} latency`, 60_000);
    const result = await measureTurnLatency(ctx, kind, CONCURRENCIES, maxSeconds);
    results[kind.name] = result;
    reportTurnLatency(ctx, kind, result);
  }
  for (const kind of chosen) {
    const result = results[kind.name];
    if (!result || result.storeOps.total === 0) continue;
    ctx.figures.add('Store cost (requests to the Cosmos endpoint)', `per ${kind.name} turn`, result.storeOpsPerTurn, 'ops', {
      ...(TURN_OPS_TARGETS[kind.name] === undefined ? {} : { target: { kind: 'atMost' as const, max: TURN_OPS_TARGETS[kind.name]! } }),
      note: opsNote(result.storeOps.byOp, result.points[0]?.bot.requests ?? 1),
    });
    ctx.figures.add(
      'Azure request units (estimate from the requests and the sizes of what they returned)',
      `per ${kind.name} turn`,
      result.storeOps.azureRu / Math.max(1, result.points[0]?.bot.requests ?? 1),
      'RU',
    );
  }
  ctx.details.latency = results;
}

async function restartPhase(ctx: BenchContext, dataDir: string): Promise<void> {
  await quiet(ctx, 'restart', 20_000);
  await ctx.bot.stop();
  // Loading the snapshot and replaying the journal of a whole run takes a while on a busy machine.
  const restarted = await startService({ ...botSpawn(dataDir), timeoutMs: 90_000 });
  try {
    await sleep(3_000);
    ctx.figures.add('Start-up and memory', `ready after restart on the run's data (${ctx.seeded.recipients} recipients and their deliveries)`, restarted.readyMs, 'ms', {
      target: { kind: 'atMost', max: 2_000 },
    });
    ctx.figures.add('Start-up and memory', 'RSS idle after restart on that data', restarted.rssMiB(), 'MiB', { baseline: ctx.echo.rssMiB() });
  } finally {
    await restarted.stop();
  }
}
