import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../../src/clock';
import { inputsOf } from '../../../src/cards/fillForm';
import { cardText, invokeCard } from '../../support/cards';
import { someIdentityNumber } from '../../support/identityNumbers';
import { DIRECTORY_ENTRIES, ROLE_NAMES, type RoleName } from '../security/actors';
import { VERB_MATRIX } from '../security/authorizationMatrix';
import { startGuardedApp, type GuardedApp } from '../security/harness';
import { fixtureContext, fixtureFor, type FixtureContext } from '../security/verbFixtures';

/**
 * Every form verb: a refused submit (a required value missing, a value too long, an identity
 * number) answers with the same form, every other value kept, the problem right under its field,
 * no field's name shown, and nothing written. A form verb is a verb a card sends with inputs
 * (found in cards/); each has a row here or is named below as one that only reads, so a new form
 * verb without a row fails the first test.
 */
interface FormRow {
  verb: string;
  /** An input the form cannot go without. */
  required?: string;
  /** An input with a known limit, and the limit. */
  long?: { field: string; max: number };
  /** A free-text input where an identity number is refused. */
  identity?: string;
  /** An input whose value must come back as it was sent, when the refusal concerns another. */
  keep: string;
}

const ROWS: FormRow[] = [
  { verb: 'meeting.create', required: 'title', long: { field: 'location', max: 300 }, identity: 'title', keep: 'location' },
  { verb: 'meeting.update', required: 'title', long: { field: 'location', max: 300 }, identity: 'title', keep: 'location' },
  { verb: 'meeting.notes', required: 'notes', identity: 'notes', keep: 'decisions' },
  { verb: 'meeting.cancel', required: 'reason', long: { field: 'reason', max: 500 }, identity: 'reason', keep: 'reason' },
  { verb: 'meeting.rsvp', long: { field: 'comment', max: 500 }, identity: 'comment', keep: 'comment' },
  { verb: 'broadcast.create', required: 'title', long: { field: 'title', max: 200 }, identity: 'text', keep: 'text' },
  { verb: 'remiss.create', required: 'title', long: { field: 'title', max: 200 }, identity: 'text', keep: 'text' },
  { verb: 'remiss.answer', required: 'answer', identity: 'answer', keep: 'answer' },
  { verb: 'remiss.decline', long: { field: 'reason', max: 10_000 }, identity: 'reason', keep: 'reason' },
  { verb: 'case.submit', required: 'title', long: { field: 'title', max: 200 }, identity: 'description', keep: 'description' },
  // The case's card asks for a comment only in the steps that take one (test/integration/cases/refusals.test.ts refuses one there).
  { verb: 'case.transition', keep: 'comment' },
  { verb: 'cost.split', required: 'amount', long: { field: 'what', max: 300 }, identity: 'what', keep: 'what' },
  { verb: 'cost.keySave', required: 'effectiveFrom', long: { field: 'note', max: 500 }, identity: 'note', keep: 'note' },
  { verb: 'notice.preview', required: 'noticeDate', long: { field: 'note', max: 500 }, identity: 'note', keep: 'note' },
  { verb: 'member.save', long: { field: 'name', max: 300 }, identity: 'name', keep: 'email' },
  { verb: 'member.import', identity: 'text', keep: 'text' },
  { verb: 'privacy.export', required: 'query', long: { field: 'query', max: 300 }, keep: 'query' },
  { verb: 'privacy.eraseConfirm', required: 'query', long: { field: 'query', max: 300 }, keep: 'query' },
  { verb: 'year.propose', required: 'firstDate', keep: 'proposeStart' },
  { verb: 'year.addDate', keep: 'bodyId' },
  { verb: 'year.settingsSave', required: 'leadDays', identity: 'date_agreementReview', keep: 'date_agreementReview' },
  { verb: 'channel.link', required: 'partyId', keep: 'partyId' },
  // The checklist's inputs are named by their step; the note is asked only of one who ticks on another's behalf.
  { verb: 'onboarding.tick', long: { field: 'note_chair', max: 500 }, identity: 'note_chair', keep: 'note_chair' },
  { verb: 'onboarding.assign', required: 'person_chief', long: { field: 'person_chief', max: 200 }, identity: 'person_chief', keep: 'person_chief' },
  { verb: 'agenda.propose', required: 'title', long: { field: 'title', max: 200 }, identity: 'title', keep: 'text' },
  { verb: 'cost.meetingAdd', required: 'what', long: { field: 'what', max: 300 }, identity: 'what', keep: 'amount' },
  { verb: 'cost.meetingDivision', required: 'decidedOn', long: { field: 'basis', max: 300 }, identity: 'basis', keep: 'basis' },
  { verb: 'project.save', required: 'name', long: { field: 'name', max: 200 }, identity: 'purpose', keep: 'purpose' },
  { verb: 'revision.create', required: 'title', long: { field: 'title', max: 200 }, identity: 'title', keep: 'approvedOn' },
  { verb: 'revision.party', required: 'approvedBy', long: { field: 'approvedBy', max: 200 }, identity: 'approvedBy', keep: 'approvedBy' },
  { verb: 'notice.correct', required: 'reason', long: { field: 'reason', max: 500 }, identity: 'reason', keep: 'reason' },
  { verb: 'year.followUp', required: 'minutesUrl', long: { field: 'note', max: 1000 }, identity: 'note', keep: 'note' },
];

/** Verbs a card sends with its inputs that only read or move on: nothing typed can be refused. */
const ONLY_READ: Record<string, string> = {
  'meeting.refresh': 'shows the notice again',
  'meeting.read': 'marks the papers read; the comment input belongs to the answer',
  'meeting.status': 'shows the status card',
  'case.view': 'shows the case',
  'remiss.view': 'shows the remiss',
  'onboarding.show': 'shows the checklist',
  'member.find': 'a search: no match is an answer, not a refusal',
  'member.roster': 'compares a channel roster with the directory',
  'year.removeDate': 'ticks dates to remove; nothing is typed',
  'revision.form': 'opens the form for a new revision; nothing typed is read',
};

