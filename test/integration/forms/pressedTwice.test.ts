import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from '../../../src/clock';
import { DIRECTORY_ENTRIES, ROLE_NAMES, type RoleName } from '../security/actors';
import { VERB_MATRIX } from '../security/authorizationMatrix';
import { startGuardedApp, type GuardedApp } from '../security/harness';
import { fixtureContext, fixtureFor, type FixtureContext } from '../security/verbFixtures';

/**
 * Every form that creates or sends something (a `once` verb), pressed twice: at the same time and
 * one after the other, from the same card (with its form instance id, and an older card without
 * one), and by a retry with a new activity id. There is one result and one set of messages: what
 * a single press of a fresh form sends, and nothing more.
 */
const allowedRole = (verb: string): RoleName => {
  const row = VERB_MATRIX.find((r) => r.verb === verb);
  const role = ROLE_NAMES.find((r) => row?.outcomes[r] === 'allowed');
  if (!role) throw new Error(`no role may use ${verb}`);
  return role;
};

/** The verbs that hand messages to the outbox (or jobs to the scheduler) when they go through. */
const SENDS = new Set(['meeting.create', 'meeting.update', 'meeting.notes', 'meeting.cancel', 'broadcast.confirm', 'remiss.create', 'case.submit', 'notice.confirm', 'year.publish']);

const formId = () => `f20261201${randomBytes(8).toString('hex')}`;

describe('every sending form pressed twice: one result, one set of messages', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;
  const clock = new ManualClock('2026-12-01T08:00:00Z');

  before(async () => {
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0' }, clock });
    ctx = fixtureContext(app, clock);
    for (const role of ROLE_NAMES) for (const where of ['personal', 'channel'] as const) await ctx.press(role, 'help.show', {}, where);
  });
  after(async () => {
    await app.stop();
  });

  it('covers the sending forms the issue names', () => {
    const once = app.bot.app.registry.onceVerbs;
    for (const verb of ['meeting.create', 'meeting.update', 'meeting.notes', 'meeting.cancel', 'broadcast.create', 'broadcast.confirm', 'remiss.create', 'case.submit', 'cost.split', 'notice.confirm', 'member.save', 'member.remove', 'member.importApply']) {
      assert.ok(once.has(verb), `${verb} is once-only`);
    }
  });

  // The list is read when the tests are made, from a registry built the same way.
  const verbs = ['meeting.create', 'meeting.update', 'meeting.notes', 'meeting.cancel', 'broadcast.create', 'broadcast.confirm', 'remiss.create', 'case.submit', 'cost.split', 'notice.confirm', 'member.save', 'member.remove', 'member.importApply', 'year.publish'];

  it('has a case below for every once-only verb', () => {
    assert.deepEqual([...app.bot.app.registry.onceVerbs].filter((v) => !verbs.includes(v)), []);
  });

  for (const verb of verbs) {
    for (const withFormId of [true, false]) {
      it(`${verb}, ${withFormId ? 'a card with its form instance id' : 'an older card without one'}: twice at once, then again`, async () => {
        const fixture = fixtureFor(verb);
        assert.ok(fixture, `a fixture for ${verb}`);
        const role = allowedRole(verb);

        // What one press of a fresh form sends.
        const single = await fixture.payload(ctx, role);
        const q0 = app.queued();
        const first = await ctx.press(role, verb, withFormId ? { ...single, formId: formId() } : single, fixture.where);
        assert.equal(first.status, 200);
        assert.doesNotMatch(first.text, /Det gick inte|Formuläret skickades inte|inte behörighet/, 'the fixture is a press that goes through');
        const oneSet = app.queued() - q0;
        if (SENDS.has(verb)) assert.ok(oneSet > 0, `${verb} sends something`);

        const payload = { ...(await fixture.payload(ctx, role)), ...(withFormId ? { formId: formId() } : {}) };
        const card = `card-${randomUUID()}`;
        const q1 = app.queued();
        const [a, b] = await Promise.all([ctx.press(role, verb, payload, fixture.where, card), ctx.press(role, verb, payload, fixture.where, card)]);
        assert.equal(a.status, 200);
        assert.equal(b.text, a.text, 'the second press gets the first result');
        assert.equal(app.queued() - q1, oneSet, 'one set of messages');

        const writes = app.stateWrites();
        const queued = app.queued();
        // A later press, or Teams' retry, comes with a new activity id.
        const later = await ctx.press(role, verb, payload, fixture.where, card);
        assert.equal(later.text, a.text, 'a later press gets the first result');
        assert.deepEqual({ writes: app.stateWrites(), queued: app.queued() }, { writes, queued }, 'and changes nothing');
      });
    }
  }
});
