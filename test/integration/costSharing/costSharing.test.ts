import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ManualClock } from '../../../src/clock';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardsOf, cardText, inputValue, invokeCard, invokeText } from '../../support/cards';
import { MEMBER_GAVLE, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { inputsOf } from '../../../src/cards/fillForm';

const TEN = ['bollnas', 'gavle', 'hofors', 'hudiksvall', 'ljusdal', 'nordanstig', 'ockelbo', 'ovanaker', 'sandviken', 'soderhamn'];
const POPULATION = { bollnas: 26_400, gavle: 103_000, hofors: 9_600, hudiksvall: 37_500, ljusdal: 19_000, nordanstig: 9_400, ockelbo: 5_800, ovanaker: 11_600, sandviken: 39_800, soderhamn: 25_500 };

/** The rows of the first table on a card: the text of each cell. */
function tableRows(card: Record<string, unknown>): string[][] {
  const table = (card.body as { type: string; rows?: { cells: { items: { text: string }[] }[] }[] }[]).find((e) => e.type === 'Table')!;
  return table.rows!.map((r) => r.cells.map((c) => c.items.map((i) => i.text).join(' ')));
}

const kronor = (text: string) => Number(text.replace(/[^\d]/g, ''));

describe('cost sharing', () => {
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const act = async (user: typeof SECRETARY.user, verb: string, data: object) => invokeCard((await bot.post(cardAction(user, place(), verb, data))).body);
  const saveKey = (weights: Record<string, number>, effectiveFrom = '2026-01-01') =>
    act(SECRETARY.user, 'cost.keySave', { effectiveFrom, note: 'Invånarantal 31 december 2025', ...Object.fromEntries(TEN.map((id) => [`w_${id}`, String(weights[id])])) });

  beforeEach(async () => {
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry], clock: new ManualClock('2026-03-02T10:00:00+01:00') });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('splits a cost half to the region and half to the municipalities by the key, in whole kronor that add up', async () => {
    const saved = await saveKey(POPULATION);
    assert.match(cardText(saved), /Fördelningsnyckeln från 1 januari 2026 är sparad/);
    assert.match(cardText(saved), /35,81\u00a0%/, "Gävle's share of the municipalities' half");

    await bot.post(message(MEMBER_GAVLE.user, place(), 'kostnad'));
    assert.match(cardText(cardsOf(bot.connector.sent(personalConversationId(MEMBER_GAVLE.user))[0]!)[0]), /Fördela en projektkostnad/);
    const result = await act(MEMBER_GAVLE.user, 'cost.split', { amount: '100 001', what: 'SIP-utbildning', kind: 'project', date: '2026-03-02' });
    assert.match(cardText(result), /Fördelning av 100\s001 kr/);
    assert.match(cardText(result), /Projekt: SIP-utbildning/);
    const rows = tableRows(result).slice(1);
    const total = rows.at(-1)!;
    const parts = rows.slice(0, -1);
    assert.equal(parts.length, 11, 'the region and the ten municipalities');
    assert.equal(parts[0]![0], 'Region Gävleborg');
    assert.ok([50_000, 50_001].includes(kronor(parts[0]![2]!)));
    assert.equal(parts.reduce((s, r) => s + kronor(r[2]!), 0), 100_001);
    assert.equal(kronor(total[2]!), 100_001);

    const csvUrl = (result.actions as { url: string }[])[0]!.url.replace(/^https?:\/\/[^/]+/, bot.url);
    const csv = await (await fetch(csvUrl)).text();
    assert.match(csv, /Part;Andel;Belopp \(kr\)/);
    const lines = csv.trim().split('\r\n').slice(1, -1);
    assert.equal(lines.reduce((s, l) => s + Number(l.split(';')[2]), 0), 100_001);
  });

  it('for any amount and any key, the parts on the card add up to the total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 999_999_999_999 }),
        fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 10, maxLength: 10 }).filter((ws) => ws.some((w) => w > 0)),
        async (amount, ws) => {
          await saveKey(Object.fromEntries(TEN.map((id, i) => [id, ws[i]!])));
          const rows = tableRows(await act(MEMBER_GAVLE.user, 'cost.split', { amount: String(amount), kind: 'project', date: '2026-03-02' })).slice(1);
          const parts = rows.slice(0, -1).map((r) => kronor(r[2]!));
          return parts.length === 11 && parts.reduce((a, b) => a + b, 0) === amount && kronor(rows.at(-1)![2]!) === amount;
        },
      ),
      { numRuns: 8 },
    );
  });

  it('uses the key in force on the date of the cost, and says so when there is none', async () => {
    await saveKey(POPULATION, '2026-01-01');
    const before = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'cost.split', { amount: '1000', date: '2025-12-31' }));
    const text = invokeText(before.body);
    assert.match(text, /ingen fördelningsnyckel som gäller 31 december 2025 än\. Samverkanskansliet lägger in den/);
    assert.match(text, /Fördela en projektkostnad/, 'the calculator again, above it what happened');
  });

  it('on first use the secretariat is given the key form, from the command and from the calculator, not told to ask itself', async () => {
    await bot.post(message(SECRETARY.user, place(), 'kostnad'));
    const first = cardText(cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0]);
    assert.match(first, /Ingen fördelningsnyckel är inlagd än\. Lägg in den här först/);
    assert.match(first, /Spara nyckeln/);
    assert.doesNotMatch(first, /Samverkanskansliet lägger in/);
    const split = cardText(await act(SECRETARY.user, 'cost.split', { amount: '1000', date: '2026-03-02' }));
    assert.match(split, /ingen fördelningsnyckel som gäller 2 mars 2026\. Lägg in den här/);
    assert.match(split, /Spara nyckeln/);
  });

  it('lets only the secretariat change the key, and refuses a key without weights', async () => {
    const refused = await act(MEMBER_GAVLE.user, 'cost.keySave', { effectiveFrom: '2026-01-01', ...Object.fromEntries(TEN.map((id) => [`w_${id}`, '1'])) });
    assert.match(cardText(refused), /inte behörighet/);
    const zero = await saveKey(Object.fromEntries(TEN.map((id) => [id, 0])));
    assert.match(cardText(zero), /minst en kommun måste ha en vikt över 0/);
    const stored = await bot.store.containers.directory.query('cost-key', '');
    assert.equal(stored.items.length, 0);
  });

  it('refuses an amount that is not whole kronor', async () => {
    await saveKey(POPULATION);
    const refused = await act(MEMBER_GAVLE.user, 'cost.split', { amount: '1234,50', what: 'SIP-utbildning', date: '29/1 2027' });
    assert.match(cardText(refused), /Belopp \(hela kronor\)\nAnge beloppet i hela kronor/, 'beside the amount');
    const what = inputsOf(refused).find((i) => i.id === 'what');
    assert.equal(what?.value, 'SIP-utbildning', 'what was typed is kept');
  });

  describe('meeting costs: "Fördela omkostnader i samband med möten mellan region Gävleborg och kommunerna årligen"', () => {
    const meetingsCard = (user = SECRETARY.user, year = 2026) => act(user, 'cost.meetings', { year });
    const addCost = async (what: string, amount: string, date = '2026-01-30') => {
      const card = await meetingsCard();
      return act(SECRETARY.user, 'cost.meetingAdd', { ...actionData(card, 'cost.meetingAdd'), date, what, amount });
    };

    it('records the year\'s meeting costs and divides nothing until the parties\' decision is entered: no key is assumed', async () => {
      await saveKey(POPULATION);
      await addCost('Internat i Bollnäs', '42 000');
      const card = await addCost('Lokal och fika, Länsledning mars', '3 500', '2026-03-13');
      assert.match(cardText(card), /Summa för året: 45\s500 kr/);
      assert.match(cardText(card), /Parterna har inte registrerat hur möteskostnaderna för 2026 fördelas mellan regionen och kommunerna\. Inget fördelas/);
      assert.equal(JSON.stringify(card).includes('"Table"'), false, 'no split is shown without a decided division');

      const oldCalculator = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'cost.split', { amount: '10000', kind: 'meeting', date: '2026-03-02' }));
      assert.match(invokeText(oldCalculator.body), /Möteskostnader delas inte här/, 'a calculator posted earlier no longer splits meeting costs 50/50');
    });

    it('divides the year\'s total as the parties decided: the region\'s and the municipalities\' shares, the municipalities\' part by the key', async () => {
      await saveKey(POPULATION);
      await addCost('Internat i Bollnäs', '42 000');
      const form = await act(SECRETARY.user, 'cost.meetingDivisionForm', { year: 2026 });
      const saved = await act(SECRETARY.user, 'cost.meetingDivision', {
        ...actionData(form, 'cost.meetingDivision'),
        region: '40',
        municipalities: '60',
        municipalShares: 'key',
        decidedOn: '2026-02-20',
        basis: 'Länsledning 20 februari 2026, § 7',
      });
      assert.match(cardText(saved), /Beslutad fördelning: regionen 40\u00a0%, kommunerna 60\u00a0%, kommunernas del enligt fördelningsnyckeln\. Beslut 20 februari 2026: Länsledning 20 februari 2026, § 7\./);
      const rows = tableRows(saved);
      assert.deepEqual(rows[0], ['Region Gävleborg', '40\u00a0%', '16\u00a0800 kr']);
      assert.equal(rows.length, 12, 'the region, ten municipalities and the total');
      assert.equal(rows.slice(0, -1).reduce((sum, r) => sum + kronor(r[2]!), 0), 42_000);

      const member = await meetingsCard(MEMBER_GAVLE.user);
      assert.match(cardText(member), /Beslutad fördelning: regionen 40\u00a0%/, 'every member can read it');
      assert.doesNotMatch(cardText(member), /Registrera en möteskostnad/, 'only the secretariat records');
    });

    it('keeps what was typed and says what is wrong beside the field, and a second press of the same form adds nothing', async () => {
      const card = await meetingsCard();
      const data = actionData(card, 'cost.meetingAdd');
      const refused = await act(SECRETARY.user, 'cost.meetingAdd', { ...data, date: '2025-12-30', what: 'Internat', amount: '12,5' });
      assert.match(cardText(refused), /ange ett datum under 2026/);
      assert.match(cardText(refused), /ange beloppet i hela kronor, mer än 0/);
      assert.equal(inputValue(refused, 'what'), 'Internat');
      assert.equal(inputValue(refused, 'amount'), '12,5');
      const again = actionData(refused, 'cost.meetingAdd');
      assert.equal(again.formId, data.formId, 'the same form');

      await act(SECRETARY.user, 'cost.meetingAdd', { ...again, date: '2026-01-30', what: 'Internat', amount: '42000' });
      const twice = await act(SECRETARY.user, 'cost.meetingAdd', { ...again, date: '2026-01-30', what: 'Internat', amount: '42000' });
      assert.match(cardText(twice), /Summa för året: 42\s000 kr/);
      const stored = await bot.store.containers.directory.read<{ id: string; pk: string; type: string; entries: unknown[] }>('meeting-costs', '2026');
      assert.equal(stored?.entries.length, 1);

      const badDivision = await act(SECRETARY.user, 'cost.meetingDivision', { year: 2026, region: '-1', municipalities: '', decidedOn: '', basis: 'Länsledning § 7' });
      assert.match(cardText(badDivision), /ange två andelar/);
      assert.match(cardText(badDivision), /ange beslutsdatumet/);
      assert.equal(inputValue(badDivision, 'basis'), 'Länsledning § 7');
      const refusedMember = await act(MEMBER_GAVLE.user, 'cost.meetingAdd', { ...again, date: '2026-02-01', what: 'Fika', amount: '100' });
      assert.match(cardText(refusedMember), /inte behörighet/);
    });
  });
});
