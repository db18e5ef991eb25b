/**
 * `npm run bench`: builds the bot, starts it and the echo baseline as their own processes on
 * loopback, with the embedded store and fake Bot Connectors, runs every benchmark, prints a table,
 * writes test/bench/results.json and the results section of docs/benchmarks.md.
 *
 * Options: `--only a,b` runs some phases (startup, broadcast, growth, latency, tab, restart);
 * `--turns a,b` some kinds of turn in the latency phase (hjälp, case.submit, meeting.rsvp, broadcast.ack);
 * `--no-docs` leaves docs/benchmarks.md alone; `--profile` writes a CPU profile of the bot under
 * test to .tmp/bench/profiles (read it with test/bench/profileSummary.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log';
import { PROJECT_ROOT } from '../../src/paths';
import { openCosmosStore } from '../../src/store/cosmosStore';
import { readStoreKey } from '../../src/store/embedded';
import { freePort } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import type { BenchContext } from './context';
import { Figures } from './figures';
import { load, machineInfo } from './machine';
import { BENCH_BUILD_DIR, startService, type ServiceProcess } from './processes';
import { markdown, textTable, updateSummary, type BenchResults } from './report';
import { StoreOpsMeter } from './storeOps';
import { batchSeedWriter } from './seedWriter';
import { HELP_USERS, PREPARERS, SECRETARY, helpUser, preparer, seedPartyChannels, seedPeople } from './population';
import { runPhases, runStartupPhase } from './phases';
import { BOT_COMMAND, BOT_SCRIPT, ECHO_SCRIPT, PROBE_SCRIPT, botSpawn, echoSpawn } from './services';

// The build before this script takes about a minute; the whole `npm run bench` must end within ten.
const BUDGET_MS = 8 * 60_000;
// Past the budget, a phase still running is given this long before the run stops and reports.
const HARD_STOP_GRACE_MS = 30_000;
const RESULTS_FILE = join(PROJECT_ROOT, 'test', 'bench', 'results.json');
const SUMMARY_FILE = join(PROJECT_ROOT, 'docs', 'benchmarks.md');
interface Options {
  only: Set<string> | undefined;
  turns: Set<string> | undefined;
  docs: boolean;
  profile: boolean;
}

function parseOptions(argv: string[]): Options {
  const list = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 && argv[at + 1] ? new Set(argv[at + 1]!.split(',')) : undefined;
  };
  return {
    only: list('--only'),
    turns: list('--turns'),
    docs: !argv.includes('--no-docs'),
    profile: argv.includes('--profile'),
  };
}

/**
 * The long-running bot under test, its embedded store on a port the bench knows (to count and to
 * seed). A free port can be taken by another process before the bot binds it: then try another.
 */
