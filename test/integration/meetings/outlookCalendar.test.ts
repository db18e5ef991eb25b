import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { RsvpDoc } from '../../../src/features/meetings/model';
import { rsvpId } from '../../../src/features/meetings/model';
import type { Store } from '../../../src/store/types';
import { personalConversationId } from '../../support/activities';
import { FakeGraph } from '../../support/fakeGraph';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { MeetingsBot, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

const ORGANIZER = 'lansledning@region.example';
/** The form card's message: a second press on it is the same meeting. */
const FORM_MESSAGE = 'form-card-message-1';

describe('meetings in Outlook calendars through Microsoft Graph (a fake Graph)', () => {
  const [anna, bo, cecilia] = membersOf('lansledning', 3);
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let graph: FakeGraph;
  let bot: MeetingsBot;
  let meetingId: string;
  let eventId: string;

  before(async () => {
    graph = await new FakeGraph().start();
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({
      members: [SECRETARY.entry, anna!.entry, bo!.entry, cecilia!.entry],
      clock,
      store,
      env: { ...graph.env(ORGANIZER), PUBLIC_BASE_URL: 'https://lansledning-bot.example' },
    });
    graph.deliverTo(bot.app.url);
    await bot.install([SECRETARY.user, anna!.user, bo!.user, cecilia!.user]);
  });
  after(async () => {
    await bot.stopAll();
    await graph.stop();
    await cosmos.close();
  });

  const rsvpOf = (aadObjectId: string) => store.containers.meetings.read<RsvpDoc>(meetingId, rsvpId(aadObjectId));
  const status = async () => (await bot.press(SECRETARY.user, 'meeting.status', { meetingId })).text;
  /** Runs the due jobs until none is left (a job may schedule another). */
  async function runJobs(): Promise<void> {
    for (let i = 0; i < 4; i++) await bot.tick();
  }

  it('subscribes to the organizer\'s events at start, answering Graph\'s validation handshake', async () => {
    await runJobs();
    const [subscription, ...others] = [...graph.subscriptions.values()];
    assert.equal(others.length, 0);
    assert.equal(subscription!.notificationUrl, 'https://lansledning-bot.example/api/graph/notifications');
    assert.equal(subscription!.resource, `users/${ORGANIZER}/events`);
    assert.ok(subscription!.clientState.length >= 32, 'a secret of its own, checked on every notification');
  });

  it('meeting.create makes one event with the invitees and a Teams meeting, retried after a 429, and the notice carries its join link', async () => {
    graph.throttle({ status: 429, retryAfterSec: 1, path: /^POST .*\/events$/ });
    const form = octoberForm({ onlineUrl: '' });
    const created = await bot.press(SECRETARY.user, 'meeting.create', form, FORM_MESSAGE);
    meetingId = meetingIdOn(created.card);
    assert.match(created.text, /Teams-mötet och inbjudan skapas i Outlook/);
    assert.equal(bot.seenBy(anna!.user, /^Kallelse$/m).length, 0, 'the notice waits for the Teams link');

    await runJobs();
    await bot.idle(meetingId);
    const event = graph.onlyEvent();
    eventId = event.id;
    assert.deepEqual(event.attendees.map((a) => a.emailAddress.address).sort(), [anna!.entry.email, bo!.entry.email, cecilia!.entry.email].sort());
    assert.equal(event.isOnlineMeeting, true);
    const posts = graph.graphCalls('POST', /\/events$/);
    assert.deepEqual(posts.map((p) => p.status), [429, 201], 'throttled once, then created: one event');
    assert.ok(posts[1]!.at - posts[0]!.at >= 1_000, `tried again after Retry-After (${posts[1]!.at - posts[0]!.at} ms)`);

    const notice = bot.seenBy(anna!.user, /^Kallelse$/m);
    assert.equal(notice.length, 1);
    assert.ok(JSON.stringify(notice[0]!.card).includes(`[Anslut digitalt](${event.onlineMeeting!.joinUrl})`), 'the join link from the event');
    assert.match(notice[0]!.text, /kalendern följer kortet/);
    assert.match(await status(), /inbjudan med Teams-möte finns i ledamöternas Outlook/);

    await bot.press(SECRETARY.user, 'meeting.create', form, FORM_MESSAGE);
    await runJobs();
    assert.equal(graph.events.size, 1, 'a second press of the same form makes no second event');
  });

  it('a decline in Outlook shows as absent on the status card; the same notification again changes nothing', async () => {
    clock.advance(3_600_000);
    assert.deepEqual(await graph.answer(eventId, anna!.entry.email, 'declined', clock.now()), [202]);
    await runJobs();
    assert.match(await status(), new RegExp(`Frånvarande:\\*\\* ${anna!.entry.name}`));
    const first = await rsvpOf(anna!.entry.aadObjectId);
    assert.equal(first?.response, 'absent');
    assert.equal(first?.via, 'calendar');

    assert.deepEqual(await graph.notifyChange(eventId, 'updated'), [202]);
    await runJobs();
    const again = await rsvpOf(anna!.entry.aadObjectId);
    assert.equal(again?._etag, first?._etag, 'the answer document was not written again');
  });

  it('an accept counts as attending; tentative stays not answered and the secretariat is told once', async () => {
    clock.advance(60_000);
    await graph.answer(eventId, bo!.entry.email, 'accepted', clock.now());
    await graph.answer(eventId, cecilia!.entry.email, 'tentativelyAccepted', clock.now());
    await runJobs();
    await bot.idle(meetingId);
    assert.equal((await rsvpOf(bo!.entry.aadObjectId))?.response, 'attend');
    assert.equal(await rsvpOf(cecilia!.entry.aadObjectId), undefined);
    const text = await status();
    assert.match(text, new RegExp(`Har inte svarat:\\*\\* ${cecilia!.entry.name}`));
    assert.match(text, new RegExp(`${cecilia!.entry.name} svarade preliminärt`));
    await graph.notifyChange(eventId, 'updated');
    await runJobs();
    await bot.idle(meetingId);
    const told = bot.seenIn(personalConversationId(SECRETARY.user)).filter((s) => /Preliminärt svar i Outlook/.test(s.text));
    assert.equal(told.length, 1);
  });

  it('an invitation forwarded to someone not invited is not the party\'s attendance, and the secretariat is told', async () => {
    await graph.forward(eventId, { email: 'kim.kollega@gavle.example', name: 'Kim Kollega' });
    await runJobs();
    await bot.idle(meetingId);
    const told = bot.seenIn(personalConversationId(SECRETARY.user)).filter((s) => /Vidarebefordrad kallelse/.test(s.text));
    assert.equal(told.length, 1);
    assert.match(told[0]!.text, /Kim Kollega \(kim\.kollega@gavle\.example\), som inte är kallad/);
  });

  it('a card answer counts over an older answer in Outlook, and a later notification does not undo it', async () => {
    clock.advance(60_000);
    const answered = await bot.press(anna!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    assert.match(answered.text, /kalendern följer kortet/);
    await graph.notifyChange(eventId, 'updated');
    await runJobs();
    assert.equal((await rsvpOf(anna!.entry.aadObjectId))?.response, 'attend');
  });

  it('a notification with the wrong clientState changes nothing', async () => {
    const subscription = [...graph.subscriptions.values()][0]!;
    graph.onlyEvent().attendees.find((a) => a.emailAddress.address === anna!.entry.email)!.status = { response: 'declined', time: clock.now().toISOString() };
    const forged = {
      value: [{ subscriptionId: subscription.id, clientState: 'guessed', changeType: 'updated', resource: `Users/x/Events/${eventId}`, resourceData: { id: eventId } }],
    };
    assert.equal(await graph.postRaw(subscription.notificationUrl, forged), 202);
    assert.equal(await graph.postRaw(subscription.notificationUrl, { something: 'else' }), 400);
    await bot.tick();
    assert.equal((await rsvpOf(anna!.entry.aadObjectId))?.response, 'attend');
  });

  it('an edit updates the event and a cancellation cancels it with the reason', async () => {
    await bot.press(SECRETARY.user, 'meeting.update', { ...octoberForm({ onlineUrl: '', title: 'Länsledning Välfärd, flyttat', startTime: '10:00' }), meetingId, sequence: '0' });
    await runJobs();
    assert.equal(graph.onlyEvent().subject, 'Länsledning Välfärd, flyttat');
    assert.equal(graph.onlyEvent().start.dateTime, '2026-10-30T10:00:00');
    assert.equal(graph.onlyEvent().updates, 1);

    await bot.press(SECRETARY.user, 'meeting.cancel', { meetingId, reason: 'För få kan delta.' });
    await runJobs();
    assert.equal(graph.onlyEvent().isCancelled, true);
    assert.equal(graph.onlyEvent().cancelComment, 'För få kan delta.');
    assert.equal(graph.graphCalls('POST', /\/cancel$/).length, 1, 'cancelled once');
  });

  it('lifecycle notifications: reauthorization is answered, a removed subscription is made again', async () => {
    const first = [...graph.subscriptions.values()][0]!;
    assert.equal(await graph.lifecycle(first.id, 'reauthorizationRequired'), 202);
    await runJobs();
    assert.equal(graph.graphCalls('POST', /\/reauthorize$/).length, 1);
    assert.equal(await graph.lifecycle(first.id, 'subscriptionRemoved'), 202);
    await runJobs();
    assert.equal(graph.subscriptions.size, 1);
    assert.notEqual([...graph.subscriptions.values()][0]!.id, first.id);
  });

  it('renews the subscription before it expires', async () => {
    const subscription = [...graph.subscriptions.values()][0]!;
    const expiresAt = Date.parse(subscription.expirationDateTime);
    const renewals = () => graph.graphCalls('PATCH', /^\/v1\.0\/subscriptions\//).length;
    const before = renewals();
    clock.set(new Date(expiresAt - 2 * 86_400_000));
    await runJobs();
    assert.equal(renewals(), before + 1);
    assert.ok(Date.parse(subscription.expirationDateTime) > expiresAt + 4 * 86_400_000, 'about a week from now again');
    clock.advance(3_600_000);
    await runJobs();
    assert.equal(renewals(), before + 1, 'renewed once, not on every run');
  });
});