/** Verbs a card sends together with the values of its inputs, as found in cards/. */
function formVerbsOfCards(): Set<string> {
  const dir = path.join(__dirname, '../../../cards');
  const verbs = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'))) {
    const card = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown;
    let inputs = 0;
    const sent: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.')) inputs += 1;
      if (n.type === 'Action.Execute' && n.associatedInputs !== 'none' && typeof n.verb === 'string') sent.push(n.verb);
      Object.values(n).forEach(walk);
    };
    walk(card);
    if (inputs > 0) sent.forEach((v) => verbs.add(v));
  }
  return verbs;
}

type Node = Record<string, unknown>;

/** The element right after the input `id` in its list: where a problem beside it stands. */
function besideInput(card: Node, id: string): Node | undefined {
  let found: Node | undefined;
  const walk = (node: unknown): void => {
    if (found || typeof node !== 'object' || node === null) return;
    const n = node as Node;
    for (const key of ['body', 'items', 'columns', 'rows', 'cells', 'actions']) {
      const list = n[key];
      if (!Array.isArray(list)) continue;
      list.forEach((child: unknown, i) => {
        if ((child as Node | null)?.id === id && String((child as Node).type).startsWith('Input.')) found = list[i + 1] as Node | undefined;
      });
      list.forEach(walk);
    }
    if (typeof n.card === 'object') walk(n.card);
  };
  walk(card);
  return found;
}

const allowedRole = (verb: string): RoleName => {
  const row = VERB_MATRIX.find((r) => r.verb === verb);
  const role = ROLE_NAMES.find((r) => row?.outcomes[r] === 'allowed');
  if (!role) throw new Error(`no role may use ${verb}`);
  return role;
};

describe('every form: a refused submit comes back as the same form, values kept, the problem beside its field', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;

  before(async () => {
    const clock = new ManualClock('2026-12-01T08:00:00Z');
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0' }, clock });
    ctx = fixtureContext(app, clock);
    // Each person's first word in each place records the conversation; that is no write of a form.
    for (const role of ROLE_NAMES) for (const where of ['personal', 'channel'] as const) await ctx.press(role, 'help.show', {}, where);
  });
  after(async () => {
    await app.stop();
  });

  it('has a row for every verb a card sends with inputs (a new form verb needs one)', () => {
    const listed = new Set([...ROWS.map((r) => r.verb), ...Object.keys(ONLY_READ)]);
    const found = formVerbsOfCards();
    const missing = [...found].filter((v) => !listed.has(v));
    assert.deepEqual(missing, [], 'form verbs without a row');
    assert.deepEqual([...listed].filter((v) => !found.has(v)), [], 'a row for a verb no card sends with inputs');
    console.log(`      form verbs: ${ROWS.length} with a row, ${Object.keys(ONLY_READ).length} that only read`);
  });

  for (const row of ROWS) {
    // The identity number sent, to look for in what comes back (a payload's own digits, e.g. a random id, may look like one).
    const number = someIdentityNumber();
    const cases: { what: string; field: string; value: (sent: string | undefined) => string; masked?: boolean }[] = [];
    if (row.required) cases.push({ what: 'a required value missing', field: row.required, value: () => '' });
    if (row.long) cases.push({ what: 'a value too long', field: row.long.field, value: () => 'Lång text. '.repeat(Math.ceil((row.long!.max + 10) / 11)) });
    if (row.identity) cases.push({ what: 'an identity number', field: row.identity, value: (sent) => `${sent ?? 'Gäller'} ${number}`, masked: true });
    if (cases.length === 0) continue;

    for (const c of cases) {
      it(`${row.verb}: ${c.what}`, async () => {
        const fixture = fixtureFor(row.verb);
        assert.ok(fixture, `a fixture for ${row.verb}`);
        const role = allowedRole(row.verb);
        const payload = await fixture.payload(ctx, role);
        const value = c.value(typeof payload[c.field] === 'string' ? (payload[c.field] as string) : undefined);
        const before = { writes: app.stateWrites(), queued: app.queued() };
        const res = await ctx.press(role, row.verb, { ...payload, [c.field]: value }, fixture.where);
        assert.equal(res.status, 200);
        const card = invokeCard(JSON.parse(res.raw)) as Node;
        const text = cardText(card);
        const input = inputsOf(card).find((i) => i.id === c.field);
        assert.ok(input, `the same form comes back, with its ${c.field} input:\n${text}`);
        const beside = besideInput(card, c.field);
        assert.equal(beside?.type, 'TextBlock', `a problem right under the input:\n${text}`);
        assert.equal(beside?.color, 'Attention');
        assert.ok(String(beside?.text).length > 10);
        assert.doesNotMatch(text, /Kortet innehöll något jag inte kan ta emot: /, 'no field name is shown');
        if (c.masked) assert.ok(!(typeof input.value === 'string' ? input.value : '').includes(number), `the refused number ${number} is not kept`);
        else if (c.field !== row.keep) {
          const kept = inputsOf(card).find((i) => i.id === row.keep);
          if (kept && typeof payload[row.keep] === 'string') assert.equal(kept.value, payload[row.keep], `${row.keep} is kept`);
        } else if (input.type === 'Input.Text') {
          assert.equal(input.value, value, 'what was typed is kept');
        }
        assert.deepEqual({ writes: app.stateWrites(), queued: app.queued() }, before, 'nothing written, nothing sent');
      });
    }
  }
});
