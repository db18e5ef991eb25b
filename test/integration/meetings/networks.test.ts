import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { MeetingDoc } from '../../../src/features/meetings/model';
import type { Store } from '../../../src/store/types';
import { cardAction } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { person, SECRETARY } from '../../support/members';
import { MeetingsBot, meetingIdOn, octoberForm } from './meetingsHarness';

const ANNA = person('00000000-0000-4000-8000-000000000311', 'Anna Holm', 'gavle', ['lansledning'], ['member']);
const SCHOOL_CHANNEL = '19:skolchefer@thread.tacv2';

describe('"information till dem som inte varit med kan också ske i respektive skolchefs nätverk, socialchefs nätverk samt regiongrupp": notes and decisions go on to the networks the secretariat ticks', () => {
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;
  const inSchoolChannel = () => ({ ...bot.place(), conversation: { kind: 'channel' as const, channelId: SCHOOL_CHANNEL, teamId: '19:skol-team@thread.tacv2' } });
  const stored = async () => (await store.containers.meetings.read<MeetingDoc>(meetingId, meetingId))!;

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ANNA.entry], clock, store });
    await bot.install([SECRETARY.user, ANNA.user]);
    const linked = await bot.app.post(cardAction(SECRETARY.user, inSchoolChannel(), 'channel.link', { bodyId: 'skolchefsnatverk' }));
    assert.match(invokeText(linked.body), /kopplad till \*\*Skolchefsnätverket\*\*/, 'a network is linked like a body');
    meetingId = meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm())).card);
    await bot.idle(meetingId);
    clock.set('2026-10-30T12:30:00Z');
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  it('offers the networks on the notes form, and says which of them has no linked channel', async () => {
    const form = await bot.press(SECRETARY.user, 'meeting.notesForm', { meetingId });
    assert.match(form.text, /Skicka vidare till nätverk/);
    assert.match(form.text, /Skolchefsnätverket/);
    assert.match(form.text, /Regiongruppen \(ingen kopplad kanal\)/);
  });

  it('refuses a network that is not in the directory, and stores nothing', async () => {
    const refused = await bot.press(SECRETARY.user, 'meeting.notes', { meetingId, notes: 'N', decisions: 'B', forwardTo: 'skolchefsnatverk,no-such-network' });
    assert.match(refused.text, /ett av de valda nätverken finns inte i katalogen/);
    assert.equal((await stored()).notes, null);
  });

  it('carries the notes on to the ticked network in its channel, tells the secretariat which ticked network it cannot reach, and corrects in place', async () => {
    const sent = await bot.press(SECRETARY.user, 'meeting.notes', {
      meetingId,
      notes: 'Handlingsplanen gicks igenom.',
      decisions: 'Handlingsplanen 2027 fastställs.',
      forwardTo: 'skolchefsnatverk,regiongrupp',
    });
    assert.match(sent.text, /Skickas vidare till Skolchefsnätverket\./);
    assert.match(sent.text, /Når inte Regiongruppen: ingen kopplad kanal/);
    await bot.idle(meetingId);
    const inChannel = bot.seenIn(SCHOOL_CHANNEL).filter((s) => /Handlingsplanen 2027 fastställs/.test(s.text));
    assert.equal(inChannel.length, 1);
    assert.deepEqual((await stored()).notes?.forwardTo, ['skolchefsnatverk', 'regiongrupp']);

    await bot.press(SECRETARY.user, 'meeting.notes', { meetingId, notes: 'Handlingsplanen gicks igenom.', decisions: 'Handlingsplanen 2027 fastställs med ändringar.', forwardTo: 'skolchefsnatverk' });
    await bot.idle(meetingId);
    const after = bot.seenIn(SCHOOL_CHANNEL).filter((s) => /Handlingsplanen 2027 fastställs/.test(s.text));
    assert.equal(after.filter((s) => s.kind === 'new').length, 1, 'no second message in the network channel');
    assert.match(after.at(-1)!.text, /fastställs med ändringar/);
  });
});
