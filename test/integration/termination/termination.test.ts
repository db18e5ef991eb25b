import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardText, invokeCard } from '../../support/cards';
import { ENGLISH_MEMBER, MEMBER_GAVLE, person, PREPARER, SECRETARY } from '../../support/members';

const SECOND_SECRETARY = person('00000000-0000-4000-8000-000000000011', 'Stina Samordnare', 'gavle', ['samverkanskansli'], ['secretariat']);
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
    bot = await startTestApp({ members: [SECRETARY.entry, SECOND_SECRETARY.entry, MEMBER_GAVLE.entry, PREPARER.entry, ENGLISH_MEMBER.entry], delivery: deliveryTickedByTest(), clock });
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
    assert.match(cardText(preview), /5 medlemmar i alla parter och till 1 kopplad kanal\./);

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

  it('"Om en part säger upp detta avtal faller avtalet för samtliga parter": on the end date every party is told that it has ended for all, and the annual cycle\'s reminders stop', async () => {
    await install(bot, SECRETARY.user, MEMBER_GAVLE.user, ENGLISH_MEMBER.user);
    await asSecretary('notice.confirm', { partyId: 'hofors', noticeDate: '2026-01-15', note: '' });
    const annual = async () => (await bot.store.containers.directory.query('annual', "c.type = 'delivery'")).items.length;

    clock.set('2026-02-14T12:00:00Z');
    await tick(bot);
    const before = await annual();
    assert.ok(before > 0, 'the annual cycle reminded while the agreement was in force');

    clock.set('2026-07-14T22:00:00Z');
    await tick(bot);
    assert.equal(countShown(bot, MEMBER_GAVLE.user, /Överenskommelsen har upphört/), 0, 'not before the morning of the end date');
    clock.set('2026-07-15T06:00:00Z');
    await tick(bot);
    const ended = await received(bot, MEMBER_GAVLE.user, /Överenskommelsen har upphört/);
    assert.match(ended, /Efter Hofors kommuns uppsägning den 15 januari 2026 har överenskommelsen Länsledning Välfärd upphört för alla parter i dag, 15 juli 2026\./);
    assert.match(ended, /Årshjulets påminnelser upphör\./);
    await received(bot, GAVLE_CHANNEL, /Överenskommelsen har upphört/);
    assert.match(await received(bot, ENGLISH_MEMBER.user, /The agreement has ended/), /has ended for all parties today, 15 July 2026/);

    clock.set('2026-10-17T12:00:00Z');
    await tick(bot);
    assert.equal(await annual(), before, "no annual reminder after the end (the follow-up of the activity plans was due on 17 October)");
    assert.equal(countShown(bot, MEMBER_GAVLE.user, /Överenskommelsen har upphört/), 1, 'told once');
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

  it('lets the person who registered a notice correct a registration mistake within 24 hours: everyone sees the correction in place, and the reminders stop', async () => {
    await install(bot, SECRETARY.user, MEMBER_GAVLE.user);
    const status = await asSecretary('notice.confirm', { partyId: 'hofors', noticeDate: '2026-01-15', note: '' });
    assert.match(cardText(status), /kan du rätta den till onsdag 21 januari 2026 kl\. 10\.00/);
    await received(bot, MEMBER_GAVLE.user, /Överenskommelsen Länsledning Välfärd är uppsagd/);

    const noReason = await asSecretary('notice.correct', { ...actionData(status, 'notice.correct'), reason: '' });
    assert.match(cardText(noReason), /skriv vad som var fel i registreringen/i);
    const corrected = await asSecretary('notice.correct', { ...actionData(status, 'notice.correct'), reason: 'Det var Hudiksvall, inte Hofors.' });
    assert.match(cardText(corrected), /Registreringen av uppsägningen från Hofors kommun den 15 januari 2026 är struken som felregistrering/);
    const correction = await received(bot, MEMBER_GAVLE.user, /Rättelse: uppsägningen var en felregistrering/);
    assert.match(correction, /Meddelandet om att Hofors kommun sagt upp överenskommelsen den 15 januari 2026 byggde på en felregistrering\. Sara Sekreterare har strukit registreringen\./);
    assert.match(correction, /Vad som var fel: Det var Hudiksvall, inte Hofors\./);
    assert.doesNotMatch(correction, /fortsätter att gälla/, 'no clause lets the agreement "continue" after a notice');
    assert.equal(bot.connector.updates(personalConversationId(MEMBER_GAVLE.user)).length > 0, true, 'the announcement was corrected in place');

    clock.set('2026-04-16T06:00:00Z');
    await tick(bot);
    const reminders = await bot.store.containers.directory.query('notice', "c.type = 'delivery' AND CONTAINS(c.batchId, ':reminder:')");
    assert.equal(reminders.items.length, 0, 'no reminder is queued');
    assert.equal(countShown(bot, MEMBER_GAVLE.user, /upphör om 90 dagar/), 0);
  });

  it('keeps a notice final after 24 hours, and for anyone but the person who registered it', async () => {
    const status = await asSecretary('notice.confirm', { partyId: 'hofors', noticeDate: '2026-01-15', note: '' });
    const noticeId = actionData(status, 'notice.correct').noticeId;
    const other = invokeCard((await bot.post(cardAction(SECOND_SECRETARY.user, place(), 'notice.correct', { noticeId, reason: 'Fel kommun' }))).body);
    assert.match(cardText(other), /Bara Sara Sekreterare, som registrerade uppsägningen, kan rätta en felregistrering/);
    assert.doesNotMatch(cardText(other), /Rätta en felregistrering/, 'no correction button for another person');

    clock.set('2026-01-21T09:00:01Z');
    const late = await asSecretary('notice.correct', { noticeId, reason: 'Fel kommun' });
    assert.match(cardText(late), /Tiden för att rätta en felregistrering \(24 timmar\) har gått ut, och uppsägningen är slutgiltig/);
    const oldButton = await asSecretary('notice.withdraw', { noticeId, reason: 'Beslutet upphävdes' });
    assert.match(cardText(oldButton), /uppsägningen är slutgiltig/, "a status card posted earlier, with its 'withdraw' button, gets the same answer");
    await bot.post(message(SECRETARY.user, place(), 'uppsägning'));
    const shownLater = await received(bot, SECRETARY.user, /Uppsägningen är slutgiltig\. Överenskommelsen har ingen bestämmelse om att återkalla en uppsägning\./);
    assert.match(shownLater, /Hofors kommun sade upp överenskommelsen/);
    assert.doesNotMatch(shownLater, /Rätta en felregistrering/);
    const standing = await bot.store.containers.directory.read<{ id: string; pk: string; type: string; active: { partyId: string } | null }>('notice', 'agreement');
    assert.equal(standing?.active?.partyId, 'hofors');
  });

  it('is for the secretariat only', async () => {
    const res = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'notice.confirm', { partyId: 'gavle', noticeDate: '2026-01-15' }));
    assert.match(cardText(invokeCard(res.body)), /inte behörighet/);
    assert.equal(await bot.store.containers.directory.read('notice', 'agreement'), undefined);
    assert.equal(countShown(bot, personalConversationId(MEMBER_GAVLE.user), /uppsagd/), 0);
  });
});
