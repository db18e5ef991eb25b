import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { inspectPayload, inspectText } from '../../../src/bot/inboundGuard';
import { ManualClock } from '../../../src/clock';
import { message, personalConversationId } from '../../support/activities';
import { cardsOf, cardText } from '../../support/cards';
import { ACTORS, DIRECTORY_ENTRIES, ROLE_NAMES, type RoleName } from './actors';
import { VERB_MATRIX as MATRIX } from './authorizationMatrix';
import { startGuardedApp, type GuardedApp } from './harness';
import { isClearRefusal, isInternalError } from './outcomes';
import { applyMutations, mutations, type Mutation } from './payloadMutations';
import { fixtureContext, fixtureFor, type FixtureContext } from './verbFixtures';

/**
 * Inputs generated per verb: every one goes through the same edge checks as a press (the inbound
 * guard and the verb's schema) in process; those that get past them, and a sample of the rest, go
 * end to end over HTTP. FUZZ_RUNS and FUZZ_HTTP raise the numbers for a longer hunt.
 */
const RUNS_PER_VERB = Number(process.env.FUZZ_RUNS ?? 300);
const HTTP_PER_VERB = Number(process.env.FUZZ_HTTP ?? 15);
const CHAT_HTTP = Number(process.env.FUZZ_HTTP ?? 15) * 2;

const figures = { generated: 0, overHttp: 0, hostile: 0, serverErrors: 0, internalErrors: 0, verbs: 0 };

/** A fixed seed per verb: the same inputs every run, so a failure can be run again. */
function seedOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32LE(0);
}

/** The payload still carries something no handler may accept (a foreign id, a date out of range; an empty optional date is none). */
function stillSemantic(payload: unknown, list: Mutation[], optionalDates: readonly string[]): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const obj = payload as Record<string, unknown>;
  return list.some((m) => {
    if (m.kind === 'foreignId') return obj[m.field] === m.value;
    if (m.kind === 'badDate') return obj[m.field] === m.value && !(m.value === '' && optionalDates.includes(m.field));
    return false;
  });
}

