import assert from 'node:assert/strict';
import { message, personalConversationId } from '../../support/activities';
import { cardsOf, cardText, invokeCard, invokeText } from '../../support/cards';
import { MEMBER_GAVLE, SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';
import type { OutboxBatch } from '../../../src/delivery/types';
import { ManualClock } from '../../../src/clock';
import { buttonData, hasButton, installPersonal, linkChannels, managers, press } from './parties';

const DECISION = {
  kind: 'decision',
  title: 'Gemensam rutin för SIP',
  text: 'Länsledning Välfärd har beslutat att anta den gemensamma rutinen för **samordnad individuell plan**.',
  links: 'Rutinen https://example.se/sip.pdf',
  audience: 'all',
  targets: 'both',
  requiresAck: 'true',
};

describe('composing a broadcast', () => {
  const people = managers(2);
  let bot: TestApp;
  let record: { batches: OutboxBatch[]; jobs: unknown[] };
  const clock = new ManualClock('2026-11-23T09:00:00Z');

  const written = async () => (await bot.store.containers.dissemination.query('index', '')).items.length;

  beforeEach(async () => {
    record = { batches: [], jobs: [] };
    clock.set('2026-11-23T09:00:00Z');
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry, ...people.map((p) => p.entry)], delivery: recordingDelivery(record), clock });
    await installPersonal(bot, people);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('gives the secretariat the form on "utskick", and a preview of what the parties will see', async () => {
    await bot.post(message(SECRETARY.user, { serviceUrl: bot.connector.serviceUrl }, 'utskick'));
    const form = cardText(cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0]);
    assert.match(form, /Nytt utskick till parterna/);
    assert.match(form, /Kräver kvittens/);

    const res = await press(bot, SECRETARY.user, 'broadcast.create', DECISION);
    const preview = invokeCard(res.body);
    const text = cardText(preview);
    assert.match(text, /Förhandsgranskning/);
    assert.match(text, /Gemensam rutin för SIP/);
    assert.match(text, /11 parter och Hälsinglands Utbildningsförbund: 0 kanaler och 23 personliga chattar/);
    assert.match(text, /Saknar kopplad kanal/);
    assert.match(text, /Inget är skickat än/);
    assert.ok(hasButton(preview, 'broadcast.confirm'));
    assert.equal(record.batches.length, 0, 'nothing is sent by a preview');
  });

  it('sends to every party on "Skicka nu": channels where linked, managers personally, and a status card to the secretary', async () => {
    await linkChannels(bot, SECRETARY.user, ['gavle', 'hofors']);
    const preview = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', DECISION)).body);
    const sent = invokeCard((await press(bot, SECRETARY.user, 'broadcast.confirm', buttonData(preview, 'broadcast.confirm'))).body);
    assert.match(cardText(sent), /Skickat till 11 parter och Hälsinglands Utbildningsförbund\./);
    assert.ok(!hasButton(sent, 'broadcast.confirm'), 'the sent card can no longer be sent again');

    const send = record.batches.find((b) => b.batchId === 'send')!;
    const channels = send.recipients.filter((r) => r.kind === 'conversation');
    const personal = send.recipients.filter((r) => r.kind === 'member');
    assert.equal(channels.length, 2);
    assert.equal(personal.length, 23);
    assert.ok(record.batches.some((b) => b.batchId === 'status'), 'the status card goes to the secretary');
    const card = typeof send.message === 'function' ? send.message(personal[0]!) : send.message;
    assert.equal(card.template, 'broadcast-message');
  });

  it('lists the latest broadcasts for the secretariat on "utskick lista", each with its status', async () => {
    const preview = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', DECISION)).body);
    await press(bot, SECRETARY.user, 'broadcast.confirm', buttonData(preview, 'broadcast.confirm'));
    await bot.post(message(SECRETARY.user, { serviceUrl: bot.connector.serviceUrl }, 'utskick lista'));
    const list = cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user)).at(-1)!)[0]!;
    assert.match(cardText(list), /Gemensam rutin för SIP/);
    assert.match(cardText(list), /Utskick · måndag 23 november 2026 kl\. 10\.00 · Sara Sekreterare/);
    const status = invokeCard((await press(bot, SECRETARY.user, 'broadcast.status', buttonData(preview, 'broadcast.confirm'))).body);
    assert.match(cardText(status), /Status för utskick/);
    assert.match(cardText(status), /Klart för 0 av 23 mottagare/);
  });

  it('refuses a decision from a member and writes nothing', async () => {
    const res = await press(bot, MEMBER_GAVLE.user, 'broadcast.create', DECISION);
    assert.equal(res.status, 200);
    assert.match(invokeText(res.body), /inte behörighet/);
    assert.equal(await written(), 0);
  });
});
