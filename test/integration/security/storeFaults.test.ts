import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { Store } from '../../../src/store/types';
import { FaultyStore, WRITE_OPS, type Fault, type FaultOp } from '../../support/faultyStore';
import { startGuardedApp, STATE_CONTAINERS, type GuardedApp } from './harness';
import { answerText, TURN_SCENARIOS, type TurnScenario } from './turnScenarios';

const TRY_AGAIN = /Jag kunde inte spara just nu\. Försök igen/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const LOOPBACK_PORT = /127\.0\.0\.1:\d+/g;

/**
 * Stored state in a form two runs can be compared in: what differs between any two starts (random
 * ids, the link-signing key, the fake Teams' port) masked, order fixed.
 */
function normalised(docs: Record<string, unknown>[]): string[] {
  return docs
    .filter((d) => d.pk !== 'settings')
    .map((d) => JSON.stringify(d).replace(UUID, '<uuid>').replace(LOOPBACK_PORT, '127.0.0.1:<port>'))
    .sort();
}

const figures = { faultsInjected: 0, turns: 0, serverErrors: 0, halfWritten: 0 };

describe('store faults during a turn', () => {
  let app: GuardedApp | undefined;
  let faulty: FaultyStore;

  after(() => {
    console.log(
      `      figures: ${figures.faultsInjected} store faults injected over ${figures.turns} turns; 5xx seen: ${figures.serverErrors}; half-written states: ${figures.halfWritten}`,
    );
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  async function start(scenario: TurnScenario): Promise<GuardedApp> {
    app = await startGuardedApp({
      members: scenario.members,
      clock: new ManualClock('2026-03-06T09:00:00Z'),
      wrapStore: (inner: Store) => (faulty = new FaultyStore(inner)),
    });
    await scenario.setup?.(app);
    return app;
  }

  async function press(scenario: TurnScenario, running: GuardedApp): Promise<string> {
    const res = await scenario.press(running);
    figures.turns += 1;
    if (res.status >= 500) figures.serverErrors += 1;
    assert.equal(res.status, 200, `HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
    return answerText(res.body);
  }

  for (const scenario of TURN_SCENARIOS) {
    describe(scenario.name, () => {
      it('comes through 429s with retry-after, 503s, timeouts and 412s on every kind of call, recorded once', async () => {
        const clean = await start(scenario);
        assert.ok(scenario.done(await press(scenario, clean)));
        const expected = normalised(await clean.dump(STATE_CONTAINERS));
        await clean.stop();

        const running = await start(scenario);
        // At most three faults in a row for any kind of call: what the retries are built to absorb.
        const plan: [FaultOp, Fault, number][] = [
          ['read', 'throttled', 2],
          ['read', 'lostAnswer', 1],
          ['query', 'unavailable', 2],
          ['query', 'timeout', 1],
          ['upsert', 'throttled', 1],
          ['upsert', 'lostAnswer', 1],
          ['upsert', 'unavailable', 1],
          ['replace', 'precondition', 3],
          ['replace', 'timeout', 1],
          ['replace', 'lostAnswer', 1],
          ['delete', 'unavailable', 1],
          ['create', 'throttled', 2],
        ];
        for (const [op, fault, times] of plan) faulty.add({ fault, ops: [op], times, retryAfterMs: 25 });
        const answer = await press(scenario, running);
        figures.faultsInjected += faulty.totalInjected();
        assert.ok(scenario.done(answer), `answered: ${answer}`);
        assert.ok(faulty.totalInjected() > 0);
        assert.deepEqual(normalised(await running.dump(STATE_CONTAINERS)), expected);
      });

      it('answers "try again" when the store goes down at any write of the turn, and a second press records it exactly once', async () => {
        const clean = await start(scenario);
        const before = clean.writes();
        assert.ok(scenario.done(await press(scenario, clean)));
        const writes = clean.writes() - before;
        const expected = normalised(await clean.dump(STATE_CONTAINERS));
        const batches = clean.record.batches.map((b) => b.batchId).sort();
        await clean.stop();
        assert.ok(writes > 0);

        for (let k = 1; k <= writes; k++) {
          const running = await start(scenario);
          faulty.add({ fault: 'unavailable', ops: WRITE_OPS, skip: k - 1 });
          const first = await press(scenario, running);
          figures.faultsInjected += faulty.totalInjected();
          assert.ok(scenario.done(first) || TRY_AGAIN.test(first), `outage from write ${k}: answered ${first}`);
          faulty.clear();
          if (!scenario.done(first)) assert.ok(scenario.done(await press(scenario, running)), `second press after outage from write ${k}`);
          const state = normalised(await running.dump(STATE_CONTAINERS));
          if (JSON.stringify(state) !== JSON.stringify(expected)) figures.halfWritten += 1;
          assert.deepEqual(state, expected, `state after an outage from write ${k} of ${writes} and a second press`);
          assert.deepEqual([...new Set(running.record.batches.map((b) => b.batchId))].sort(), [...new Set(batches)], 'the same messages queued, under the same ids');
          await running.stop();
          app = undefined;
        }
      });
    });
  }
});
