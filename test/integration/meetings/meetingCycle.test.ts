import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { RsvpDoc } from '../../../src/features/meetings/model';
import { conversationKey } from '../../../src/features/directory/directoryRepo';
import { cardAction, installUpdate } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos } from '../../support/testApp';
import { MeetingsBot, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

describe('a meeting from notice to follow-up, with 12 members from 12 parties', () => {
  const members = membersOf('lansledning', 12);
  const [attending, absent, silent] = [members.slice(0, 7), members.slice(7, 10), members.slice(10)];
  const users = (list: typeof members) => list.map((m) => m.user.aadObjectId).sort();
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  const CHANNEL_ID = '19:lansledning-general@thread.tacv2';
  const channel = () => ({ ...bot.place(), conversation: { kind: 'channel' as const, channelId: CHANNEL_ID, teamId: '19:lansledning-team@thread.tacv2' } });
  let cosmos: Awaited<ReturnType<typeof startMemoryCosmos>>;
  let bot: MeetingsBot;
  let meetingId: string;

  before(async () => {
    cosmos = await startMemoryCosmos();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, store: cosmos.store });
    for (const m of members) await bot.app.post(installUpdate(m.user, bot.place()));
    const linked = await bot.app.post(cardAction(SECRETARY.user, channel(), 'channel.link', { bodyId: 'lansledning' }));
    assert.match(invokeText(linked.body), /kopplad till \*\*Länsledning Välfärd\*\*/);
  });
  after(async () => {
    await bot.stop();
    await cosmos.close();
  });

  it('the secretariat sends the notice: every member gets it in their own chat, with answer buttons and no substitute option', async () => {
    const { card, text } = await bot.press(SECRETARY.user, 'meeting.create', octoberForm());
    meetingId = meetingIdOn(card);
    assert.match(text, /Kallelsen skickas till 12 ledamöter och till organets kanal/);

    assert.deepEqual(bot.reached('notice-'), users(members));
    for (const m of members) {
      const [notice] = bot.deliveredTo(m.user, 'meeting-notice');
      const seen = MeetingsBot.render(notice!);
      assert.match(seen.text, /Länsledning Välfärd, oktober/);
      assert.match(seen.text, /fredag 30 oktober 2026 kl\. 09\.00–12\.00/);
      assert.match(seen.text, /Jag kommer/);
      assert.match(seen.text, /Jag kan inte komma/);
      assert.doesNotMatch(JSON.stringify(seen.card), /"response":"(substitute|delegate)"/);
      assert.deepEqual(seen.card.refresh?.userIds, [`8:orgid:${m.user.aadObjectId}`], 'the card refreshes to the member’s own view');
    }

    const inChannel = bot.delivered().filter((d) => d.recipient.kind === 'conversation' && d.recipient.conversationKey === conversationKey(CHANNEL_ID));
    assert.equal(inChannel.length, 1);
    const channelCard = MeetingsBot.render(inChannel[0]!);
    assert.match(channelCard.text, /Kallelsen gäller ledamöterna i Länsledning Välfärd/);
    assert.equal(channelCard.card.refresh?.userIds?.length, 12, 'each member sees their own answer in the channel too');
  });

  it('7 attend, 3 are absent (one names a substitute), 2 stay silent; each card updates in place', async () => {
    for (const m of attending) {
      const { text } = await bot.press(m.user, 'meeting.rsvp', { meetingId, response: 'attend', comment: '' });
      assert.match(text, /Ditt svar: du kommer/);
    }
    for (const [i, m] of absent.entries()) {
      const comment = i === 0 ? 'Tyvärr, skickar min kollega Anna Ek istället' : 'Krockar med fullmäktige';
      const { text } = await bot.press(m.user, 'meeting.rsvp', { meetingId, response: 'absent', comment });
      assert.match(text, /Frånvaro anmäld/);
      assert.match(text, /ingen ersättare vid frånvaro/);
      assert.match(text, /Du får ändå dagordningen och handlingarna/);
      assert.match(text, /eget ansvar att hålla sig informerade/);
      if (i === 0) assert.match(text, /Din kommentar nämnde en ersättare/);
      else assert.doesNotMatch(text, /nämnde en ersättare/);
    }
    const substitute = await cosmos.store.containers.meetings.read<RsvpDoc>(meetingId, `rsvp:${absent[0]!.user.aadObjectId}`);
    assert.deepEqual([substitute?.response, substitute?.comment, substitute?.substituteMentioned], ['absent', null, true], 'only the absence is recorded');

    for (const m of attending.slice(0, 4)) {
      const { text } = await bot.press(m.user, 'meeting.read', { meetingId });
      assert.match(text, /Du har läst handlingarna/);
    }
  });

  it('the RSVP reminder goes only to the 2 silent members, once, even when the job runs again after a restart', async () => {
    clock.set('2026-10-22T06:00:00Z'); // torsdag 22 oktober kl. 08.00, the working day before the deadline
    assert.equal(await bot.runDueJobs(), 1);
    assert.deepEqual(bot.reached('reminder-'), users(silent));

    await bot.restart();
    await bot.runDueJobs({ again: true });
    assert.deepEqual(bot.reached('reminder-'), users(silent), 'the same batch: nobody is reminded twice');
    const reminder = MeetingsBot.render(bot.deliveredTo(silent[0]!.user, 'meeting-reminder')[0]!);
    assert.match(reminder.text, /Du har inte svarat på kallelsen/);
  });

  it('reading reminders 3 working days before and the day before go to those who have not read and are not absent', async () => {
    clock.set('2026-10-27T07:00:00Z'); // tisdag 27 oktober kl. 08.00 (vintertid)
    await bot.runDueJobs();
    const firstRound = bot.delivered().filter((d) => d.batchId.includes('reading-3'));
    const notRead = [...attending.slice(4), ...silent];
    assert.deepEqual(firstRound.map((d) => (d.recipient as { aadObjectId: string }).aadObjectId).sort(), users(notRead));

    await bot.press(attending[4]!.user, 'meeting.read', { meetingId });
    clock.set('2026-10-29T07:00:00Z');
    await bot.restart();
    await bot.runDueJobs();
    await bot.runDueJobs({ again: true });
    const secondRound = bot.delivered().filter((d) => d.batchId.includes('reading-1'));
    assert.deepEqual(
      secondRound.map((d) => (d.recipient as { aadObjectId: string }).aadObjectId).sort(),
      users([...attending.slice(5), ...silent]),
    );
  });

  it('after the meeting, notes go to all; the absent and the silent get the follow-up with the decisions first', async () => {
    clock.set('2026-10-30T12:30:00Z');
    const { text } = await bot.press(SECRETARY.user, 'meeting.notes', {
      meetingId,
      notes: 'Handlingsplanen gicks igenom. Länsdelarna redovisade läget.',
      decisions: 'Handlingsplanen fastställs.\nRemissvaret lämnas senast 20 november.',
    });
    assert.match(text, /skickas till 12 ledamöter; 5 av dem får uppföljningen/);

    for (const m of attending) assert.equal(bot.deliveredTo(m.user, 'meeting-summary').length, 1);
    for (const m of [...absent, ...silent]) {
      const followUps = bot.deliveredTo(m.user, 'meeting-followup');
      assert.equal(followUps.length, 1);
      const seen = MeetingsBot.render(followUps[0]!).text;
      assert.ok(seen.indexOf('Handlingsplanen fastställs.') < seen.indexOf('Handlingsplanen gicks igenom'), 'decisions come first');
      assert.match(seen, /Jag har tagit del/);
    }
  });

  it('acknowledgements show in the secretariat view, with a reminder for those who have not', async () => {
    for (const m of [absent[0]!, absent[1]!, silent[0]!]) {
      const { text } = await bot.press(m.user, 'meeting.followupAck', { meetingId });
      assert.match(text, /Du kvitterade/);
    }
    const status = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    assert.match(status.text, /7 kommer · 3 frånvarande · 2 har inte svarat · 5 av 12 har läst/);
    assert.match(status.text, /1 nämnde en ersättare/);
    const notAcked = status.text.split('\n').find((l) => l.includes('Har inte kvitterat'));
    assert.ok(notAcked?.includes(absent[2]!.entry.name) && notAcked.includes(silent[1]!.entry.name), notAcked);
    assert.ok(!notAcked?.includes(absent[0]!.entry.name));

    const reminded = await bot.press(SECRETARY.user, 'meeting.remind', { meetingId, kind: 'followup' });
    assert.match(reminded.text, /Påminnelsen skickas till 2/);
    assert.deepEqual(bot.reached('remind-followup-'), users([absent[2]!, silent[1]!]));
  });
});
