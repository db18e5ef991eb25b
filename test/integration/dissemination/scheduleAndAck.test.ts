import assert from 'node:assert/strict';
import { personalConversationId } from '../../support/activities';
import { cardText, cardsOf, invokeCard, invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { realDelivery, startTestApp, type TestApp } from '../../support/testApp';
import { ManualClock } from '../../../src/clock';
import type { JobSpec, OutboxBatch } from '../../../src/delivery/types';
import { buttonData, hasButton, installPersonal, managers, press } from './parties';

const DECISION = {
  kind: 'decision',
  title: 'Beslut om handlingsplan 2027',
  text: 'Handlingsplanen är antagen.',
  audience: 'gavle,hofors,ockelbo',
  requiresAck: 'true',
  sendDate: '2026-11-27',
  sendTime: '08:30',
};

describe('a broadcast sent at a chosen time', () => {
  const people = managers(2);
  const gavle = people.filter((p) => p.entry.partyId === 'gavle');
  const sandviken = people.find((p) => p.entry.partyId === 'sandviken')!;
  let bot: TestApp;
  let record: { batches: OutboxBatch[]; jobs: JobSpec[] };
  const clock = new ManualClock('2026-11-23T09:00:00Z');

  beforeEach(async () => {
    record = { batches: [], jobs: [] };
    clock.set('2026-11-23T09:00:00Z');
    bot = await startTestApp({ members: [SECRETARY.entry, ...people.map((p) => p.entry)], delivery: recordingDelivery(record), clock });
    await installPersonal(bot, people);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('is scheduled in Swedish local time, and can be edited (pausing it) and cancelled before then', async () => {
    const preview = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', DECISION)).body);
    assert.match(cardText(preview), /Du har valt att skicka det fredag 27 november 2026 kl\. 08\.30/);

    const scheduled = invokeCard((await press(bot, SECRETARY.user, 'broadcast.confirm', { ...buttonData(preview, 'broadcast.confirm'), when: 'scheduled' })).body);
    assert.match(cardText(scheduled), /Utskicket är schemalagt/);
    assert.match(cardText(scheduled), /Det skickas fredag 27 november 2026 kl\. 08\.30/);
    const job = record.jobs.find((j) => j.kind === 'broadcast.send')!;
    assert.equal(job.runAt.toISOString(), '2026-11-27T07:30:00.000Z');
    assert.equal(record.batches.length, 0);

    const form = invokeCard((await press(bot, SECRETARY.user, 'broadcast.edit', buttonData(scheduled, 'broadcast.edit'))).body);
    assert.match(cardText(form), /Ändra utskicket/);
    assert.match(JSON.stringify(form), /Beslut om handlingsplan 2027/);

    const { broadcastId } = buttonData(scheduled, 'broadcast.edit');
    const edited = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, broadcastId, title: 'Beslut om handlingsplan 2027 (rättad)' })).body);
    assert.match(cardText(edited), /rättad/);
    assert.match(cardText(edited), /Inget är skickat än/, 'an edit pauses the broadcast until it is confirmed again');

    const stale = invokeCard((await press(bot, SECRETARY.user, 'broadcast.confirm', buttonData(scheduled, 'broadcast.confirm'))).body);
    assert.match(cardText(stale), /har ändrats sedan den förhandsgranskningen/);
    assert.equal(record.batches.length, 0, 'an old preview does not send the edited draft');

    const refreshed = invokeCard((await press(bot, SECRETARY.user, 'broadcast.view', { broadcastId })).body);
    assert.match(cardText(refreshed), /Inget är skickat än/, "the author's preview refreshes to the draft as it is");

    const cancelled = invokeCard((await press(bot, SECRETARY.user, 'broadcast.cancel', { broadcastId })).body);
    assert.match(cardText(cancelled), /Utskicket är avbrutet/);
    assert.ok(!hasButton(cancelled, 'broadcast.confirm'));
    const again = invokeCard((await press(bot, SECRETARY.user, 'broadcast.confirm', buttonData(edited, 'broadcast.confirm'))).body);
    assert.match(cardText(again), /avbrutet/);
    assert.equal(record.batches.length, 0);
  });

  it('records the first acknowledgement per party, and shows it on the card', async () => {
    const preview = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, sendDate: '', sendTime: '' })).body);
    await press(bot, SECRETARY.user, 'broadcast.confirm', buttonData(preview, 'broadcast.confirm'));
    const { broadcastId } = buttonData(preview, 'broadcast.confirm');

    const first = invokeCard((await press(bot, gavle[0]!.user, 'broadcast.ack', { broadcastId })).body);
    assert.match(cardText(first), /Gävle kommun: mottaget och fört vidare av Chef 1 gavle, måndag 23 november 2026 kl\. 10\.00/);
    assert.ok(!hasButton(first, 'broadcast.ack'));

    clock.advance(60_000);
    const second = invokeCard((await press(bot, gavle[1]!.user, 'broadcast.ack', { broadcastId })).body);
    assert.match(cardText(second), /av Chef 1 gavle/, 'the first acknowledgement counts');

    const colleague = invokeCard((await press(bot, gavle[1]!.user, 'broadcast.view', { broadcastId })).body);
    assert.match(cardText(colleague), /mottaget och fört vidare av Chef 1 gavle/);

    const outsider = await press(bot, sandviken.user, 'broadcast.ack', { broadcastId });
    assert.match(invokeText(outsider.body), /inte behörighet/);

    const status = invokeCard((await press(bot, SECRETARY.user, 'broadcast.status', { broadcastId })).body);
    const text = cardText(status);
    assert.match(text, /Kvitterat: 1 av 3 parter\./);
    assert.match(text, /Kvitterat av Chef 1 gavle/);
    assert.match(text, /Hofors kommun[\s\S]*Inte kvitterat/);
  });
});

describe('a scheduled broadcast at its time', function () {
  this.timeout(60_000);
  const people = managers(1);
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

  it('goes out at the chosen time, not before, and then the status card follows it', async () => {
    const preview = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, audience: 'all' })).body);
    await press(bot, SECRETARY.user, 'broadcast.confirm', { ...buttonData(preview, 'broadcast.confirm'), when: 'scheduled' });
    const chats = people.map((p) => personalConversationId(p.user));

    clock.set('2026-11-27T07:29:00Z');
    const before = await press(bot, SECRETARY.user, 'broadcast.status', { broadcastId: buttonData(preview, 'broadcast.confirm').broadcastId });
    assert.match(cardText(invokeCard(before.body)), /Det skickas fredag 27 november 2026 kl\. 08\.30/);
    assert.equal(chats.filter((id) => bot.connector.sent(id).length > 0).length, 0);

    clock.set('2026-11-27T07:30:00Z');
    await bot.connector.waitFor(() => chats.every((id) => bot.connector.sent(id).length === 1), 20_000, 'the broadcast at 08.30');
    await bot.connector.waitFor(() => bot.connector.sent(personalConversationId(SECRETARY.user)).length === 1, 20_000, 'the status card');
    assert.match(cardText(cardsOf(bot.connector.sent(chats[0])[0]!)[0]), /Skickat fredag 27 november 2026 kl\. 08\.30/);
  });
});
