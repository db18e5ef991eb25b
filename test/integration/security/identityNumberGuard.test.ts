import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { DestinationStream } from 'pino';
import type { ZodTypeAny } from 'zod';
import { ManualClock } from '../../../src/clock';
import { CONTAINER_NAMES } from '../../../src/store/containers';
import { DIGIT_FORMS, WRITING_CLASSES, writtenIdentityNumber, type WritingClass } from '../../support/identityNumbers';
import { passesUnknownFields, stringInputs } from '../../support/schemaStrings';
import { ACTORS, DIRECTORY_ENTRIES, type RoleName } from './actors';
import { MATRIX } from './authorizationMatrix';
import { TEXT_INPUTS, textInputsOf, type FreeTextField } from './freeTextInputs';
import { startGuardedApp, type GuardedApp } from './harness';
import { isClearRefusal, isInternalError } from './outcomes';
import { intakeForm } from '../../support/caseForm';
import { fixtureContext, fixtureFor, type FixtureContext } from './verbFixtures';

/**
 * The identity-number guard over every free-text input of every verb (freeTextInputs.ts): a
 * generated number, written in each class of writing, goes through each field end to end over
 * HTTP; afterwards neither the store (every container, the records of processed activities
 * included), nor the log output, nor the personal-data export of anyone who pressed holds it.
 * A control writes harmless text through each field that keeps its text and finds it stored, so
 * the search would have found a number that got through. GUARD_RUNS raises the numbers written
 * per class and field.
 */
const RUNS_PER_CLASS = Number(process.env.GUARD_RUNS ?? 1);
const PRIVACY_REFUSAL = /personnummer eller samordningsnummer/;

/** Every generated number's ten digits, to look for afterwards. */
const written: { digits: string; writing: WritingClass; verb: string; field: string }[] = [];
const figures = { verbs: 0, fields: 0, numbers: 0, refusedByGuard: 0, refusedOtherwise: 0, controls: 0, documents: 0, logLines: 0, exports: 0 };

/** The input's path as the table names it: list markers dropped (`materials[].title` is `materials.title`). */
const tablePath = (path: string) => path.replace(/\[\]/g, '');

/** The ten digits at the end of each digit run a text holds, read by the forms the generator writes (not by the guard). */
function digitStream(text: string): string {
  let out = '';
  for (const char of text) {
    if (char >= '0' && char <= '9') out += char;
    else {
      const form = DIGIT_FORMS.find((f) => f.includes(char));
      if (form) out += String(form.indexOf(char));
    }
  }
  return out;
}

/** Every string a value holds, one document at a time. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

function capture(): DestinationStream & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

function seedOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32LE(0);
}

/** The person the verb is for, so that what refuses the input is the guard, not a missing permission. */
function actorFor(verb: string): RoleName {
  const row = MATRIX.find((r) => r.verb === verb)!;
  return (['secretariat', 'member', 'chair', 'preparer'] as RoleName[]).find((r) => row.outcomes[r] === 'allowed') ?? 'secretariat';
}

describe('identity numbers: one table names every text input of every verb', () => {
  let app: GuardedApp;

  before(async () => {
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES });
  });
  after(async () => {
    await app.stop();
  });

  it('names every text input of every registered verb: free text or not, and what a schema lets through unnamed', () => {
    const problems: string[] = [];
    for (const [verb, route] of app.bot.app.registry.verbs) {
      const row = textInputsOf(verb);
      if (!row) {
        problems.push(`${verb}: no row in freeTextInputs.ts`);
        continue;
      }
      const schema = route.input as ZodTypeAny;
      const inSchema = new Set(stringInputs(schema).map(tablePath));
      const named = new Set([...row.freeText.map((f) => f.field), ...row.other]);
      for (const path of inSchema) if (!named.has(path)) problems.push(`${verb}: text input "${path}" is in the schema but not in the table (free text, or other?)`);
      for (const path of named) if (!inSchema.has(path) && !(row.beyondSchema ?? []).includes(path)) problems.push(`${verb}: the table names "${path}", which the schema does not take`);
      if (passesUnknownFields(schema) && row.beyondSchema === undefined) problems.push(`${verb}: its schema lets unnamed fields through; say which the handler reads (beyondSchema)`);
    }
    for (const row of TEXT_INPUTS) if (!app.bot.app.registry.verbs.has(row.verb)) problems.push(`${row.verb}: in the table but not registered`);
    assert.deepEqual(problems, []);
  });
});

