import assert from 'node:assert/strict';
import { personalConversationId } from '../../support/activities';
import { cardText, invokeCard, invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { renderCard } from '../../../src/cards/renderCard';
import { ManualClock } from '../../../src/clock';
import type { OutboxBatch } from '../../../src/delivery/types';
import { conversationKey } from '../../../src/features/directory/directoryRepo';
import { ELEVEN_PARTY_IDS } from '../../../src/features/directory/seed';
import { recordingWithJobs } from './jobRunner';
import { buttonData, hasButton, installPersonal, managers, press, type Person } from './parties';

const REMISS = {
  title: 'Remiss: regional handlingsplan för psykisk hälsa',
  text: 'Förslaget skickas på remiss till parterna.',
  dueDate: '2026-12-04',
  parties: ELEVEN_PARTY_IDS.join(','),
  attachmentUrl: 'https://example.se/handlingsplan.pdf',
};

describe('a remiss to the eleven parties', () => {
  const people = managers(1);
  const managerOf = (partyId: string): Person => people.find((p) => p.entry.partyId === partyId)!;
  let bot: TestApp;
  let delivery: ReturnType<typeof recordingWithJobs>;
  const clock = new ManualClock('2026-11-23T09:00:00Z');

  beforeEach(async () => {
    delivery = recordingWithJobs();
    clock.set('2026-11-23T09:00:00Z');
    bot = await startTestApp({ members: [SECRETARY.entry, ...people.map((p) => p.entry)], delivery: delivery.factory, clock });
    await installPersonal(bot, people);
  });
  afterEach(async () => {
    await bot.stop();
  });

  async function create(): Promise<string> {
    const status = invokeCard((await press(bot, SECRETARY.user, 'remiss.create', REMISS)).body);
    assert.match(cardText(status), /Svarat 0 · avstått 0 · inte svarat 11 · av 11 parter/);
    return String(buttonData(status, 'remiss.status').remissId);
  }

  it('goes to each party’s managers with the date; 8 answer, 1 declines, 2 are silent: only the 2 are reminded, and the summary lists all 11', async () => {
    const remissId = await create();
    const send = delivery.batches.find((b) => b.batchId === 'send')!;
    assert.equal(send.recipients.length, 11);

    const [silentA, silentB, decliner, ...answering] = ELEVEN_PARTY_IDS;
    for (const partyId of answering) {
      const card = invokeCard((await press(bot, managerOf(partyId).user, 'remiss.answer', { remissId, answer: `Svar från ${partyId}: vi tillstyrker.` })).body);
      assert.match(cardText(card), /Svar lämnat för/);
    }
    const declined = invokeCard((await press(bot, managerOf(decliner!).user, 'remiss.decline', { remissId, reason: 'Berörs inte av förslaget.' })).body);
    assert.match(cardText(declined), /har avstått/);

    clock.set('2026-12-01T08:00:00Z');
    assert.equal(await delivery.runDue('remiss.remind', clock.now()), 1, 'the reminder three days before');
    const reminder = delivery.batches.find((b) => b.batchId === 'remind-before')!;
    const reminded = reminder.recipients.map((r) => (r.kind === 'member' ? r.aadObjectId : r.conversationKey)).sort();
    assert.deepEqual(reminded, [managerOf(silentA!).user.aadObjectId, managerOf(silentB!).user.aadObjectId].sort());
    assert.match(shown(reminder, 0), /Påminnelse: .* har inte svarat ännu\. Sista dag är fredag 4 december 2026/);

    clock.set('2026-12-04T23:00:00Z');
    assert.equal(await delivery.runDue('remiss.remind', clock.now()), 1, 'the reminder on the date');
    assert.equal(await delivery.runDue('remiss.close', clock.now()), 1);
    const summary = delivery.batches.find((b) => b.batchId === 'summary-1')!;
    assert.deepEqual(summary.recipients, [{ kind: 'conversation', conversationKey: conversationKey(personalConversationId(SECRETARY.user)) }]);
    const text = shown(summary, 0);
    assert.match(text, /Remiss – sammanställning/);
    assert.match(text, /Svarat 8 · avstått 1 · inte svarat 2 · av 11 parter/);
    assert.equal(text.match(/Svarat\n/g)?.length, 8);
    assert.equal(text.match(/Avstått\n/g)?.length, 1);
    assert.equal(text.match(/Inget svar/g)?.length, 2);
    assert.match(text, /Berörs inte av förslaget/);

    const late = invokeCard((await press(bot, managerOf(silentA!).user, 'remiss.answer', { remissId, answer: 'Sent svar' })).body);
    assert.match(cardText(late), /Svarstiden gick ut fredag 4 december 2026/);
    assert.ok(!hasButton(late, 'remiss.answer'));
  });

  it('lets a party change its answer until the date, and sends the summary once all have answered', async () => {
    const remissId = await create();
    for (const partyId of ELEVEN_PARTY_IDS) {
      await press(bot, managerOf(partyId).user, 'remiss.answer', { remissId, answer: 'Vi tillstyrker.' });
    }
    assert.equal(delivery.batches.filter((b) => b.batchId.startsWith('summary')).length, 1, 'summary when the last party answered');
    clock.advance(3_600_000);
    const changed = invokeCard((await press(bot, managerOf('gavle').user, 'remiss.answer', { remissId, answer: 'Vi tillstyrker med ändringar.' })).body);
    assert.match(cardText(changed), /Vi tillstyrker med ändringar/);
    assert.equal(delivery.batches.filter((b) => b.batchId.startsWith('summary')).length, 1, 'not a new summary for every change');

    clock.set('2026-12-04T23:00:00Z');
    await delivery.runDue('remiss.close', clock.now());
    assert.equal(delivery.batches.filter((b) => b.batchId.startsWith('summary')).length, 2, 'a final summary, as an answer changed after the first');
  });

  it('refuses an answer from a party it was not sent to, and an empty answer', async () => {
    const remissId = await create();
    const stranger = await press(bot, SECRETARY.user, 'remiss.answer', { remissId, answer: 'Svar' });
    assert.match(invokeText(stranger.body), /inte behörighet/);
    const empty = await press(bot, managerOf('gavle').user, 'remiss.answer', { remissId, answer: '   ' });
    assert.match(invokeText(empty.body), /skriv ett svar/);
    const answers = await bot.store.containers.dissemination.query(remissId, "c.type = 'remiss-answer'");
    assert.equal(answers.items.length, 0);
  });
});

/** What the recipient at `index` of a batch reads, in Swedish. */
function shown(batch: OutboxBatch, index: number): string {
  const message = typeof batch.message === 'function' ? batch.message(batch.recipients[index]!) : batch.message;
  return cardText(renderCard(message.template, message.data, 'sv'));
}
