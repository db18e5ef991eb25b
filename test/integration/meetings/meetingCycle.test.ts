import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { RsvpDoc } from '../../../src/features/meetings/model';
import { cardAction, type TestUser } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import type { Store } from '../../../src/store/types';
import { MeetingsBot, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

describe('a meeting from notice to follow-up, with 12 members from 12 parties', () => {
  const members = membersOf('lansledning', 12);
  const [attending, absent, silent] = [members.slice(0, 7), members.slice(7, 10), members.slice(10)];
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  const CHANNEL_ID = '19:lansledning-general@thread.tacv2';
  const channel = () => ({ ...bot.place(), conversation: { kind: 'channel' as const, channelId: CHANNEL_ID, teamId: '19:lansledning-team@thread.tacv2' } });
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;

  /** How many cards matching `pattern` each of `people` has received, in their order. */
  const received = (people: typeof members, pattern: RegExp) => people.map((m) => bot.seenBy(m.user, pattern).length);
  const times = (n: number, count: number) => Array<number>(count).fill(n);

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, store: store });
    await bot.install(members.map((m) => m.user));
    const linked = await bot.app.post(cardAction(SECRETARY.user, channel(), 'channel.link', { bodyId: 'lansledning' }));
    assert.match(invokeText(linked.body), /kopplad till \*\*Länsledning Välfärd\*\*/);
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  it('the secretariat sends the notice: every member gets it in their own chat, with answer buttons and no substitute option', async () => {
    const { card, text } = await bot.press(SECRETARY.user, 'meeting.create', octoberForm());
    meetingId = meetingIdOn(card);
    assert.match(text, /Kallelsen skickas till 12 ledamöter och till organets kanal/);
    await bot.idle(meetingId);

    for (const m of members) {
      const notices = bot.seenBy(m.user, /^Kallelse$/m);
      assert.equal(notices.length, 1, `one notice for ${m.entry.name}`);
      const seen = notices[0]!;
      assert.match(seen.text, /Länsledning Välfärd, oktober/);
      assert.match(seen.text, /fredag 30 oktober 2026 kl\. 09\.00–12\.00/);
      assert.match(seen.text, /Jag kommer/);
      assert.match(seen.text, /Jag kan inte komma/);
      assert.match(seen.text, /Ingen ersättare vid frånvaro/);
      assert.doesNotMatch(JSON.stringify(seen.card), /"response":"(substitute|delegate)"/);
      assert.deepEqual(seen.card.refresh?.userIds, [`8:orgid:${m.user.aadObjectId}`], 'the card refreshes to the member’s own view');
    }

    const inChannel = bot.seenIn(CHANNEL_ID);
    assert.equal(inChannel.length, 1);
    assert.match(inChannel[0]!.text, /Kallelsen gäller ledamöterna i Länsledning Välfärd/);
    assert.equal(inChannel[0]!.card.refresh?.userIds?.length, 12, 'each member sees their own answer in the channel too');
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
    const substitute = await store.containers.meetings.read<RsvpDoc>(meetingId, `rsvp:${absent[0]!.user.aadObjectId}`);
    assert.deepEqual([substitute?.response, substitute?.comment, substitute?.substituteMentioned], ['absent', null, true], 'only the absence is recorded');

    for (const m of attending.slice(0, 4)) {
      const { text } = await bot.press(m.user, 'meeting.read', { meetingId });
      assert.match(text, /Du har läst handlingarna/);
    }
  });

  it('the RSVP reminder goes only to the 2 silent members, once, also when the scheduler ticks again after a restart', async () => {
    const rsvpReminder = /Påminnelse: svara på kallelsen/;
    clock.set('2026-10-22T06:00:00Z'); // torsdag 22 oktober kl. 08.00, the working day before the deadline
    await bot.tick();
    await bot.idle(meetingId);
    assert.deepEqual(received(silent, rsvpReminder), times(1, 2));
    assert.deepEqual(received([...attending, ...absent], rsvpReminder), times(0, 10));

    await bot.restart();
    await bot.tick();
    await bot.idle(meetingId);
    assert.deepEqual(received(silent, rsvpReminder), times(1, 2), 'nobody is reminded twice');
    assert.match(bot.seenBy(silent[0]!.user, rsvpReminder)[0]!.text, /Du har inte svarat på kallelsen till Länsledning Välfärd, oktober/);
  });

  it('reading reminders, 3 working days before and the working day before, go to those who have not read and are not absent — once, with two instances ticking', async () => {
    const readingReminder = /Påminnelse: läs handlingarna/;
    const other = await bot.another();
    try {
      clock.set('2026-10-27T07:00:00Z'); // tisdag 27 oktober kl. 08.00 (vintertid)
      await Promise.all([bot.tick(), other.tick()]);
      await bot.idle(meetingId);
      assert.deepEqual(received([...attending.slice(4), ...silent], readingReminder), times(1, 5));
      assert.deepEqual(received([...attending.slice(0, 4), ...absent], readingReminder), times(0, 7));

      await bot.press(attending[4]!.user, 'meeting.read', { meetingId });
      clock.set('2026-10-29T07:00:00Z'); // torsdag 29 oktober kl. 08.00
      await Promise.all([bot.tick(), other.tick()]);
      await bot.idle(meetingId);
      assert.deepEqual(received([...attending.slice(5), ...silent], readingReminder), times(2, 4));
      assert.deepEqual(received([attending[4]!], readingReminder), [1], 'who read in between is not reminded again');
      assert.deepEqual(received(absent, readingReminder), times(0, 3));
    } finally {
      await other.stop();
    }
  });

  it('after the meeting, notes go to all; the absent and the silent get the follow-up with the decisions first', async () => {
    clock.set('2026-10-30T12:30:00Z');
    const { text } = await bot.press(SECRETARY.user, 'meeting.notes', {
      meetingId,
      notes: 'Handlingsplanen gicks igenom. Länsdelarna redovisade läget.',
      decisions: 'Handlingsplanen fastställs.\nRemissvaret lämnas senast 20 november.',
    });
    assert.match(text, /skickas till 12 ledamöter; 5 av dem får uppföljningen/);
    await bot.idle(meetingId);

    assert.deepEqual(received(attending, /^Anteckningar och beslut$/m), times(1, 7));
    assert.deepEqual(received(attending, /Uppföljning: du deltog inte/), times(0, 7));
    for (const m of [...absent, ...silent]) {
      const followUps = bot.seenBy(m.user, /Uppföljning: du deltog inte/);
      assert.equal(followUps.length, 1);
      const seen = followUps[0]!.text;
      assert.ok(seen.indexOf('Handlingsplanen fastställs.') < seen.indexOf('Handlingsplanen gicks igenom'), 'decisions come first');
      assert.match(seen, /Jag har tagit del/);
    }
    assert.equal(bot.seenIn(CHANNEL_ID).filter((s) => /^Anteckningar och beslut$/m.test(s.text)).length, 1);
  });

  it('acknowledgements show in the secretariat view, with a reminder for those who have not', async () => {
    for (const m of [absent[0]!, absent[1]!, silent[0]!]) {
      const { text } = await bot.press(m.user, 'meeting.followupAck', { meetingId });
      assert.match(text, /Du kvitterade/);
    }
    const status = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    assert.match(status.text, /7 kommer · 3 frånvarande · 2 har inte svarat · 5 av 12 har läst/);
    assert.match(status.text, /1 ledamot nämnde en ersättare/);
    assert.match(status.text, /Kallelsen har nått 13 av 13 mottagare/);
    const notAcked = status.text.split('\n').find((l) => l.includes('Har inte kvitterat')) ?? '';
    assert.ok(notAcked.includes(absent[2]!.entry.name) && notAcked.includes(silent[1]!.entry.name), notAcked);
    assert.ok(!notAcked.includes(absent[0]!.entry.name));

    const reminded = await bot.press(SECRETARY.user, 'meeting.remind', { meetingId, kind: 'followup' });
    assert.match(reminded.text, /Påminnelsen skickas till 2 personer\./);
    await bot.idle(meetingId);
    const followUpReminder = /Påminnelse: ta del av anteckningar och beslut/;
    const users = (list: typeof members): TestUser[] => list.map((m) => m.user);
    assert.deepEqual(
      users(members).map((u) => bot.seenBy(u, followUpReminder).length),
      users(members).map((u) => (u === absent[2]!.user || u === silent[1]!.user ? 1 : 0)),
    );
  });
});