async function startBotUnderTest(dataDir: string, nodeFlags: string[]): Promise<{ bot: ServiceProcess; cosmosPort: number }> {
  for (let attempt = 1; ; attempt++) {
    const cosmosPort = await freePort();
    try {
      // The bench measures how long turns take at each concurrency, so nothing is refused as busy here
      // (the busy rule has its own starvation run: test/integration/security/overload.test.ts).
      const env = { EMBEDDED_COSMOS_PORT: String(cosmosPort), BUSY_EVENT_LOOP_LAG_MS: '0', BUSY_MAX_TURNS: '0' };
      const bot = await startService(botSpawn(dataDir, { env, nodeFlags, ipc: true }));
      return { bot, cosmosPort };
    } catch (err) {
      if (attempt >= 3 || !/in use|EADDRINUSE/.test(String(err))) throw err;
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  for (const file of [BOT_SCRIPT, ECHO_SCRIPT, PROBE_SCRIPT]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench\` (it builds first)`);
  }
  const machine = machineInfo();
  const startedAt = Date.now();
  const log = createLogger('silent');
  process.stdout.write(
    `bench: ${machine.nproc} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAtStart.join(' ')}, ` +
      `fdatasync p50 ${machine.fsync.p50} ms\n`,
  );

  const figures = new Figures(() => load()[0]);
  const details: Record<string, unknown> = {};
  const pending: string[] = [];
  if (!options.only || options.only.has('startup')) {
    const started = Date.now();
    await runStartupPhase(figures, details).catch((err: unknown) => {
      pending.push(`startup: failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    });
    details.phaseSeconds = { startup: (Date.now() - started) / 1000 };
    process.stdout.write(`  startup: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }

  const plain = await new FakeConnector().start();
  const limited = await new FakeConnector({ enforceTeamsLimits: true }).start();
  const dataDir = mkdtempSync(join(tmpdir(), 'lv-bench-'));
  const profileDir = join(BENCH_BUILD_DIR, 'profiles');
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  const echo = await startService(echoSpawn());
  const { bot, cosmosPort } = await startBotUnderTest(dataDir, [
    '--require',
    PROBE_SCRIPT,
    ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ]);
  // The bench signs with the store's key, as the bot does; unsigned requests are refused.
  const storeKey = await readStoreKey(join(dataDir, 'cosmos'));
  const store = await openCosmosStore({ endpoint: `http://127.0.0.1:${cosmosPort}`, key: storeKey, database: 'lansledning' });
  const seed = batchSeedWriter(`http://127.0.0.1:${cosmosPort}`, storeKey, 'lansledning');
  const ctx: BenchContext = {
    bot,
    echo,
    limited,
    plain,
    store,
    seed,
    cosmos: { endpoint: `http://127.0.0.1:${cosmosPort}`, key: storeKey },
    meter: new StoreOpsMeter(bot),
    figures,
    details,
    pending,
    log,
    seeded: { recipients: 0 },
    turns: options.turns,
    deadline: startedAt + BUDGET_MS,
  };
  // However busy the machine, the run ends within its budget: what has not been measured by then
  // is listed as such, and what has is written.
  const hardStop = setTimeout(() => {
    ctx.pending.push(`the run was stopped at its time budget (${Math.round((BUDGET_MS + HARD_STOP_GRACE_MS) / 1000)} s): the phase in progress and those after it`);
    void Promise.allSettled([bot.stop(), echo.stop()]).then(() => {
      report(ctx, machine, startedAt, options);
      process.exit(0);
    });
  }, BUDGET_MS + HARD_STOP_GRACE_MS - (Date.now() - startedAt));
  try {
    await seedPeople(seed, [SECRETARY, ...Array.from({ length: HELP_USERS }, (_, i) => helpUser(i))], plain.serviceUrl);
    await seedPeople(seed, Array.from({ length: PREPARERS }, (_, i) => preparer(i)), null);
    await seedPartyChannels(store, limited.serviceUrl);
    await runPhases(ctx, { dataDir, only: options.only, restartArgs: { cosmosPort } });
  } finally {
    clearTimeout(hardStop);
    await store.close();
    await bot.stop();
    await echo.stop();
    await plain.stop();
    await limited.stop();
  }
  report(ctx, machine, startedAt, options);
}

/** Writes results.json, prints the table and, for a whole run, the results section of the docs. */
function report(ctx: BenchContext, machine: ReturnType<typeof machineInfo>, startedAt: number, options: Options): void {
  machine.loadAtEnd = load();
  const results: BenchResults = {
    machine,
    botCommand: BOT_COMMAND,
    durationS: (Date.now() - startedAt) / 1000,
    figures: ctx.figures.all,
    details: ctx.details,
    pending: ctx.pending,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${textTable(results.figures)}\n\n`);
  if (results.pending.length > 0) process.stdout.write(`Not measured:\n${results.pending.map((p) => `  - ${p}`).join('\n')}\n\n`);
  if (options.docs && !options.only) {
    updateSummary(SUMMARY_FILE, results);
    process.stdout.write(`wrote ${RESULTS_FILE} and the results section of ${SUMMARY_FILE}\n`);
  } else {
    process.stdout.write(`wrote ${RESULTS_FILE}\n${options.only ? markdown(results) : ''}\n`);
  }
  process.stdout.write(`bench finished in ${results.durationS.toFixed(0)} s\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
