import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardSubmit, personalConversationId } from '../../support/activities';
import { cardText, cardsOf } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import type { Store } from '../../../src/store/types';
import { MeetingsBot, linkOn, meetingIdOn, membersOf, octoberForm } from './meetingsHarness';

describe('the secretariat follows a meeting', () => {
  const members = membersOf('lansledning', 6, 300);
  const [regionA, bollnasA, gavleA, hoforsA] = members;
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, store: store });
    await bot.install(members.map((m) => m.user));
    meetingId = meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm())).card);
    await bot.press(regionA!.user, 'meeting.rsvp', { meetingId, response: 'attend' });
    await bot.press(bollnasA!.user, 'meeting.rsvp', { meetingId, response: 'absent', comment: 'Vikarie från förvaltningen kommer' });
    await bot.press(gavleA!.user, 'meeting.rsvp', { meetingId, response: 'absent', comment: 'Semester' });
    await bot.press(regionA!.user, 'meeting.read', { meetingId });
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  it('“möte” lists upcoming meetings: all of them for the secretariat, a member’s own with their answer', async () => {
    await bot.say(SECRETARY.user, 'möte');
    const secretariatList = bot.seenBy(SECRETARY.user, /^Kommande möten$/m).at(-1)?.text ?? '';
    assert.match(secretariatList, /Kommande möten/);
    assert.match(secretariatList, /Länsledning Välfärd, oktober/);
    assert.match(secretariatList, /Ny kallelse/);

    await bot.say(regionA!.user, 'möte');
    const memberList = bot.seenBy(regionA!.user, /^Kommande möten$/m).at(-1)?.text ?? '';
    assert.match(memberList, /Ditt svar: du kommer/);
    assert.doesNotMatch(memberList, /Ny kallelse/);
  });

  it('the status card counts per party and names who has not answered and who has read', async () => {
    const { card, text } = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    assert.match(text, /1 kommer · 2 frånvarande · 3 har inte svarat · 1 av 6 har läst/);
    const rows = JSON.stringify(card);
    assert.ok(rows.indexOf('Region Gävleborg') < rows.indexOf('Bollnäs kommun'), 'parties in the agreement’s order');
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(`**${label}`)) ?? '';
    assert.ok(line('Har inte svarat').includes(hoforsA!.entry.name));
    assert.ok(!line('Har inte svarat').includes(regionA!.entry.name));
    assert.ok(line('Har läst').includes(regionA!.entry.name));
    assert.match(text, /1 ledamot nämnde en ersättare/);
  });

  it('exports the answers as CSV with party, answer and read mark', async () => {
    const { card } = await bot.press(SECRETARY.user, 'meeting.status', { meetingId });
    const res = await fetch(`${bot.app.url}${new URL(linkOn(card, /CSV/)).pathname}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /\.csv"/);
    const csv = await res.text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'Part;Namn;E-post;Svar;Kommentar;Nämnde ersättare;Svarade;Läst handlingarna;Kvitterat anteckningar');
    assert.equal(lines.length, 7);
    const bollnas = lines.find((l) => l.includes(bollnasA!.entry.name))!;
    assert.match(bollnas, /^Bollnäs kommun;.*;frånvarande;;ja;/, 'the substitute is not in the export, only that one was named');
    assert.match(lines.find((l) => l.includes(regionA!.entry.name))!, /;kommer;;nej;torsdag 1 oktober 2026 kl\. 10\.00;torsdag 1 oktober 2026 kl\. 10\.00;$/);
  });

  it('reminds those who have not answered, and nobody twice on the same day', async () => {
    const first = await bot.press(SECRETARY.user, 'meeting.remind', { meetingId, kind: 'rsvp' });
    assert.match(first.text, /Påminnelsen skickas till 3 personer\./);
    const reminded = () => members.map((m) => bot.seenBy(m.user, /Påminnelse: svara på kallelsen/).length);
    await bot.idle(meetingId);
    assert.deepEqual(reminded(), [0, 0, 0, 1, 1, 1], 'only those who have not answered');

    const again = await bot.press(SECRETARY.user, 'meeting.remind', { meetingId, kind: 'rsvp' });
    assert.match(again.text, /redan fått den här påminnelsen i dag/);
    await bot.idle(meetingId);
    assert.deepEqual(reminded(), [0, 0, 0, 1, 1, 1]);
  });

  it('“nytt möte” opens the form in the chat, and the plain card works without a task module', async () => {
    await bot.say(SECRETARY.user, 'nytt möte');
    const form = bot.app.connector.sent(personalConversationId(SECRETARY.user)).at(-1)!;
    const formText = cardText(cardsOf(form)[0]);
    assert.match(formText, /Ny kallelse/);
    assert.match(formText, /Påminnelse om handlingarna: arbetsdagar före mötet/);

    const formMessageId = 'form-message-1';
    await bot.app.post(cardSubmit(SECRETARY.user, bot.place(), 'meeting.create', octoberForm({ title: 'Utskott vuxna, november', date: '2026-11-13', rsvpDeadline: '' }), formMessageId));
    const update = bot.app.connector.updates(personalConversationId(SECRETARY.user)).at(-1)!;
    assert.equal(update.activityId, formMessageId, 'the form turns into the status card in place');
    const status = cardText(cardsOf(update.body)[0]);
    assert.match(status, /Kallelsen skickas till 6 ledamöter/);
    assert.match(status, /Utskott vuxna, november/);
  });

  it('help shows the meeting commands the person may use', async () => {
    const help = (user: typeof SECRETARY.user) => bot.seenBy(user, /^Det här kan du göra$/m).at(-1)?.text ?? '';
    await bot.say(SECRETARY.user, 'hjälp');
    assert.match(help(SECRETARY.user), /nytt möte/);
    await bot.say(hoforsA!.user, 'hjälp');
    assert.match(help(hoforsA!.user), /^möte$/m);
    assert.doesNotMatch(help(hoforsA!.user), /nytt möte/);
  });
});
