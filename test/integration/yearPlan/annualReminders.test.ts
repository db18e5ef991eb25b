import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction, message } from '../../support/activities';
import { cardText, invokeCard } from '../../support/cards';
import { person, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { countShown, deliveryTickedByTest, install, received, tick } from '../../support/chat';

const CHAIR = person('00000000-0000-4000-8000-000000000061', 'Carin Chair', 'region-gavleborg', ['lansledning'], ['chair', 'member']);
const VUXNA = person('00000000-0000-4000-8000-000000000062', 'Vera Vuxna', 'ljusdal', ['utskott-vuxna'], ['member']);
const BARN = person('00000000-0000-4000-8000-000000000063', 'Bo Barn', 'ockelbo', ['utskott-barn-unga'], ['member']);

describe('yearly reminders of the annual cycle', () => {
  let bot: TestApp;
  let clock: ManualClock;
    const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const queued = async (item: string) =>
    (await bot.store.containers.directory.query('annual', "c.type = 'delivery' AND STARTSWITH(c.batchId, @prefix)", { prefix: `year-reminder:${item}:` })).items.length;

  beforeEach(async () => {
    clock = new ManualClock('2025-11-20T10:00:00+01:00');
    bot = await startTestApp({ members: [SECRETARY.entry, CHAIR.entry, VUXNA.entry, BARN.entry], delivery: deliveryTickedByTest(), clock });
    await install(bot, SECRETARY.user, CHAIR.user, VUXNA.user, BARN.user);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("reminds the secretariat and the chair of the action plan two weeks ahead, at 08:00, without anyone setting it up", async () => {
    clock.set('2025-12-01T06:59:00Z');
    await tick(bot);
    assert.equal(await queued('actionPlan'), 0, 'not before 08:00 Swedish time');
    clock.set('2025-12-01T07:00:00Z');
    await tick(bot);
    const text = await received(bot, CHAIR.user, /Årshjulet: Länsledningens handlingsplan/);
    assert.match(text, /Senast 15 december 2025/);
    await received(bot, SECRETARY.user, /Årshjulet: Länsledningens handlingsplan/);
    assert.equal(countShown(bot, VUXNA.user, /Årshjulet/), 0);
  });

  it('reminds each committee of its activity plan, and schedules next year when it has run', async () => {
    clock.set('2026-10-17T06:00:00Z');
    await tick(bot);
    assert.match(await received(bot, VUXNA.user, /Årshjulet: Utskottens aktivitetsplaner följs upp/), /Utskott vuxna ska följa upp sin aktivitetsplan\.[\s\S]*Senast 31 oktober 2026/);
    assert.match(await received(bot, BARN.user, /Årshjulet: Utskottens aktivitetsplaner följs upp/), /Utskott barn och unga ska följa upp/);
    await received(bot, SECRETARY.user, /Utskott vuxna ska följa upp/);
    await received(bot, SECRETARY.user, /Utskott barn och unga ska följa upp/);
    assert.equal(countShown(bot, CHAIR.user, /aktivitetsplan/), 0);

    clock.set('2027-10-17T06:00:00Z');
    await tick(bot);
    await received(bot, VUXNA.user, /Senast 31 oktober 2027/);
  });

  it('lets the secretariat change the dates; the reminder then follows the new date only', async () => {
    await bot.post(message(SECRETARY.user, place(), 'årshjul'));
    const card = await received(bot, SECRETARY.user, /Årshjulets påminnelser/);
    assert.match(card, /02-28/);

    const dates = { date_agreementReview: '03-31', date_activityPlanDecided: '02-28', date_activityPlanFollowUp: '10-31', date_activityPlanReport: '11-30', date_actionPlan: '12-15' };
    const saved = invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.settingsSave', { ...dates, leadDays: '7' }))).body);
    assert.match(cardText(saved), /Datumen är sparade/);

    clock.set('2026-02-14T07:00:00Z');
    await tick(bot);
    assert.equal(await queued('agreementReview'), 0, 'the old date sends nothing');
    clock.set('2026-03-24T07:00:00Z');
    await tick(bot);
    assert.match(await received(bot, CHAIR.user, /Överenskommelsen följs upp och revideras/), /Senast 31 mars 2026/);

    const refused = invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.settingsSave', { ...dates, date_actionPlan: '02-30', leadDays: '7' }))).body);
    assert.match(cardText(refused), /Länsledningens handlingsplan utifrån välfärdsstrategin: ange månad och dag/);
  });

  it('"skall, revideras och följas upp årligen": the secretariat records the year\'s follow-up (when, by whom, the minutes) and that year\'s reminder is not sent', async () => {
    const press = async (data: object) => cardText(invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.followUp', data))).body));
    const refused = await press({ year: '2026', doneOn: '2026-01-10', minutesUrl: 'protokollet', note: 'Internat i Bollnäs' });
    assert.match(refused, /Inget har sparats/);
    assert.match(refused, /Ange en webbadress som börjar med https:\/\//);
    assert.match(refused, /Internat i Bollnäs/, 'what was typed is kept');
    clock.set('2026-01-12T10:00:00Z');
    const saved = await press({ year: '2026', doneOn: '2026-01-10', minutesUrl: 'https://example.se/protokoll.pdf', note: '' });
    assert.match(saved, /Uppföljningen 2026: gjord 10 januari 2026, införd av Sara Sekreterare\./);

    clock.set('2026-02-14T07:00:00Z');
    await tick(bot);
    assert.equal(await queued('agreementReview'), 0, 'no reminder for a year whose follow-up is recorded');
    assert.ok((await queued('activityPlanDecided')) > 0, 'the other reminders of the day go out');
  });

  it('"Fördela omkostnader i samband med möten mellan region Gävleborg och kommunerna årligen": the division of meeting costs has its place in the annual cycle', async () => {
    clock.set('2026-01-17T07:00:00Z');
    await tick(bot);
    const text = await received(bot, SECRETARY.user, /Årshjulet: Mötesomkostnaderna fördelas/);
    assert.match(text, /fördelas årligen mellan Region Gävleborg och kommunerna, som parterna beslutar/);
    assert.match(text, /Senast 31 januari 2026/);
  });
});
