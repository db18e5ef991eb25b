import assert from 'node:assert/strict';
import { z } from 'zod';
import { AppError } from '../../../src/errors';
import { charactersFor, refusalOfError, refusalOfIssues, refusedForm, valuesOf } from '../../../src/bot/formRefusal';
import type { TurnInfo } from '../../../src/kit/featureApp';
import { FieldError, form, type FormValues } from '../../../src/kit/forms';
import { containsIdentityNumber } from '../../../src/privacy/identityNumbers';
import { someIdentityNumber } from '../../support/identityNumbers';

const schema = z.object({
  title: z.string().trim().min(1).max(10),
  kind: z.enum(['decision', 'information']),
  url: z.string().url().optional(),
  dueDate: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), { message: 'notADate' }),
  startsAt: z.string().min(1),
});

function refusalOf(data: Record<string, unknown>, fieldOf?: Record<string, string>) {
  const parsed = schema.safeParse(data);
  assert.ok(!parsed.success);
  return refusalOfIssues(parsed.error.issues, valuesOf(data), fieldOf).problems;
}

describe('a refused submit as problems beside fields', () => {
  it('reads what each schema issue means for the person: missing, too long with the limit and the length, not an option, not an address', () => {
    const problems = refusalOf({ title: 'x'.repeat(14), kind: 'other', url: 'nej', dueDate: '2027-01-29', startsAt: 'x' });
    assert.deepEqual(problems.title, { kind: 'tooLong', values: { max: 10, length: 14 } });
    assert.equal(problems.kind, 'notAnOption');
    assert.equal(problems.url, 'notAnAddress');
    const empty = refusalOf({ title: '', kind: '', dueDate: '29/1', startsAt: '' });
    assert.equal(empty.title, 'required');
    assert.equal(empty.kind, 'required');
    assert.equal(empty.dueDate, 'notADate', "the schema's own word wins");
  });

  it('shows a problem of the contract field beside the input that sets it', () => {
    const problems = refusalOf({ title: 'ok', kind: 'decision', dueDate: '2027-01-29', startsAt: '' }, { startsAt: 'startTime' });
    assert.deepEqual(Object.keys(problems), ['startTime']);
  });

  it("takes a handler's refusal beside its field: its own FieldError, an identity number, a text too large for Teams", () => {
    assert.deepEqual(refusalOfError(new FieldError({ dueDate: 'dateInPast' }), 'sv').problems, { dueDate: 'dateInPast' });
    assert.deepEqual(refusalOfError(new AppError('PRIVACY', { field: ['title', 'text'] }), 'sv').problems, { title: 'identityNumber', text: 'identityNumber' });
    const large = refusalOfError(new AppError('TOO_LARGE', { field: 'text', values: { size: 40_387, limit: 28_000 } }), 'sv');
    assert.deepEqual(large.problems.text, { kind: 'tooLargeForTeams', values: { size: 40_387, limit: 28_000 } });
  });

  it('puts a refusal that concerns no field above the form, in words', () => {
    const refusal = refusalOfError(new AppError('FORBIDDEN'), 'sv');
    assert.deepEqual(refusal.problems, {});
    assert.match(refusal.general[0]!, /Du har inte behörighet/);
  });

  it('counts an oversize in characters people type, rounded as people say it', () => {
    assert.equal(charactersFor(12_387, 'a'.repeat(100)), 13_000);
    // Two bytes a character: half as many characters.
    assert.equal(charactersFor(12_387, 'å'.repeat(100)), 6_200);
    assert.equal(charactersFor(7, 'abc'), 7);
  });

  it('keeps what the card sent as text: lists joined, toggles and numbers as text, nothing else', () => {
    assert.deepEqual(valuesOf({ a: 'x', b: ['gavle', 'ovanaker'], c: true, d: 3, e: { nested: 1 } }), { a: 'x', b: 'gavle,ovanaker', c: 'true', d: '3' });
  });
});

describe('a refused form shown again for the card it came from', () => {
  const turn = { actor: { locale: 'sv' }, log: { info: () => undefined } } as unknown as TurnInfo;
  // A meeting id the service made, whose digits read as a number (2026-12-08-3242: a valid check digit).
  const meetingId = 'm-2026-12-08-3242b3ffbd';

  function cancelForm() {
    const seen: FormValues[] = [];
    const def = form('meeting-cancel', (_turn, values) => {
      seen.push(values);
      return { card: 'meeting-cancel', data: { meetingId: values.meetingId } };
    });
    return { def, seen };
  }

  it("shows the form for the card's own id as sent, even when its digits could pass for an identity number", async () => {
    assert.ok(containsIdentityNumber(meetingId), 'the id is one the guard reads as a number');
    const { def, seen } = cancelForm();
    const reply = await refusedForm(turn, def, { meetingId, reason: '' }, { problems: { reason: 'required' }, general: [] });
    assert.equal(seen[0]?.meetingId, meetingId, 'the form is looked up by the meeting it came from');
    assert.ok('fill' in reply && reply.fill);
    assert.deepEqual(Object.keys(reply.fill.problems), ['reason'], 'no problem beside a field the person never typed');
  });

  it('still masks a number the person typed, and says so beside it', async () => {
    const number = someIdentityNumber();
    const { def, seen } = cancelForm();
    const reply = await refusedForm(turn, def, { meetingId, reason: `Gäller ${number}` }, { problems: {}, general: [] });
    assert.ok('fill' in reply && reply.fill);
    assert.ok(!reply.fill.values.reason!.includes(number), 'the number is not kept in the input');
    assert.ok(!seen[0]!.reason!.includes(number), 'nor handed to the form');
    assert.deepEqual(Object.keys(reply.fill.problems), ['reason']);
  });
});
