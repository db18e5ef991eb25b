import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { luhnValid } from '../../../src/privacy/identityNumbers';
import type { TestUser } from '../../support/activities';
import { SECRETARY, person } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import type { Store } from '../../../src/store/types';
import { MeetingsBot, documentCount, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

/** A personnummer with a valid check digit, made up for the test. */
function generatedPersonnummer(): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const nine = `${pad(40 + Math.floor(Math.random() * 50))}${pad(1 + Math.floor(Math.random() * 12))}${pad(1 + Math.floor(Math.random() * 28))}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const check = [...Array(10).keys()].find((d) => luhnValid(`${nine}${d}`))!;
  return `19${nine.slice(0, 6)}-${nine.slice(6)}${check}`;
}

describe('answers the bot refuses, with a clear card and nothing written', () => {
  const [anna, bo] = membersOf('lansledning', 2);
  const outsider = person('00000000-0000-4000-8000-000000000901', 'Vera Vuxna', 'ockelbo', ['utskott-vuxna'], ['member']);
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, anna!.entry, bo!.entry, outsider.entry], clock, store: store });
    meetingId = meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm())).card);
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  async function refusedWithoutWriting(user: TestUser, verb: string, data: object, expected: RegExp): Promise<string> {
    const before = await documentCount(store, meetingId);
    const { text } = await bot.press(user, verb, data);
    assert.match(text, expected);
    assert.equal(await documentCount(store, meetingId), before, 'nothing was written');
    return text;
  }

  it('an answer to a meeting that does not exist', async () => {
    await refusedWithoutWriting(anna!.user, 'meeting.rsvp', { meetingId: 'm-2026-10-30-ffffffffff', response: 'attend' }, /Mötet finns inte/);
  });

  it('an answer to a meeting of a body the member is not in', async () => {
    await refusedWithoutWriting(outsider.user, 'meeting.rsvp', { meetingId, response: 'attend' }, /inte kallad till det här mötet: det gäller Länsledning Välfärd/);
    await refusedWithoutWriting(outsider.user, 'meeting.read', { meetingId }, /inte kallad/);
  });

  it('a tampered card: an answer naming another member, a third kind of answer, a meeting id that is not one', async () => {
    // The member's own notice comes back, still answerable, saying the card held something it cannot take; never the field's name.
    const named = await refusedWithoutWriting(anna!.user, 'meeting.rsvp', { meetingId, response: 'attend', aadObjectId: bo!.user.aadObjectId }, /Det gick inte\. Inget har sparats\.\nKortet innehöll något som inte kunde tas emot[\s\S]*Jag kommer/);
    const third = await refusedWithoutWriting(anna!.user, 'meeting.rsvp', { meetingId, response: 'substitute' }, /Kortet innehöll något som inte kunde tas emot[\s\S]*Jag kommer/);
    const noMeeting = await refusedWithoutWriting(anna!.user, 'meeting.rsvp', { meetingId: '../m-2026', response: 'attend' }, /Mötet finns inte/);
    for (const text of [named, third, noMeeting]) assert.doesNotMatch(text, /aadObjectId|response|meetingId/);
  });

  it('a comment with a personal identity number, without echoing it', async () => {
    const number = generatedPersonnummer();
    const text = await refusedWithoutWriting(anna!.user, 'meeting.rsvp', { meetingId, response: 'absent', comment: `Gäller ${number}` }, /personnummer/);
    assert.ok(!text.includes(number));
  });

  it('secretariat actions pressed by a member', async () => {
    await refusedWithoutWriting(anna!.user, 'meeting.create', octoberForm({ title: 'Eget möte' }), /behörighet/);
    await refusedWithoutWriting(anna!.user, 'meeting.remind', { meetingId, kind: 'rsvp' }, /behörighet/);
    await refusedWithoutWriting(anna!.user, 'meeting.cancel', { meetingId }, /behörighet/);
    await refusedWithoutWriting(anna!.user, 'meeting.status', { meetingId }, /behörighet/);
  });

  it('an acknowledgement before the notes are out', async () => {
    await refusedWithoutWriting(anna!.user, 'meeting.followupAck', { meetingId }, /Anteckningarna från mötet är inte skickade än/);
  });

  it('an answer after the deadline, showing the answer that stands', async () => {
    await bot.press(anna!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    clock.set('2026-10-24T08:00:00Z');
    const text = await refusedWithoutWriting(anna!.user, 'meeting.rsvp', { meetingId, response: 'absent' }, /Svarstiden gick ut fredag 23 oktober 2026/);
    assert.match(text, /Ditt svar: du kommer/);
    assert.doesNotMatch(text, /Jag kan inte komma/, 'no answer buttons once the deadline has passed');
  });

  it('only ever records the answer of the person who pressed', async () => {
    const docs = await store.containers.meetings.query(meetingId, "c.type = 'rsvp'");
    assert.deepEqual(docs.items.map((d) => d.id), [`rsvp:${anna!.user.aadObjectId}`]);
  });
});
