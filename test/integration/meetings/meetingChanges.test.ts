import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { ManualClock } from '../../../src/clock';
import { ENGLISH_MEMBER, SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import type { Store } from '../../../src/store/types';
import { inputsOf } from '../../../src/cards/fillForm';
import { MeetingsBot, documentCount, linkOn, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

/** What a calendar does with the downloaded file: its zone, its times, its method and sequence. */
function importIcs(body: string): { start: string; end: string; method: string; sequence: number } {
  const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
  ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!), 'Europe/Stockholm');
  try {
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    return {
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      method: String(calendar.getFirstPropertyValue('method')),
      sequence: event.sequence,
    };
  } finally {
    ICAL.TimezoneService.remove('Europe/Stockholm');
  }
}

describe('a notice that changes: weekday warning, edits and cancellation in place, the .ics invitation', () => {
  const [anna, bo] = membersOf('lansledning', 2);
  const english = { ...ENGLISH_MEMBER, entry: { ...ENGLISH_MEMBER.entry, bodies: ['lansledning'] } };
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;
  let extraMeetingId: string;

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, anna!.entry, bo!.entry, english.entry], clock, store: store });
    await bot.install([anna!.user, bo!.user, english.user]);
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  async function download(url: string): Promise<{ status: number; type: string; body: string }> {
    const res = await fetch(`${bot.app.url}${new URL(url).pathname}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  it('a meeting on a Tuesday waits for the secretariat to confirm; nothing is stored or sent before', async () => {
    const warned = await bot.press(SECRETARY.user, 'meeting.create', octoberForm({ date: '2026-10-27' }));
    assert.match(warned.text, /Mötet är på en tisdag\. Fredagar är avsatta för samverkan/);
    assert.match(warned.text, /Jag bekräftar att mötet ska hållas en annan dag än fredag/);
    assert.match(warned.text, /Länsledning Välfärd, oktober/, 'what was entered is kept');
    assert.equal(await documentCount(store, 'none'), 0, 'no meeting exists yet');

    const confirmed = await bot.press(SECRETARY.user, 'meeting.create', octoberForm({ date: '2026-10-27', confirmNotFriday: 'true', title: 'Extra möte' }));
    assert.match(confirmed.text, /Kallelsen skickas till 3 ledamöter/);
    extraMeetingId = meetingIdOn(confirmed.card);
    await bot.idle(extraMeetingId);
    assert.equal(bot.seenBy(anna!.user, /^Kallelse$/m).length, 1);
  });

  it('the .ics invitation puts the last Friday of October at 09.00 Swedish winter time, and a June meeting at 09.00 summer time', async () => {
    meetingId = meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm())).card);
    await bot.idle(meetingId);
    const notice = bot.seenBy(anna!.user, /fredag 30 oktober 2026/)[0]!;
    const file = await download(linkOn(notice.card, /kalendern/));
    assert.equal(file.status, 200);
    assert.match(file.type, /^text\/calendar/);
    assert.deepEqual(importIcs(file.body), { start: '2026-10-30T08:00:00.000Z', end: '2026-10-30T11:00:00.000Z', method: 'PUBLISH', sequence: 0 });

    const june = await bot.press(SECRETARY.user, 'meeting.create', octoberForm({ date: '2027-06-11', rsvpDeadline: '', title: 'Juni' }));
    const juneFile = await download(linkOn((await bot.press(anna!.user, 'meeting.refresh', { meetingId: meetingIdOn(june.card) })).card, /kalendern/));
    assert.equal(importIcs(juneFile.body).start, '2027-06-11T07:00:00.000Z');
  });

  it('an edit reaches members as an update of the notice they have, keeping their answer; the .ics sequence goes up', async () => {
    await bot.press(anna!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    const form = await bot.press(SECRETARY.user, 'meeting.edit', { meetingId });
    assert.match(form.text, /Ändra kallelse/);
    const edited = await bot.press(SECRETARY.user, 'meeting.update', { ...octoberForm({ startTime: '10:00' }), meetingId, sequence: '0' });
    assert.match(edited.text, /Ändringen skickas; kallelsen uppdateras hos 3 ledamöter/);

    await bot.idle(meetingId);
    const thisMeeting = bot.seenBy(anna!.user, /Länsledning Välfärd, oktober/);
    assert.deepEqual(thisMeeting.map((s) => s.kind), ['new', 'update'], 'an update in place, not a second notice');
    const update = thisMeeting[1]!;
    const seen = update.text;
    assert.match(seen, /Ändrad kallelse/);
    assert.match(seen, /kl\. 10\.00–12\.00/);
    assert.match(seen, /Ditt svar: du kommer/);

    const file = await download(linkOn(update.card, /kalendern/));
    assert.deepEqual(importIcs(file.body), { start: '2026-10-30T09:00:00.000Z', end: '2026-10-30T11:00:00.000Z', method: 'PUBLISH', sequence: 1 });
  });

  it('an edit from a form opened on an older version is refused, and nothing is sent', async () => {
    const before = await documentCount(store, meetingId);
    const stale = await bot.press(SECRETARY.user, 'meeting.update', { ...octoberForm({ startTime: '13:00', endTime: '15:00' }), meetingId, sequence: '0' });
    assert.match(stale.text, /Kallelsen har ändrats sedan formuläret öppnades/);
    assert.equal(await documentCount(store, meetingId), before, 'nothing stored, nothing queued');
  });

  it('a member whose Teams is in English gets the notice in English, answers absent and reads the rule in English', async () => {
    const notices = bot.seenBy(english.user, /Friday 30 October 2026/);
    assert.deepEqual(notices.map((s) => s.kind), ['new', 'update']);
    assert.match(notices[1]!.text, /Changed meeting notice/);
    assert.match(notices[1]!.text, /at 10:00–12:00/);
    assert.match(notices[1]!.text, /I cannot attend/);
    const { text } = await bot.press(english.user, 'meeting.rsvp', { meetingId, response: 'absent', comment: 'My deputy will attend' });
    assert.match(text, /Absence recorded/);
    assert.match(text, /no substitute is sent/);
    assert.match(text, /Your comment named a substitute/);
    const refreshed = await bot.press(english.user, 'meeting.refresh', { meetingId });
    assert.match(refreshed.text, /Friday 30 October 2026 at 10:00–12:00/);
    assert.match(refreshed.text, /Your answer: you are absent/);
  });

  it('cancelling asks first, and for the reason the members read; without one the same card comes back and nothing changes', async () => {
    const asked = await bot.press(SECRETARY.user, 'meeting.cancelForm', { meetingId });
    assert.match(asked.text, /Vill du ställa in mötet\?/);
    assert.match(asked.text, /Det går inte att ångra/);
    const reason = inputsOf(asked.card).find((i) => i.id === 'reason');
    assert.equal(reason?.isRequired, true, 'Teams itself stops a press without a reason');
    assert.equal(reason?.maxLength, 500);

    const before = await documentCount(store, meetingId);
    const cardMessageId = 'cancel-card-1';
    const empty = await bot.press(SECRETARY.user, 'meeting.cancel', { meetingId, sequence: '1', reason: '   ' }, cardMessageId);
    assert.match(empty.text, /Vill du ställa in mötet\?/, 'the confirmation again, not an error card');
    assert.match(empty.text, /Anledning \(visas för ledamöterna\)\n(Till exempel[^\n]*\n)?Fyll i det här fältet\./, 'the problem beside the reason');
    assert.equal(await documentCount(store, meetingId), before, 'nothing stored, nothing queued');
  });

  it('a cancellation replaces the notice in place, stops the reminders, and the .ics says CANCEL', async () => {
    const press = () => bot.press(SECRETARY.user, 'meeting.cancel', { meetingId, sequence: '1', reason: 'För få kan delta.' }, 'cancel-card-2');
    const [first, second] = await Promise.all([press(), press()]);
    assert.match(first.text, /Mötet är inställt\. 3 ledamöter får beskedet/);
    assert.equal(second.text, first.text, 'a second press returns the first result');
    const later = await press();
    assert.equal(later.text, first.text);
    assert.match(first.text, /Mötet är inställt\. Skäl: För få kan delta\./, 'the status card says it is cancelled, and why');
    assert.doesNotMatch(first.text, /Ändrad kallelse|version \d/);
    await bot.idle(meetingId);
    const thisMeeting = bot.seenBy(bo!.user, /Länsledning Välfärd, oktober/);
    assert.deepEqual(thisMeeting.map((s) => s.kind), ['new', 'update', 'update'], 'the cancellation is an update in place');
    const seen = thisMeeting[2]!;
    assert.match(seen.text, /Mötet är inställt/);
    assert.match(seen.text, /Anledning: För få kan delta\./);
    assert.doesNotMatch(seen.text, /Jag kommer/);
    // Nothing that no longer applies: no "add to calendar", but the calendar entry can be taken away.
    assert.doesNotMatch(seen.text, /Lägg till i kalendern/);
    const file = await download(linkOn(seen.card, /Ta bort ur kalendern/));
    assert.deepEqual(importIcs(file.body), { start: '2026-10-30T09:00:00.000Z', end: '2026-10-30T11:00:00.000Z', method: 'CANCEL', sequence: 2 });

    const before = await documentCount(store, meetingId);
    const late = await bot.press(bo!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    assert.match(late.text, /Mötet är inställt, så inga svar tas emot/);
    assert.equal(await documentCount(store, meetingId), before);

    clock.set('2026-10-29T07:00:00Z');
    await bot.tick();
    await bot.idle(meetingId);
    await bot.idle(extraMeetingId);
    const reminders = bot.seenBy(bo!.user, /Påminnelse: läs handlingarna/).map((s) => s.text);
    assert.ok(reminders.some((r) => r.includes('Extra möte')), 'the other meeting’s reminder came due and was sent');
    assert.ok(!reminders.some((r) => r.includes('Länsledning Välfärd, oktober')), 'no reminder for the cancelled meeting');
  });
});
