import assert from 'node:assert/strict';
import { cardAction, personalConversationId } from '../../support/activities';
import { cardText, cardsOf, invokeCard } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { realDelivery, startTestApp, type TestApp } from '../../support/testApp';
import { ManualClock } from '../../../src/clock';
import { ELEVEN_PARTY_IDS } from '../../../src/directory/seed';
import { UPDATE_WINDOW_MS } from '../../../src/delivery/liveStatus';
import { installPersonal, managers, press, type Person } from './parties';

const REMISS = {
  title: 'Remiss: regional handlingsplan för psykisk hälsa',
  text: 'Förslaget skickas på remiss till parterna.',
  dueDate: '2026-12-04',
  parties: ELEVEN_PARTY_IDS.join(','),
  attachmentUrl: '',
};

describe("the secretariat's remiss status card, live", function () {
  this.timeout(60_000);
  const people = managers(1);
  const managerOf = (partyId: string): Person => people.find((p) => p.entry.partyId === partyId)!;
  let bot: TestApp;
  const clock = new ManualClock('2026-11-23T09:00:00Z');
  const statusCardId = 'card-remiss-compose';

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    bot = await startTestApp({ members: [SECRETARY.entry, ...people.map((p) => p.entry)], delivery: realDelivery(), clock });
    await installPersonal(bot, people);
  });
  afterEach(async () => {
    await bot.stop();
  });

  /** The in-place updates of the status card the remiss was created on, newest last, as the secretariat reads them. */
  const statusUpdates = () =>
    bot.connector
      .updates(personalConversationId(SECRETARY.user))
      .filter((c) => c.activityId === statusCardId)
      .map((c) => cardText(cardsOf(c.body)[0]));

  async function create(): Promise<string> {
    const res = await bot.post(cardAction(SECRETARY.user, { serviceUrl: bot.connector.serviceUrl }, 'remiss.create', REMISS, statusCardId));
    const status = invokeCard(res.body);
    assert.match(cardText(status), /Av 11 parter: 0 har svarat/);
    // Each planned reminder says which it is, when, and to whom.
    assert.match(cardText(status), /Påminnelse 1 av 2, 3 dagar före sista dagen: tisdag 1 december 2026 kl\. 09\.00\. Till cheferna hos de parter som då inte har svarat eller avstått \(i dag 11 parter\)\./);
    assert.match(cardText(status), /Påminnelse 2 av 2, på sista dagen: fredag 4 december 2026 kl\. 09\.00\./);
    const refresh = status.refresh as { userIds: string[] };
    assert.ok(refresh.userIds.includes(`8:orgid:${SECRETARY.entry.aadObjectId}`), 'the secretariat sees the card refresh when opened');
    return String((refresh as unknown as { action: { data: { remissId: string } } }).action.data.remissId);
  }

  it("shows a party's answer on the card it was created on, without a press", async () => {
    const remissId = await create();
    await press(bot, managerOf('gavle').user, 'remiss.answer', { remissId, answer: 'Vi tillstyrker.' });
    assert.equal(statusUpdates().length, 0, 'the update waits for the end of its few seconds');
    clock.advance(UPDATE_WINDOW_MS);
    await bot.connector.waitFor(() => statusUpdates().length === 1, 20_000, 'the status card updated');
    assert.match(statusUpdates()[0]!, /Av 11 parter: 1 har svarat · 0 har avstått · 10 har inte svarat/);
  });

  it('updates the card once for a burst of answers, with all of them', async () => {
    const remissId = await create();
    await Promise.all(ELEVEN_PARTY_IDS.slice(0, 8).map((id) => press(bot, managerOf(id).user, 'remiss.answer', { remissId, answer: `Svar från ${id}.` })));
    await press(bot, managerOf(ELEVEN_PARTY_IDS[8]!).user, 'remiss.decline', { remissId, reason: 'Berörs inte.' });
    clock.advance(UPDATE_WINDOW_MS);
    await bot.connector.waitFor(() => statusUpdates().length === 1, 20_000, 'the status card updated');
    assert.match(statusUpdates()[0]!, /Av 11 parter: 8 har svarat · 1 har avstått · 2 har inte svarat/);
    assert.match(statusUpdates()[0]!, /Påminnelse 1 av 2, .*\(i dag 2 parter\)/);
    // Nothing more arrives for the same burst.
    clock.advance(UPDATE_WINDOW_MS * 3);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(statusUpdates().length, 1);
  });
});
