import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { conversationKey } from '../../../src/features/directory/directoryRepo';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardsOf, cardText, invokeCard } from '../../support/cards';
import { ENGLISH_MEMBER, MEMBER_GAVLE, PREPARER, SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';
import { newRecord, recipientIds, runJob, textFor, type Recorded } from './helpers';

const GAVLE_CHANNEL = '19:gavle-allmant@thread.tacv2';

describe('notice of termination', () => {
  let bot: TestApp;
  let record: Recorded;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const asSecretary = async (verb: string, data: object) => invokeCard((await bot.post(cardAction(SECRETARY.user, place(), verb, data))).body);
  const everyone = [SECRETARY, MEMBER_GAVLE, PREPARER, ENGLISH_MEMBER].map((p) => p.entry.aadObjectId);

  beforeEach(async () => {
    record = newRecord();
    bot = await startTestApp({
      members: [SECRETARY.entry, MEMBER_GAVLE.entry, PREPARER.entry, ENGLISH_MEMBER.entry],
      delivery: recordingDelivery(record),
      clock: new ManualClock('2026-01-20T10:00:00+01:00'),
    });
    await bot.post(cardAction(SECRETARY.user, { serviceUrl: bot.connector.serviceUrl, conversation: { kind: 'channel', channelId: GAVLE_CHANNEL, teamId: '19:gavle-team@thread.tacv2' } }, 'channel.link', { partyId: 'gavle' }));
    await bot.app.deps.directory.setMemberLocale(ENGLISH_MEMBER.entry.aadObjectId, 'en');
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('tells every party that the agreement ends for all of them six months after the notice, and reminds them before', async () => {
    await bot.post(message(SECRETARY.user, place(), 'uppsägning'));
    assert.match(cardText(cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0]), /Registrera en uppsägning/);

    const preview = await asSecretary('notice.preview', { partyId: 'hofors', noticeDate: '2026-01-15', note: 'KS 2026/12' });
    assert.match(cardText(preview), /Hofors kommun sade upp överenskommelsen den 15 januari 2026\. Överenskommelsen upphör då för alla parter den 15 juli 2026/);
    assert.match(cardText(preview), /4 medlemmar i alla parter och till 1 kopplade kanaler/);
    assert.equal(record.batches.length, 0, 'nothing is sent by the preview');

    const status = await asSecretary('notice.confirm', actionData(preview, 'notice.confirm'));
    assert.match(cardText(status), /upphör för alla parter den 15 juli 2026/);

    const announcement = record.batches.find((b) => /^notice:[^:]+$/.test(b.batchId))!;
    assert.deepEqual(recipientIds(announcement), [...everyone, conversationKey(GAVLE_CHANNEL)].sort());
    for (const id of [SECRETARY, MEMBER_GAVLE, PREPARER].map((p) => p.entry.aadObjectId)) {
      const text = textFor(announcement, id);
      assert.match(text, /Överenskommelsen Länsledning Välfärd är uppsagd/);
      assert.match(text, /Hofors kommun har sagt upp överenskommelsen den 15 januari 2026/);
      assert.match(text, /Överenskommelsen upphör för alla parter den 15 juli 2026\./);
    }
    assert.match(textFor(announcement, ENGLISH_MEMBER.entry.aadObjectId, 'en'), /The agreement ends for all parties on 15 July 2026\./);

    const reminders = record.jobs.filter((j) => j.kind === 'notice.reminder');
    assert.deepEqual(reminders.map((j) => j.runAt.toISOString()), ['2026-04-16T06:00:00.000Z', '2026-06-15T06:00:00.000Z', '2026-07-08T06:00:00.000Z']);
    await runJob(record, reminders[1]!);
    const reminder = record.batches.find((b) => b.batchId.endsWith(':reminder:30'))!;
    assert.deepEqual(recipientIds(reminder), [...everyone, conversationKey(GAVLE_CHANNEL)].sort());
    assert.match(textFor(reminder, MEMBER_GAVLE.entry.aadObjectId), /överenskommelsen upphör om 30 dagar/);
    assert.match(textFor(reminder, MEMBER_GAVLE.entry.aadObjectId), /upphör överenskommelsen Länsledning Välfärd för alla parter den 15 juli 2026/);
  });

  it('refuses a second notice while one is in force, and a notice dated in the future', async () => {
    await asSecretary('notice.confirm', { partyId: 'hofors', noticeDate: '2026-01-15', note: '' });
    const second = await asSecretary('notice.confirm', { partyId: 'gavle', noticeDate: '2026-01-19', note: '' });
    assert.match(cardText(second), /redan uppsagd av Hofors kommun och upphör 15 juli 2026/);
    const future = await asSecretary('notice.preview', { partyId: 'gavle', noticeDate: '2026-02-01', note: '' });
    assert.match(cardText(future), /kan inte ligga i framtiden/);
    assert.equal(record.batches.filter((b) => b.batchId.startsWith('notice:')).length, 1);
  });

  it('lets the secretariat withdraw a notice: everyone is told, and the reminders no longer go out', async () => {
    const status = await asSecretary('notice.confirm', { partyId: 'hofors', noticeDate: '2026-01-15', note: '' });
    const withdrawn = await asSecretary('notice.withdraw', { ...actionData(status, 'notice.withdraw'), reason: 'Beslutet om uppsägning upphävdes' });
    assert.match(cardText(withdrawn), /Uppsägningen från Hofors kommun den 15 januari 2026 är återkallad/);
    assert.ok(record.batches.some((b) => b.batchId.endsWith(':withdrawn')));
    const before = record.batches.length;
    await runJob(record, record.jobs.find((j) => j.kind === 'notice.reminder')!);
    assert.equal(record.batches.length, before);
  });

  it('is for the secretariat only', async () => {
    const res = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'notice.confirm', { partyId: 'gavle', noticeDate: '2026-01-15' }));
    assert.match(cardText(invokeCard(res.body)), /inte behörighet/);
    assert.equal(await bot.store.containers.directory.read('notice', 'agreement'), undefined);
  });
});
