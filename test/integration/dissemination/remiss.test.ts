import assert from 'node:assert/strict';
import { message, personalConversationId } from '../../support/activities';
import { countShown, received as shownIn } from '../../support/chat';
import { actionData, cardText, cardsOf, invokeCard, invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { realDelivery, startTestApp, type TestApp } from '../../support/testApp';
import { ManualClock } from '../../../src/clock';
import { ELEVEN_PARTY_IDS } from '../../../src/directory/seed';
import { buttonData, hasButton, installPersonal, managers, press, type Person } from './parties';

const REMISS = {
  title: 'Remiss: regional handlingsplan för psykisk hälsa',
  text: 'Förslaget skickas på remiss till parterna.',
  dueDate: '2026-12-04',
  parties: ELEVEN_PARTY_IDS.join(','),
  attachmentUrl: 'https://example.se/handlingsplan.pdf',
};

describe('a remiss to the eleven parties', function () {
  this.timeout(60_000);
  const people = managers(1);
  const managerOf = (partyId: string): Person => people.find((p) => p.entry.partyId === partyId)!;
  let bot: TestApp;
  const clock = new ManualClock('2026-11-23T09:00:00Z');

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    bot = await startTestApp({ members: [SECRETARY.entry, ...people.map((p) => p.entry)], delivery: realDelivery(), clock });
    await installPersonal(bot, people);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const chatOf = (partyId: string) => personalConversationId(managerOf(partyId).user);
  const received = (partyId: string) => bot.connector.sent(chatOf(partyId)).map((a) => cardText(cardsOf(a)[0]));
  const summaries = () =>
    bot.connector
      .sent(personalConversationId(SECRETARY.user))
      .map((a) => cardText(cardsOf(a)[0]))
      .filter((text) => /Remiss – sammanställning/.test(text));

  async function create(): Promise<string> {
    const status = invokeCard((await press(bot, SECRETARY.user, 'remiss.create', REMISS)).body);
    assert.match(cardText(status), /Av 11 parter: 0 har svarat · 0 har avstått · 11 har inte svarat/);
    await bot.connector.waitFor(() => ELEVEN_PARTY_IDS.every((id) => received(id).length === 1), 20_000, 'the remiss to every manager');
    assert.match(received('gavle')[0]!, /Svara senast fredag 4 december 2026/);
    return String(buttonData(status, 'remiss.status').remissId);
  }

  it("goes to each party's manager; 8 answer, 1 declines, 2 are silent: only the 2 are reminded, and the summary lists all 11", async () => {
    const remissId = await create();
    const [silentA, silentB, decliner, ...answering] = ELEVEN_PARTY_IDS as [string, string, string, ...string[]];
    for (const partyId of answering) {
      const card = invokeCard((await press(bot, managerOf(partyId).user, 'remiss.answer', { remissId, answer: `Svar från ${partyId}: vi tillstyrker.` })).body);
      assert.match(cardText(card), /Svar lämnat för/);
    }
    const declined = invokeCard((await press(bot, managerOf(decliner).user, 'remiss.decline', { remissId, reason: 'Berörs inte av förslaget.' })).body);
    assert.match(cardText(declined), /har avstått/);

    clock.set('2026-12-01T08:00:00Z');
    await bot.connector.waitFor(() => received(silentA).length === 2 && received(silentB).length === 2, 20_000, 'the reminder three days before');
    assert.match(received(silentA)[1]!, /Påminnelse: .* har inte svarat ännu\. Sista dag är fredag 4 december 2026/);

    clock.set('2026-12-04T08:00:00Z');
    await bot.connector.waitFor(() => received(silentA).length === 3 && received(silentB).length === 3, 20_000, 'the reminder on the date');

    clock.set('2026-12-04T23:00:00Z');
    await bot.connector.waitFor(() => summaries().length === 1, 20_000, 'the summary');
    for (const partyId of [decliner, ...answering]) assert.equal(received(partyId).length, 1, `${partyId} answered and is not reminded`);
    const summary = summaries()[0]!;
    assert.match(summary, /Av 11 parter: 8 har svarat · 1 har avstått · 2 har inte svarat/);
    assert.equal(summary.match(/^Svarat$/gm)?.length, 8);
    assert.equal(summary.match(/^Avstått$/gm)?.length, 1);
    assert.equal(summary.match(/^Inget svar$/gm)?.length, 2);
    assert.match(summary, /Berörs inte av förslaget/);

    const late = invokeCard((await press(bot, managerOf(silentA).user, 'remiss.answer', { remissId, answer: 'Sent svar' })).body);
    assert.match(cardText(late), /Svarstiden gick ut fredag 4 december 2026/);
    assert.ok(!hasButton(late, 'remiss.answer'));
  });

  it('lets a party change its answer until the date, and sends the summary once all have answered', async () => {
    const remissId = await create();
    for (const partyId of ELEVEN_PARTY_IDS) await press(bot, managerOf(partyId).user, 'remiss.answer', { remissId, answer: 'Vi tillstyrker.' });
    await bot.connector.waitFor(() => summaries().length === 1, 20_000, 'the summary when the last party answered');
    assert.match(summaries()[0]!, /Alla parter har svarat eller avstått/);

    clock.advance(3_600_000);
    const changed = invokeCard((await press(bot, managerOf('gavle').user, 'remiss.answer', { remissId, answer: 'Vi tillstyrker med ändringar.' })).body);
    assert.match(cardText(changed), /Vi tillstyrker med ändringar/);

    clock.set('2026-12-04T23:00:00Z');
    await bot.connector.waitFor(() => summaries().length === 2, 20_000, 'a final summary, as an answer changed after the first');
    assert.match(summaries()[1]!, /Vi tillstyrker med ändringar/);
  });

  it('refuses an answer from a party it was not sent to, and an empty answer, writing nothing', async () => {
    const remissId = await create();
    const stranger = await press(bot, SECRETARY.user, 'remiss.answer', { remissId, answer: 'Svar' });
    assert.match(invokeText(stranger.body), /inte behörighet/);
    const empty = await press(bot, managerOf('gavle').user, 'remiss.answer', { remissId, answer: '   ' });
    // The same card comes back, still answerable, with the problem beside the answer.
    assert.match(invokeText(empty.body), /\*\*Svar för Gävle kommun\*\*: Skriv partens svar\./);
    actionData(invokeCard(empty.body), 'remiss.answer');
    const answers = await bot.store.containers.dissemination.query(remissId, "c.type = 'remiss-answer'");
    assert.equal(answers.items.length, 0);
  });

  it('answers a member who types `remiss` with their party\'s open remisser, each answerable from its card; none open is said so', async () => {
    const gavle = managerOf('gavle');
    const place = { serviceUrl: bot.connector.serviceUrl };
    const remissId = await create();
    const before = bot.connector.sent(chatOf('gavle')).length;
    await bot.post(message(gavle.user, place, 'remiss'));
    await bot.connector.waitFor(() => bot.connector.sent(chatOf('gavle')).length > before, 10_000, 'the open remiss');
    const shownCard = cardsOf(bot.connector.sent(chatOf('gavle')).at(-1)!)[0]!;
    assert.match(cardText(shownCard), /Remiss: regional handlingsplan för psykisk hälsa/);
    assert.doesNotMatch(cardText(shownCard), /inte behörighet/);
    assert.equal(actionData(shownCard, 'remiss.answer').remissId, remissId, 'the answer form of the remiss');
    assert.equal(countShown(bot, gavle.user, /inte behörighet/), 0);

    const answered = invokeCard((await press(bot, gavle.user, 'remiss.answer', { remissId, answer: 'Vi tillstyrker.' })).body);
    assert.match(cardText(answered), /Svar lämnat för/);

    // After the date the remiss is no longer open: the member is told there is none.
    clock.set('2026-12-05T08:00:00Z');
    await bot.post(message(gavle.user, place, 'remiss'));
    await shownIn(bot, gavle.user, /Gävle kommun har ingen öppen remiss just nu/);
  });
});