describe('hostile input: generated card data for every verb, and chat text @slow', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;

  before(async () => {
    const clock = new ManualClock('2026-12-01T08:00:00Z');
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0' }, clock });
    ctx = fixtureContext(app, clock);
    for (const role of ROLE_NAMES) for (const where of ['personal', 'channel'] as const) await ctx.press(role, 'help.show', {}, where);
  });
  after(async () => {
    console.log(
      `      figures: ${figures.generated} inputs generated for ${figures.verbs} verbs and chat, all checked at the edge; ${figures.overHttp} sent end to end over HTTP (${figures.hostile} hostile, each refused with a clear card and nothing written); 5xx seen: ${figures.serverErrors}; internal errors: ${figures.internalErrors}`,
    );
    await app.stop();
  });

  for (const row of MATRIX) {
    it(`${row.verb}: every generated payload gets a clear answer, and a hostile one writes nothing`, async () => {
      const fixture = fixtureFor(row.verb);
      assert.ok(fixture);
      const registered = app.bot.app.registry.verbs.get(row.verb);
      assert.ok(registered, `${row.verb} is not registered`);
      // The person the verb is for, so that a refusal is the input's doing, not a missing permission.
      const actor = (['secretariat', 'member', 'chair', 'preparer'] as RoleName[]).find((r) => row.outcomes[r] === 'allowed') ?? 'secretariat';
      const base = await fixture.payload(ctx, actor);
      const foreignIds = (await fixture.foreignIds?.(ctx, actor)) ?? {};
      const space = { fields: Object.keys(base), idFields: fixture.idFields ?? [], dateFields: fixture.dateFields ?? [], foreignIds };
      figures.verbs += 1;

      const generated = fc.sample(mutations(space), { numRuns: RUNS_PER_VERB, seed: seedOf(row.verb) });
      const judged = generated.map((list) => {
        const payload = applyMutations(base, list);
        const edge = inspectPayload(payload ?? {}).ok && registered.input.safeParse(payload ?? {}).success;
        return { list, payload, edge, hostile: !edge || stillSemantic(payload, list, fixture.optionalDateFields ?? []) };
      });
      figures.generated += judged.length;
      // Everything the edge lets through reaches a handler: those first, then a sample of the refused.
      const reaching = judged.filter((j) => j.edge);
      const refusedAtEdge = judged.filter((j) => !j.edge);
      const sent = [...reaching.slice(0, Math.ceil(HTTP_PER_VERB * 0.7)), ...refusedAtEdge].slice(0, HTTP_PER_VERB);

      for (const { list, payload, hostile } of sent) {
        const writesBefore = app.stateWrites();
        const queuedBefore = app.queued();
        const res = await ctx.press(actor, row.verb, payload, fixture.where);
        const what = `${row.verb} with ${JSON.stringify(list).slice(0, 300)}`;
        figures.overHttp += 1;
        if (res.status >= 500) figures.serverErrors += 1;
        if (isInternalError(res.text)) figures.internalErrors += 1;
        assert.equal(res.status, 200, `HTTP ${res.status} for ${what}`);
        assert.ok(!isInternalError(res.text), `internal error for ${what}: ${res.text}`);
        if (hostile) {
          figures.hostile += 1;
          assert.ok(isClearRefusal(res.text, fixture.rejection), `not refused: ${what}: ${res.text.slice(0, 300)}`);
          assert.equal(app.stateWrites(), writesBefore, `wrote: ${what}`);
          assert.equal(app.queued(), queuedBefore, `queued a message: ${what}`);
        }
      }
    });
  }

  it('activity envelopes: missing or odd sender, conversation, type, value, timestamp and the like never give a 5xx', async () => {
    const base = (): Record<string, unknown> => message(ACTORS.member.user, { serviceUrl: app.bot.connector.serviceUrl }, 'hjälp');
    const field = fc.constantFrom('type', 'name', 'value', 'from', 'recipient', 'conversation', 'channelData', 'serviceUrl', 'timestamp', 'locale', 'entities', 'attachments', 'replyToId', 'text', 'id', 'membersAdded', 'action');
    const odd = fc.oneof(
      fc.constantFrom<unknown>(null, 42, '', 'invoke', 'conversationUpdate', 'installationUpdate', 'adaptiveCard/action', 'task/fetch', 'x'.repeat(5000), [], {}, { id: '' }, { id: 42 }, { action: null }, { action: { verb: 42 } }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const envelope = fc.array(fc.tuple(field, fc.option(odd, { nil: undefined })), { minLength: 1, maxLength: 4 }).map((changes) => {
      const activity = base();
      activity.id = `fuzz-${Math.random().toString(36).slice(2)}`;
      for (const [key, value] of changes) {
        if (value === undefined) delete activity[key];
        else activity[key] = value;
      }
      return activity;
    });
    const generated = fc.sample(envelope, { numRuns: RUNS_PER_VERB, seed: seedOf('envelope') });
    figures.generated += generated.length;
    for (const activity of generated.slice(0, HTTP_PER_VERB * 3)) {
      const res = await app.bot.post(activity);
      figures.overHttp += 1;
      if (res.status >= 500) figures.serverErrors += 1;
      assert.ok(res.status < 500, `HTTP ${res.status} for ${JSON.stringify(activity).slice(0, 400)}`);
    }
  });

  it('chat text: control characters, huge text, unicode and command words with odd arguments never give a 5xx, and write nothing', async () => {
    const conversation = (role: RoleName) => personalConversationId(ACTORS[role].user);
    const commandWords = fc.constantFrom('hjälp', 'help', '?', 'koppla kanal', 'medlem', 'ärende', 'möte', 'utskick', 'remiss', '');
    const oddText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.constantFrom('\u0000', '\u202e', '\ud800', 'x'.repeat(100 * 1024), '<at>Bot</at>', '{{ .Values }}', '${t.core.errorTitle}', '__proto__'),
    );
    const text = fc.tuple(commandWords, oddText).map(([word, rest]) => `${word} ${rest}`);
    const role = fc.constantFrom<RoleName>(...ROLE_NAMES);
    const generated = fc.sample(fc.tuple(role, text), { numRuns: RUNS_PER_VERB, seed: seedOf('chat') });
    figures.generated += generated.length;
    for (const [, said] of generated) assert.doesNotThrow(() => inspectText(said));
    for (const [who, said] of generated.slice(0, CHAT_HTTP)) {
      const before = app.bot.connector.sent(conversation(who)).length;
      const writesBefore = app.stateWrites();
      const res = await app.bot.post(message(ACTORS[who].user, { serviceUrl: app.bot.connector.serviceUrl }, said));
      figures.overHttp += 1;
      if (res.status >= 500) figures.serverErrors += 1;
      assert.equal(res.status, 200);
      await app.bot.connector.waitFor(() => app.bot.connector.sent(conversation(who)).length > before, 5_000, 'an answer in chat');
      const answer = app.bot.connector
        .sent(conversation(who))
        .slice(before)
        .map((a) => (typeof a.text === 'string' ? a.text : cardText(cardsOf(a)[0])))
        .join('\n');
      if (isInternalError(answer)) figures.internalErrors += 1;
      assert.ok(!isInternalError(answer), `internal error for ${JSON.stringify(said.slice(0, 80))}: ${answer}`);
      assert.equal(app.stateWrites(), writesBefore, `chat text wrote: ${JSON.stringify(said.slice(0, 80))}`);
    }
  });
});
