import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { UPDATE_WINDOW_MS } from '../../../src/delivery/liveStatus';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import type { Store } from '../../../src/store/types';
import { MeetingsBot, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

describe("the secretariat's meeting status card, live", () => {
  const members = membersOf('lansledning', 12, 500);
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  const statusCardId = 'card-new-meeting-form';
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;

  beforeEach(async () => {
    clock.set('2026-10-01T08:00:00Z');
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, store });
    await bot.install([SECRETARY.user, ...members.map((m) => m.user)]);
    const created = await bot.press(SECRETARY.user, 'meeting.create', octoberForm(), statusCardId);
    meetingId = meetingIdOn(created.card);
    assert.match(created.text, /0 kommer · 0 frånvarande · 12 har inte svarat/);
    const refresh = (created.card as unknown as { refresh: { userIds: string[] } }).refresh;
    assert.ok(refresh.userIds.includes(`8:orgid:${SECRETARY.entry.aadObjectId}`));
    await bot.idle(meetingId);
  });
  afterEach(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  /** The updates of the card the meeting was created on, as the secretariat sees them. */
  const statusUpdates = () => bot.seenBy(SECRETARY.user).filter((s) => s.kind === 'update' && s.activityId === statusCardId);

  it("shows a member's answer on the card the meeting was created on, without a press", async () => {
    await bot.press(members[0]!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    await bot.tick();
    await bot.idle(meetingId);
    assert.equal(statusUpdates().length, 0, 'the update waits for the end of its few seconds');

    clock.advance(UPDATE_WINDOW_MS);
    await bot.tick();
    await bot.idle(meetingId);
    assert.equal(statusUpdates().length, 1);
    assert.match(statusUpdates()[0]!.text, /1 kommer · 0 frånvarande · 11 har inte svarat/);
  });

  it('gives a burst of answers a few updates, not one per answer, the last with every answer', async () => {
    for (const [i, m] of members.entries()) {
      await bot.press(m.user, 'meeting.rsvp', { meetingId, response: i % 3 === 0 ? 'absent' : 'attend' });
      clock.advance(1_000);
    }
    clock.advance(UPDATE_WINDOW_MS);
    await bot.tick();
    await bot.idle(meetingId);
    const updates = statusUpdates();
    // Twelve answers over twelve seconds: one update per window of five seconds, three in all.
    assert.equal(updates.length, 3, `${updates.length} updates for 12 answers`);
    assert.match(updates.at(-1)!.text, /8 kommer · 4 frånvarande · 0 har inte svarat/);
  });
});
