import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ManualClock } from '../../../src/clock';
import type { MeetingDoc } from '../../../src/features/meetings/model';
import { containsIdentityNumber, luhnValid } from '../../../src/privacy/identityNumbers';
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

  it("a refused form of a meeting whose id reads as an identity number comes back as the form, not as 'no such meeting'", async () => {
    // About one meeting in two hundred: the id's hex part starts with digits that, after the date, pass as a number.
    const cardMessageId = [...Array(5000).keys()].map((i) => `card-number-like-${i}`).find((id) => containsIdentityNumber(`m-2026-11-27-${createHash('sha256').update(id).digest('hex').slice(0, 10)}`));
    assert.ok(cardMessageId, 'a form card whose meeting id reads as a number');
    const numberLike = meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm({ date: '2026-11-27', rsvpDeadline: '2026-11-20' }), cardMessageId)).card);
    assert.ok(containsIdentityNumber(numberLike), numberLike);
    const long = await bot.press(anna!.user, 'meeting.rsvp', { meetingId: numberLike, response: 'attend', comment: 'Lång text. '.repeat(50) });
    assert.doesNotMatch(long.text, /Mötet finns inte/);
    assert.match(long.text, /Jag kommer/, 'the notice comes back, still answerable');
    const cancel = await bot.press(SECRETARY.user, 'meeting.cancel', { meetingId: numberLike, reason: '' });
    assert.doesNotMatch(cancel.text, /Mötet finns inte/);
    assert.match(cancel.text, /Vill du ställa in mötet\?/, 'the cancellation form comes back');
    assert.equal((await store.containers.meetings.read<MeetingDoc>(numberLike, numberLike))?.status, 'scheduled', 'not cancelled');
  });

  it('only ever records the answer of the person who pressed', async () => {
    const docs = await store.containers.meetings.query(meetingId, "c.type = 'rsvp'");
    assert.deepEqual(docs.items.map((d) => d.id), [`rsvp:${anna!.user.aadObjectId}`]);
  });
});
