import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { DIRECTORY_ENTRIES, ROLE_NAMES } from './actors';
import { startGuardedApp, type GuardedApp } from './harness';
import { fixtureContext, newRemiss, type FixtureContext } from './verbFixtures';

const WAIT = /väldigt många förfrågningar/;

/**
 * The per-person flood limit (a burst, then a steady rate) stops a runaway client; it must not
 * refuse the secretariat's deliberate work. The clock stands still, so nothing refills.
 */
describe('the flood limit and the secretariat: a reminder of a remiss is not refused as a flood', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;
  const BURST = 8;

  before(async () => {
    const clock = new ManualClock('2026-12-01T08:00:00Z');
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '1', INBOUND_USER_BURST: String(BURST) }, clock });
    ctx = fixtureContext(app, clock);
    for (const role of ROLE_NAMES) await ctx.press(role, 'help.show', {});
  });
  after(async () => {
    await app.stop();
  });

  /** Presses `help.show` until the shared allowance is spent; the number of presses answered. */
  async function spend(role: 'member' | 'secretariat'): Promise<number> {
    let answered = 0;
    for (let i = 0; i < BURST + 2; i++) if (!WAIT.test((await ctx.press(role, 'help.show', {})).text)) answered += 1;
    return answered;
  }

  it('tells a member who presses faster than the limit to wait', async () => {
    const answered = await spend('member');
    assert.ok(answered < BURST + 2, 'the member is stopped');
    assert.match((await ctx.press('member', 'help.show', {})).text, WAIT);
  });

  it("sends the secretariat's reminder of a remiss after the shared allowance is spent, and still stops a flood of her presses", async () => {
    const remissId = await newRemiss(ctx);
    await spend('secretariat');
    const before = app.queued();
    const res = await ctx.press('secretariat', 'remiss.remind', { remissId });
    assert.doesNotMatch(res.text, WAIT, 'the reminder is not refused as a flood');
    assert.match(res.text, /Påminnelse skickad till/);
    assert.ok(app.queued() > before, 'the reminder is queued');
    // Her presses are counted in an allowance of their own: a runaway client is still stopped.
    let refused = 0;
    for (let i = 0; i < BURST + 2; i++) if (WAIT.test((await ctx.press('secretariat', 'remiss.status', { remissId })).text)) refused += 1;
    assert.ok(refused > 0, 'a flood of presses is stopped');
  });
});
