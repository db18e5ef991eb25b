import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { holidayOn, weekdayOf } from '../../../src/dates/holidays';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardsOf, cardText, invokeCard } from '../../support/cards';
import { ENGLISH_MEMBER, MEMBER_GAVLE, PREPARER, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { install, received } from '../../support/chat';

describe('the year plan', () => {
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const asSecretary = async (verb: string, data: object) => invokeCard((await bot.post(cardAction(SECRETARY.user, place(), verb, data))).body);
  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, bot.url);

  beforeEach(async () => {
    bot = await startTestApp({
      members: [SECRETARY.entry, MEMBER_GAVLE.entry, PREPARER.entry, ENGLISH_MEMBER.entry],
      clock: new ManualClock('2025-11-20T10:00:00+01:00'),
    });
    await install(bot, SECRETARY.user, MEMBER_GAVLE.user, PREPARER.user, ENGLISH_MEMBER.user);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const propose = (bodyId: string, intervalWeeks: number, firstDate: string) =>
    asSecretary('year.propose', { year: '2026', proposeBody: bodyId, intervalWeeks: String(intervalWeeks), firstDate, proposeStart: '09:00', proposeEnd: '12:00', skipJuly: 'true' });

  it('proposes Fridays that are not Swedish public holidays, and publishes them to every member with a calendar file', async () => {
    await bot.post(message(SECRETARY.user, place(), 'årsplan 2026'));
    const opened = await received(bot, SECRETARY.user, /Årsplan 2026/);
    assert.match(opened, /Årsplan 2026/);
    assert.match(opened, /Inga möten planerade än/);

    const draft = await propose('lansledning', 4, '2026-01-09');
    assert.match(cardText(draft), /Länsledning Välfärd\*\* · 12 möten/);
    assert.match(cardText(draft), /fre 10 apr\. \(flyttat från Långfredagen\) 09\.00–12\.00/);
    const weekly = await propose('beredningsorgan', 1, '2026-03-20');
    assert.doesNotMatch(cardText(weekly), /fre 3 apr\./, 'no meeting on Good Friday');
    assert.match(cardText(weekly), /fre 27 mars 09\.00–12\.00 · fre 10 apr\./);
    assert.equal(bot.connector.sent(personalConversationId(MEMBER_GAVLE.user)).length, 1, 'nothing but the welcome while drafting');

    const published = await asSecretary('year.publish', actionData(weekly, 'year.publish'));
    assert.match(cardText(published), /Årsplanen är publicerad och skickad till 4 medlemmar\./);
    const gustav = await received(bot, MEMBER_GAVLE.user, /Mötesplanen för 2026 är publicerad/);
    assert.match(gustav, /Dina organs möten/);
    assert.match(gustav, /Länsledning Välfärd/);
    assert.doesNotMatch(gustav, /Beredningsorgan/, 'a member sees the meetings of their own bodies');
    await received(bot, PREPARER.user, /Beredningsorgan/);
    await received(bot, SECRETARY.user, /Mötesplanen för 2026 är publicerad/);
    assert.match(await received(bot, ENGLISH_MEMBER.user, /Year plan 2026/), /Fri 10 Apr \(moved from Good Friday\)/);

    // The calendar file: every event on a Friday that is not a holiday, in Europe/Stockholm time.
    const sent = bot.connector.sent(personalConversationId(MEMBER_GAVLE.user)).flatMap((a) => cardsOf(a));
    const card = sent.find((c) => /Mötesplanen för 2026/.test(cardText(c)))!;
    const urls = ((card.actions ?? []) as { url?: string }[]).map((a) => a.url).filter((u): u is string => typeof u === 'string');
    const ics = await (await fetch(local(urls[0]!))).text();
    assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Stockholm/);
    const starts = [...ics.matchAll(/DTSTART;TZID=Europe\/Stockholm:(\d{4})(\d{2})(\d{2})T090000/g)].map((m) => `${m[1]}-${m[2]}-${m[3]}`);
    assert.equal(starts.length, 12, 'Gustav gets the twelve Länsledning meetings');
    for (const date of starts) {
      assert.equal(weekdayOf(date), 5, `${date} is a Friday`);
      assert.equal(holidayOn(date), undefined, `${date} is not a holiday`);
    }
    assert.ok(!starts.includes('2026-04-03'));
    const all = await (await fetch(local(urls[1]!))).text();
    assert.ok([...all.matchAll(/BEGIN:VEVENT/g)].length > 12, 'the whole plan holds both bodies');
  });

  it('warns before a meeting on another day than Friday, and adds it only when the secretariat confirms', async () => {
    await propose('lansledning', 8, '2026-01-09');
    const warned = await asSecretary('year.addDate', { year: '2026', bodyId: 'lansledning', add_lansledning: '2026-03-12', addStart_lansledning: '10:00', addEnd_lansledning: '15:00' });
    assert.match(cardText(warned), /torsdag/);
    assert.match(cardText(warned), /fredagar för samverkan/);
    const before = await asSecretary('year.open', { year: 2026 });
    assert.doesNotMatch(cardText(before), /tors 12 mars/);

    const added = await asSecretary('year.addDate', actionData(warned, 'year.addDate'));
    assert.match(cardText(added), /tors 12 mars 10\.00–15\.00/);
  });

  it('asks members who are not in the secretariat to leave the plan alone', async () => {
    const res = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'year.propose', { year: '2026', proposeBody: 'lansledning', intervalWeeks: '4', firstDate: '2026-01-09', proposeStart: '09:00', proposeEnd: '12:00' }));
    assert.match(cardText(invokeCard(res.body)), /inte behörighet/);
    assert.equal(await bot.store.containers.directory.read('yearplan', '2026'), undefined);
  });
});
