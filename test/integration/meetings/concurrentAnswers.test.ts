import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { RsvpDoc } from '../../../src/features/meetings/model';
import { queryAll } from '../../../src/store/concurrency';
import { cardAction } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos } from '../../support/testApp';
import { MeetingsBot, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

describe('200 members pressing their answer at the same moment', () => {
  const members = membersOf('lansledning', 200, 1000);
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: Awaited<ReturnType<typeof startMemoryCosmos>>;
  let bot: MeetingsBot;

  before(async () => {
    cosmos = await startMemoryCosmos();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, store: cosmos.store });
  });
  after(async () => {
    await bot.stop();
    await cosmos.close();
  });

  it('records every answer, one per member, and the counts are exact', async () => {
    const meetingId = meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm())).card);
    const response = (i: number) => (i % 2 === 0 ? 'attend' : 'absent');
    // Everyone at once; the first 20 change their mind in the same instant (two presses racing on one document).
    const presses = [
      ...members.map((m, i) => ({ user: m.user, response: response(i) })),
      ...members.slice(0, 20).map((m, i) => ({ user: m.user, response: response(i + 1) })),
    ];
    const answers = await Promise.all(
      presses.map((p) => bot.app.post(cardAction(p.user, bot.place(), 'meeting.rsvp', { meetingId, response: p.response }))),
    );
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    assert.ok(answers.every((a) => /Ditt svar: du kommer|Frånvaro anmäld/.test(invokeText(a.body))), 'everyone sees their answer saved');

    const docs = await queryAll<RsvpDoc>(cosmos.store.containers.meetings, meetingId, "c.type = 'rsvp'");
    assert.equal(docs.length, 200);
    assert.deepEqual(new Set(docs.map((d) => d.aadObjectId)), new Set(members.map((m) => m.user.aadObjectId)));
    const changedTwice = docs.filter((d) => d.changes === 1).map((d) => d.aadObjectId).sort();
    assert.deepEqual(changedTwice, members.slice(0, 20).map((m) => m.user.aadObjectId).sort(), 'both racing presses were applied, one after the other');

    const attending = docs.filter((d) => d.response === 'attend').length;
    const status = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    assert.match(status.text, new RegExp(`${attending} kommer · ${200 - attending} frånvarande · 0 har inte svarat · 0 av 200 har läst`));
  });
});