describe('identity numbers: the guard over every free-text input, written in every way @slow', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;
  const logs = capture();
  const pressedBy = new Set<RoleName>();

  before(async () => {
    const clock = new ManualClock('2026-12-01T08:00:00Z');
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0', LOG_LEVEL: 'info' }, clock, logDestination: logs });
    ctx = fixtureContext(app, clock);
    // Each person's first press records their conversation; later presses write only what they do.
    for (const role of ['secretariat', 'chair', 'preparer', 'member'] as const) for (const where of ['personal', 'channel'] as const) await ctx.press(role, 'help.show', {}, where);
  });
  after(async () => {
    console.log(
      `      figures: ${figures.fields} free-text inputs of ${figures.verbs} verbs; ${figures.numbers} generated numbers written in ${WRITING_CLASSES.length} classes, ${figures.refusedByGuard} refused by the guard and ${figures.refusedOtherwise} by the field's own check; ${figures.controls} controls stored; searched ${figures.documents} documents, ${figures.logLines} log lines and ${figures.exports} exports: none holds a number`,
    );
    await app.stop();
  });

  for (const row of TEXT_INPUTS.filter((r) => r.freeText.length > 0)) {
    it(`${row.verb}: a number written in any way in ${row.freeText.map((f) => f.field).join(', ')} is refused and nothing is written`, async () => {
      const fixture = fixtureFor(row.verb);
      assert.ok(fixture, `no fixture for ${row.verb}`);
      const actor = actorFor(row.verb);
      pressedBy.add(actor);
      const payload = await fixture.payload(ctx, actor);
      figures.verbs += 1;
      for (const field of row.freeText) {
        figures.fields += 1;
        const key = field.key?.(payload) ?? field.field;
        for (const writing of WRITING_CLASSES) {
          const numbers = fc.sample(writtenIdentityNumber(writing), { numRuns: RUNS_PER_CLASS, seed: seedOf(`${row.verb}/${field.field}/${writing}`) });
          for (const number of numbers) {
            const value = (field.value ?? ((t: string) => t))(`Gäller ${number.written} i hemtjänsten`);
            const writesBefore = app.stateWrites();
            const queuedBefore = app.queued();
            const res = await ctx.press(actor, row.verb, { ...payload, ...field.with?.(), [key]: value }, fixture.where);
            const what = `${row.verb} ${field.field} (${writing}): ${JSON.stringify(number.written)}`;
            figures.numbers += 1;
            written.push({ digits: number.digits.slice(-10), writing, verb: row.verb, field: field.field });
            assert.equal(res.status, 200, what);
            assert.ok(!isInternalError(res.text), `internal error for ${what}: ${res.text}`);
            assert.ok(isClearRefusal(res.text, fixture.rejection) || PRIVACY_REFUSAL.test(res.text), `not refused: ${what}: ${res.text.slice(0, 300)}`);
            if (PRIVACY_REFUSAL.test(res.text)) figures.refusedByGuard += 1;
            else figures.refusedOtherwise += 1;
            assert.equal(app.stateWrites(), writesBefore, `wrote: ${what}`);
            assert.equal(app.queued(), queuedBefore, `queued: ${what}`);
          }
        }
      }
    });
  }

  it('keeps the text of every field said to keep it (the control: the search below would see a number that got through)', async () => {
    const missing: string[] = [];
    for (const row of TEXT_INPUTS) {
      for (const field of row.freeText.filter((f: FreeTextField) => f.kept)) {
        const fixture = fixtureFor(row.verb)!;
        const actor = actorFor(row.verb);
        const payload = await fixture.payload(ctx, actor);
        const marker = `kontroll${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 10)}`;
        const key = field.key?.(payload) ?? field.field;
        const res = await ctx.press(actor, row.verb, { ...payload, ...field.with?.(), [key]: (field.value ?? ((t: string) => t))(marker) }, fixture.where);
        const stored = JSON.stringify(await app.dump(CONTAINER_NAMES));
        if (!stored.includes(marker)) missing.push(`${row.verb} ${field.field}: ${res.text.slice(0, 200)}`);
        else figures.controls += 1;
      }
    }
    assert.deepEqual(missing, [], 'fields said to keep their text whose text was not found');
  });

  it('finds none of the numbers in the store, the log output or the personal-data export of anyone who pressed', async () => {
    assert.ok(written.length > 0);
    const found: string[] = [];
    const look = (where: string, texts: string[]) => {
      const digits = digitStream(texts.join('\u0000'));
      for (const n of written) if (digits.includes(n.digits)) found.push(`${where}: the number written "${n.writing}" through ${n.verb} ${n.field}`);
    };
    const docs = await app.dump(CONTAINER_NAMES);
    figures.documents = docs.length;
    for (const doc of docs) look(`${String(doc.container)}/${String(doc.pk)}/${String(doc.id)}`, stringsOf(doc));
    figures.logLines = logs.lines.length;
    for (const line of logs.lines) look('log', [line]);
    for (const role of pressedBy) {
      const res = await ctx.press('secretariat', 'privacy.export', { query: ACTORS[role].entry!.email });
      const url = /https?:\/\/\S+\/downloads\/[A-Za-z0-9._-]+/.exec(res.text)?.[0];
      assert.ok(url, `no export link: ${res.text}`);
      const body = await (await fetch(url.replace(/^https?:\/\/[^/]+/, app.bot.url))).text();
      figures.exports += 1;
      look(`export of ${role}`, stringsOf(JSON.parse(body)));
    }
    assert.deepEqual(found, []);
  });
});

describe('identity numbers through the intake form: one submission per class of writing', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;

  before(async () => {
    const clock = new ManualClock('2026-12-01T08:00:00Z');
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0' }, clock });
    ctx = fixtureContext(app, clock);
    await ctx.press('member', 'help.show', {});
  });
  after(async () => {
    await app.stop();
  });

  for (const writing of WRITING_CLASSES) {
    it(`a member who writes a number "${writing}" in the description gets the form back, their title kept, the number not echoed, and no case`, async () => {
      const [number] = fc.sample(writtenIdentityNumber(writing), { numRuns: 1, seed: seedOf(`intake/${writing}`) });
      const form = intakeForm({ description: `Gäller brukaren ${number!.written} i hemtjänsten.` });
      const writesBefore = app.stateWrites();
      const queuedBefore = app.queued();
      const res = await ctx.press('member', 'case.submit', form);
      assert.match(res.text, /Nytt ärende till beredningsorganet/, 'the same form');
      assert.match(res.text, PRIVACY_REFUSAL);
      assert.ok(res.text.includes(form.title!), 'the title typed is kept');
      assert.ok(!digitStream(res.raw).includes(number!.digits.slice(-10)), 'the number is not shown back');
      assert.equal(app.stateWrites(), writesBefore, 'no case, no number taken');
      assert.equal(app.queued(), queuedBefore, 'nothing sent to the preparers');
    });
  }
});
