import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { MeetingDoc, ReadDoc } from '../../../src/features/meetings/model';
import { queryAll } from '../../../src/store/concurrency';
import type { Doc, Store } from '../../../src/store/types';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { MeetingsBot, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

describe('a member’s answer and read mark', () => {
  const members = membersOf('lansledning', 3, 700);
  const [first, second, third] = members;
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, store });
    await bot.install(members.map((m) => m.user));
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  const createMeeting = async (overrides: Record<string, string>) => meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm(overrides))).card);
  const ownDocuments = async (meetingId: string, aadObjectId: string) =>
    (await queryAll<Doc & { aadObjectId?: string }>(store.containers.meetings, meetingId, '')).filter((d) => d.aadObjectId === aadObjectId).map((d) => d.id);

  it('keeps both in one document: read first, then answered, the card and the status show both', async () => {
    const meetingId = await createMeeting({ title: 'Läsning först' });
    const read = await bot.press(first!.user, 'meeting.read', { meetingId });
    assert.match(read.text, /markerat handlingarna som lästa/);
    const answered = await bot.press(first!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    assert.match(answered.text, /Du har läst handlingarna/, 'the read mark is still shown after the answer');
    assert.doesNotMatch(answered.text, /Jag har läst handlingarna/);
    await bot.press(second!.user, 'meeting.rsvp', { meetingId, response: 'absent', comment: 'Semester' });
    await bot.press(second!.user, 'meeting.read', { meetingId });
    const again = await bot.press(second!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    assert.match(again.text, /Du har läst handlingarna/, 'a changed answer keeps the read mark');

    assert.deepEqual(await ownDocuments(meetingId, first!.user.aadObjectId), [`rsvp:${first!.user.aadObjectId}`]);
    assert.deepEqual(await ownDocuments(meetingId, second!.user.aadObjectId), [`rsvp:${second!.user.aadObjectId}`]);
    const { text } = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    assert.match(text, /2 kommer · 0 frånvarande · 1 har inte svarat · 2 av 3 har läst/);
  });

  it('a member who has only read counts as read and not as an answer', async () => {
    const meetingId = await createMeeting({ title: 'Bara läst' });
    await bot.press(third!.user, 'meeting.read', { meetingId });
    const { text } = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    assert.match(text, /0 kommer · 0 frånvarande · 3 har inte svarat · 1 av 3 har läst/);
  });

  it('reads the read marks of a meeting kept before they moved into the answer', async () => {
    const meetingId = await createMeeting({ title: 'Äldre möte' });
    // The meeting as an earlier version stored it: no `readMarks`, each read mark a document of its own.
    const stored = (await store.containers.meetings.read<MeetingDoc>(meetingId, meetingId))!;
    const { readMarks: _shape, _etag, ...older } = stored;
    await store.containers.meetings.replace(older, _etag);
    const who = first!.entry;
    const mark: ReadDoc = { id: `read:${who.aadObjectId}`, pk: meetingId, type: 'read', aadObjectId: who.aadObjectId, name: who.name, partyId: who.partyId, readAt: clock.now().toISOString() };
    await store.containers.meetings.create(mark);
    await bot.restart();

    const answered = await bot.press(first!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    assert.match(answered.text, /Du har läst handlingarna/);
    const pressedAgain = await bot.press(first!.user, 'meeting.read', { meetingId });
    assert.match(pressedAgain.text, /Du har läst handlingarna/);
    await bot.press(second!.user, 'meeting.read', { meetingId });
    assert.ok((await ownDocuments(meetingId, second!.user.aadObjectId)).includes(`read:${second!.user.aadObjectId}`), 'an older meeting keeps its shape');
    const { text } = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    assert.match(text, /1 kommer · 0 frånvarande · 2 har inte svarat · 2 av 3 har läst/);
  });
});
