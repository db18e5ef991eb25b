import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../../src/cards/renderCard';
import { fillForm, inputsOf, stampFormId } from '../../../src/cards/fillForm';
import { cardProblems } from '../../support/validateCard';
import { cardText } from '../../support/cards';

const form = (): AdaptiveCard => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Ny remiss', size: 'Large' },
    { type: 'Input.Text', id: 'title', label: 'Rubrik', maxLength: 200 },
    { type: 'Container', items: [{ type: 'Input.Date', id: 'dueDate', label: 'Svara senast' }] },
    { type: 'Input.Number', id: 'amount', label: 'Belopp' },
    { type: 'Input.Toggle', id: 'ack', title: 'Kräver kvittens' },
  ],
  actions: [
    { type: 'Action.Execute', verb: 'remiss.create', title: 'Skicka', data: { kind: 'remiss' } },
    { type: 'Action.ShowCard', title: 'Avböj', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'reason', label: 'Skäl' }], actions: [{ type: 'Action.Execute', verb: 'remiss.decline', title: 'Avböj' }] } },
  ],
});

const fill = {
  values: { title: 'Remiss om LSS', dueDate: '29/1 2027', amount: '12,5', ack: 'true', reason: 'Vi avstår' },
  problems: { dueDate: 'Skriv ett datum.', reason: 'Fyll i det här fältet.' },
  summary: 'Formuläret skickades inte.',
  summaryUnmarked: 'Det gick inte.',
  general: [],
  unplaced: 'Kortet innehöll något som inte kunde tas emot.',
};

describe('a refused form filled in again', () => {
  it('puts every value back in its input, in the shape the input takes', () => {
    const card = fillForm(form(), fill);
    const byId: Record<string, unknown> = Object.fromEntries(inputsOf(card).map((i) => [String(i.id), i.value]));
    assert.equal(byId.title, 'Remiss om LSS');
    assert.equal(byId.amount, 12.5);
    assert.equal(byId.ack, 'true');
    assert.equal(byId.reason, 'Vi avstår');
    // A date input cannot show "29/1 2027": it is left empty rather than broken.
    assert.equal(byId.dueDate, undefined);
    assert.deepEqual(cardProblems(card), []);
  });

  it('shows each problem right under its field, and a summary naming the fields by their labels', () => {
    const card = fillForm(form(), fill);
    const container = (card.body![3] as { items: { type: string; text?: string }[] }).items;
    assert.equal(container[1]!.text, 'Skriv ett datum.');
    const text = cardText(card);
    assert.match(text, /Formuläret skickades inte\./);
    assert.match(text, /\*\*Svara senast\*\*: Skriv ett datum\./);
    // The field inside the show-card is named in the summary, where the person sees it.
    assert.match(text, /\*\*Skäl\*\*: Fyll i det här fältet\./);
    assert.ok(!/dueDate|reason/.test(text.replace(/Vi avstår/, '')), 'no input id is shown');
  });

  it('says a problem of a field the form does not have in words, never by the field name', () => {
    const card = fillForm(form(), { ...fill, problems: { remissId: 'Fyll i det här fältet.' } });
    const text = cardText(card);
    assert.match(text, /Kortet innehöll något som inte kunde tas emot/);
    assert.doesNotMatch(text, /remissId/);
  });

  it('leaves the rendered card untouched', () => {
    const original = form();
    const copy = JSON.stringify(original);
    fillForm(original, fill);
    assert.equal(JSON.stringify(original), copy);
  });
});

describe('form instance ids on once-only buttons', () => {
  it('go on the buttons of once-only verbs only, inside show-cards too, and never replace one already there', () => {
    const card = stampFormId(form(), new Set(['remiss.create', 'remiss.decline']), 'f20270129aaaaaaaaaaaaaaaa');
    const actions = card.actions as { data?: Record<string, unknown>; card?: { actions: { data?: Record<string, unknown> }[] } }[];
    assert.deepEqual(actions[0]!.data, { kind: 'remiss', formId: 'f20270129aaaaaaaaaaaaaaaa' });
    assert.equal(actions[1]!.card!.actions[0]!.data!.formId, 'f20270129aaaaaaaaaaaaaaaa');
    const again = stampFormId(card, new Set(['remiss.create']), 'f20270130bbbbbbbbbbbbbbbb');
    assert.equal((again.actions as { data: { formId: string } }[])[0]!.data.formId, 'f20270129aaaaaaaaaaaaaaaa');
    assert.deepEqual(stampFormId(form(), new Set(['meeting.create']), 'f20270129aaaaaaaaaaaaaaaa'), form(), 'a card without once-only buttons is as it was');
  });
});
