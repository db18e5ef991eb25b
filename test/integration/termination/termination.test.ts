import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardText, invokeCard } from '../../support/cards';
import { ENGLISH_MEMBER, MEMBER_GAVLE, PREPARER, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { countShown, deliveryTickedByTest, install, received, tick } from '../../support/chat';

const GAVLE_CHANNEL = '19:gavle-allmant@thread.tacv2';

describe('notice of termination', () => {
  let bot: TestApp;
  let clock: ManualClock;
    const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const asSecretary = async (verb: string, data: object) => invokeCard((await bot.post(cardAction(SECRETARY.user, place(), verb, data))).body);
  const swedes = [SECRETARY, MEMBER_GAVLE, PREPARER];

  beforeEach(async () => {
    clock = new ManualClock('2026-01-20T10:00:00+01:00');
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry, PREPARER.entry, ENGLISH_MEMBER.entry], delivery: deliveryTickedByTest(), clock });
    await bot.post(cardAction(SECRETARY.user, { serviceUrl: bot.connector.serviceUrl, conversation: { kind: 'channel', channelId: GAVLE_CHANNEL, teamId: '19:gavle-team@thread.tacv2' } }, 'channel.link', { partyId: 'gavle' }));
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('tells every party that the agreement ends for all of them six months after the notice, and reminds them before', async () => {
    await install(bot, SECRETARY.user, MEMBER_GAVLE.user, PREPARER.user, ENGLISH_MEMBER.user);
    await bot.post(message(SECRETARY.user, place(), 'uppsägning'));
    await received(bot, SECRETARY.user, /Registrera en uppsägning/);

    const preview = await asSecretary('notice.preview', { partyId: 'hofors', noticeDate: '2026-01-15', note: 'KS 2026/12' });
    assert.match(cardText(preview), /Hofors kommun sade upp överenskommelsen den 15 januari 2026\. Överenskommelsen upphör då för alla parter den 15 juli 2026/);
    assert.match(cardText(preview), /4 medlemmar i alla parter och till 1 kopplad kanal\./);

    const status = await asSecretary('notice.confirm', actionData(preview, 'notice.confirm'));
    assert.match(cardText(status), /upphör för alla parter den 15 juli 2026/);
    assert.match(cardText(status), /Påminnelser: 16 april 2026, 15 juni 2026, 8 juli 2026/);

    for (const p of swedes) {
      const text = await received(bot, p.user, /Överenskommelsen Länsledning Välfärd är uppsagd/);
      assert.match(text, /Hofors kommun har sagt upp överenskommelsen den 15 januari 2026/);
      assert.match(text, /Överenskommelsen upphör för alla parter den 15 juli 2026\./);
      assert.match(text, /Anteckning: KS 2026\/12/);
    }
    assert.match(await received(bot, ENGLISH_MEMBER.user, /Notice has been given/), /The agreement ends for all parties on 15 July 2026\./);
    assert.match(await received(bot, GAVLE_CHANNEL, /är uppsagd/), /upphör för alla parter den 15 juli 2026/, "the party's channel is told too");

    clock.set('2026-04-16T06:00:00Z');
    await tick(bot);
    for (const p of [...swedes]) await received(bot, p.user, /överenskommelsen upphör om 90 dagar/);
    const reminder = await received(bot, GAVLE_CHANNEL, /upphör om 90 dagar/);
    assert.match(reminder, /Efter Hofors kommuns uppsägning den 15 januari 2026 upphör överenskommelsen Länsledning Välfärd för alla parter den 15 juli 2026/);
    assert.match(await received(bot, ENGLISH_MEMBER.user, /ends in 90 days/), /on 15 July 2026/);
  });

  it('refuses a second notice while one is in force, and a notice dated in the future', async () => {
    await asSecretary('notice.confirm', { partyId: 'hofors', noticeDate: '2026-01-15', note: '' });
    const second = await asSecretary('notice.confirm', { partyId: 'gavle', noticeDate: '2026-01-19', note: '' });
    assert.match(cardText(second), /redan uppsagd av Hofors kommun och upphör 15 juli 2026/);
    const future = await asSecretary('notice.preview', { partyId: 'gavle', noticeDate: '2026-02-01', note: '' });
    assert.match(cardText(future), /kan inte ligga i framtiden/);
    const standing = await bot.store.containers.directory.read<{ id: string; pk: string; type: string; active: { partyId: string } }>('notice', 'agreement');
    assert.equal(standing?.active.partyId, 'hofors');
  });

  it('lets the secretariat withdraw a notice: everyone is told, and the reminders no longer go out', async () => {
    await install(bot, MEMBER_GAVLE.user);
    const status = await asSecretary('notice.confirm', { partyId: 'hofors', noticeDate: '2026-01-15', note: '' });
    const withdrawn = await asSecretary('notice.withdraw', { ...actionData(status, 'notice.withdraw'), reason: 'Beslutet om uppsägning upphävdes' });
    assert.match(cardText(withdrawn), /Uppsägningen från Hofors kommun den 15 januari 2026 är återkallad/);
    await received(bot, MEMBER_GAVLE.user, /Uppsägningen är återkallad/);

    clock.set('2026-04-16T06:00:00Z');
    await tick(bot);
    const reminders = await bot.store.containers.directory.query('notice', "c.type = 'delivery' AND CONTAINS(c.batchId, ':reminder:')");
    assert.equal(reminders.items.length, 0, 'no reminder is queued');
    assert.equal(countShown(bot, MEMBER_GAVLE.user, /upphör om 90 dagar/), 0);
  });

  it('is for the secretariat only', async () => {
    const res = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'notice.confirm', { partyId: 'gavle', noticeDate: '2026-01-15' }));
    assert.match(cardText(invokeCard(res.body)), /inte behörighet/);
    assert.equal(await bot.store.containers.directory.read('notice', 'agreement'), undefined);
    assert.equal(countShown(bot, personalConversationId(MEMBER_GAVLE.user), /uppsagd/), 0);
  });
});
