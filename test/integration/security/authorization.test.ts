import assert from 'node:assert/strict';
import { CONTRACT_VERBS } from '../../../src/features';
import { ManualClock } from '../../../src/clock';
import { DIRECTORY_ENTRIES, ROLE_NAMES } from './actors';
import { VERB_MATRIX as MATRIX, type Outcome } from './authorizationMatrix';
import { startGuardedApp, type GuardedApp } from './harness';
import { outcomeOf } from './outcomes';
import { fixtureContext, fixtureFor, type FixtureContext } from './verbFixtures';

describe('authorization: every verb as every role, against the matrix in docs/security.md', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;
  const tally = { cells: 0, refusalsWithoutWrites: 0 };

  before(async () => {
    const clock = new ManualClock('2026-12-01T08:00:00Z');
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0' }, clock });
    ctx = fixtureContext(app, clock);
    // Each person has been seen in each place once, so later presses only write what the verb writes.
    for (const role of ROLE_NAMES) for (const where of ['personal', 'channel'] as const) await ctx.press(role, 'help.show', {}, where);
  });
  after(async () => {
    const registered = [...app.bot.app.registry.verbs.keys()];
    const missing = CONTRACT_VERBS.filter((v) => !registered.includes(v));
    console.log(
      `      figures: ${tally.cells} verb × role cells checked; ${tally.refusalsWithoutWrites} refusals, each with nothing written` +
        (missing.length > 0 ? `; contract verbs not registered in this build: ${missing.join(', ')}` : ''),
    );
    await app.stop();
  });

  it('has a row in the matrix and a fixture for every verb the bot registers, and no row for a verb it does not', () => {
    const registered = [...app.bot.app.registry.verbs.keys()].sort();
    const withoutRow = registered.filter((v) => !MATRIX.some((r) => r.verb === v));
    const withoutFixture = registered.filter((v) => !fixtureFor(v));
    const stale = MATRIX.map((r) => r.verb).filter((v) => !registered.includes(v));
    const contractMissing = CONTRACT_VERBS.filter((v) => !registered.includes(v));
    assert.deepEqual({ withoutRow, withoutFixture, stale, contractMissing }, { withoutRow: [], withoutFixture: [], stale: [], contractMissing: [] });
  });

  for (const row of MATRIX) {
    it(`${row.verb}: ${row.rule}`, async () => {
      const fixture = fixtureFor(row.verb);
      assert.ok(fixture, `no fixture for ${row.verb}`);
      const seen: Record<string, Outcome | 'error'> = {};
      const answers: Record<string, string> = {};
      for (const role of ROLE_NAMES) {
        const data = await fixture.payload(ctx, role);
        const writesBefore = app.stateWrites();
        const queuedBefore = app.queued();
        const res = await ctx.press(role, row.verb, data, fixture.where);
        assert.equal(res.status, 200, `${row.verb} as ${role}: HTTP ${res.status}`);
        seen[role] = outcomeOf(res.text, fixture.allowed, fixture.refusal);
        answers[role] = res.text.slice(0, 200);
        tally.cells += 1;
        if (seen[role] !== 'allowed') {
          assert.equal(app.stateWrites(), writesBefore, `${row.verb} as ${role} was refused but wrote`);
          assert.equal(app.queued(), queuedBefore, `${row.verb} as ${role} was refused but queued a message`);
          tally.refusalsWithoutWrites += 1;
        }
      }
      assert.deepEqual(seen, row.outcomes, `answers: ${JSON.stringify(answers, null, 1)}`);
    });
  }
});
