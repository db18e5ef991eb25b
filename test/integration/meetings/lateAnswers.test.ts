import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import type { Store } from '../../../src/store/types';
import { MeetingsBot, documentCount, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

/** After the deadline an answer given stands, and a member who never answered may still give a first one until the start. */
describe('answers after the reply deadline', () => {
  const [anna, bo, cecilia] = membersOf('lansledning', 3);
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, anna!.entry, bo!.entry, cecilia!.entry], clock, store });
    meetingId = meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm())).card);
    await bot.press(anna!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    clock.set('2026-10-26T08:00:00Z'); // the deadline, 23 October, has passed; the meeting is on the 30th
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  it('registers a first answer and says so, without calling it an earlier one', async () => {
    const before = await documentCount(store, meetingId);
    const { text } = await bot.press(bo!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    assert.match(text, /Ditt svar är registrerat, fast svarstiden gick ut fredag 23 oktober 2026/);
    assert.doesNotMatch(text, /tidigare/);
    assert.match(text, /Ditt svar: du kommer/);
    assert.equal(await documentCount(store, meetingId), before + 1, 'the answer was written');
  });

  it('keeps a given answer: a change after the deadline is refused, naming the answer that stands', async () => {
    const before = await documentCount(store, meetingId);
    for (const user of [anna!.user, bo!.user]) {
      const { text } = await bot.press(user, 'meeting.rsvp', { meetingId, response: 'absent' });
      assert.match(text, /svaret kan inte ändras: det svar du redan har lämnat gäller/);
      assert.match(text, /Ditt svar: du kommer/);
      assert.doesNotMatch(text, /Jag kan inte komma/, 'no answer buttons for an answer that stands');
    }
    assert.equal(await documentCount(store, meetingId), before, 'nothing was written');
  });

  it('takes no first answer once the meeting has started', async () => {
    clock.set('2026-10-30T08:30:00Z');
    const before = await documentCount(store, meetingId);
    const { text } = await bot.press(cecilia!.user, 'meeting.rsvp', { meetingId, response: 'absent' });
    assert.match(text, /Mötet har redan börjat, så svar tas inte längre emot/);
    assert.equal(await documentCount(store, meetingId), before, 'nothing was written');
  });
});
