import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { RsvpDoc } from '../../../src/features/meetings/model';
import { queryAll } from '../../../src/store/concurrency';
import { cardAction } from '../../support/activities';
import { cardText, invokeCard, invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';
import { meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

// What is under test is how answers are stored, so the outbox only records here (the notices to 200
// members are the delivery tests' concern); the meeting cycle tests run the real outbox and scheduler.
describe('200 members pressing their answer at the same moment @slow', function () {
  this.timeout(120_000);
  const members = membersOf('lansledning', 200, 1000);
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });

  before(async () => {
    bot = await startTestApp({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, delivery: recordingDelivery() });
  });
  after(async () => {
    await bot.stop();
  });

  it('records every answer, one per member, and the counts are exact', async () => {
    const created = await bot.post(cardAction(SECRETARY.user, place(), 'meeting.create', octoberForm()));
    const meetingId = meetingIdOn(invokeCard(created.body));
    const response = (i: number) => (i % 2 === 0 ? 'attend' : 'absent');
    // Everyone at once; the first 20 change their mind in the same instant (two presses racing on one document).
    const presses = [
      ...members.map((m, i) => ({ user: m.user, response: response(i) })),
      ...members.slice(0, 20).map((m, i) => ({ user: m.user, response: response(i + 1) })),
    ];
    const answers = await Promise.all(presses.map((p) => bot.post(cardAction(p.user, place(), 'meeting.rsvp', { meetingId, response: p.response }))));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    assert.ok(answers.every((a) => /Ditt svar: du kommer|Frånvaro anmäld/.test(invokeText(a.body))), 'everyone sees their answer saved');

    const docs = await queryAll<RsvpDoc>(bot.store.containers.meetings, meetingId, "c.type = 'rsvp'");
    assert.equal(docs.length, 200);
    assert.deepEqual(new Set(docs.map((d) => d.aadObjectId)), new Set(members.map((m) => m.user.aadObjectId)));
    const changedTwice = docs.filter((d) => d.changes === 1).map((d) => d.aadObjectId).sort();
    assert.deepEqual(changedTwice, members.slice(0, 20).map((m) => m.user.aadObjectId).sort(), 'both racing presses were applied, one after the other');

    const attending = docs.filter((d) => d.response === 'attend').length;
    const status = await bot.post(cardAction(SECRETARY.user, place(), 'meeting.status', { meetingId }));
    assert.match(cardText(invokeCard(status.body)), new RegExp(`${attending} kommer · ${200 - attending} frånvarande · 0 har inte svarat · 0 av 200 har läst`));
  });
});
