import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { cardsOf, cardText, invokeCard } from '../../support/cards';
import { person, SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';
import { newRecord, recipientIds, runJob, textFor, type Recorded } from './helpers';

const CHAIR = person('00000000-0000-4000-8000-000000000061', 'Carin Chair', 'region-gavleborg', ['lansledning'], ['chair', 'member']);
const VUXNA = person('00000000-0000-4000-8000-000000000062', 'Vera Vuxna', 'ljusdal', ['utskott-vuxna'], ['member']);
const BARN = person('00000000-0000-4000-8000-000000000063', 'Bo Barn', 'ockelbo', ['utskott-barn-unga'], ['member']);

describe('yearly reminders of the annual cycle', () => {
  let bot: TestApp;
  let record: Recorded;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const jobsOf = (item: string) => record.jobs.filter((j) => j.kind === 'year.reminder' && (j.payload as { item: string }).item === item);

  beforeEach(async () => {
    record = newRecord();
    bot = await startTestApp({
      members: [SECRETARY.entry, CHAIR.entry, VUXNA.entry, BARN.entry],
      delivery: recordingDelivery(record),
      clock: new ManualClock('2025-11-20T10:00:00+01:00'),
    });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('schedules every yearly reminder from the start, two weeks before each date, at 08:00 Swedish time', () => {
    assert.equal(jobsOf('actionPlan')[0]!.runAt.toISOString(), '2025-12-01T07:00:00.000Z');
    assert.equal(jobsOf('agreementReview')[0]!.runAt.toISOString(), '2026-02-14T07:00:00.000Z');
    assert.equal(jobsOf('activityPlanReport')[0]!.runAt.toISOString(), '2026-11-16T07:00:00.000Z', "this year's date has passed: next year's");
  });

  it("reminds each committee of its activity plan, and the secretariat and the chair of the agreement's revision", async () => {
    await runJob(record, jobsOf('activityPlanFollowUp')[0]!);
    const vuxna = record.batches.find((b) => b.batchId.endsWith(':utskott-vuxna'))!;
    assert.deepEqual(recipientIds(vuxna), [SECRETARY.entry.aadObjectId, VUXNA.entry.aadObjectId].sort());
    assert.match(textFor(vuxna, VUXNA.entry.aadObjectId), /Utskott vuxna ska följa upp sin aktivitetsplan/);
    assert.match(textFor(vuxna, VUXNA.entry.aadObjectId), /Senast 31 oktober 2026/);
    assert.ok(record.batches.some((b) => b.batchId.endsWith(':utskott-barn-unga')));
    assert.equal(jobsOf('activityPlanFollowUp').at(-1)!.runAt.toISOString(), '2027-10-17T06:00:00.000Z', "next year's reminder is scheduled");

    await runJob(record, jobsOf('agreementReview')[0]!);
    const review = record.batches.find((b) => b.batchId === 'year-reminder:agreementReview:2026')!;
    assert.deepEqual(recipientIds(review), [SECRETARY.entry.aadObjectId, CHAIR.entry.aadObjectId].sort());
    assert.match(textFor(review, CHAIR.entry.aadObjectId), /Överenskommelsen ska följas upp och revideras/);
  });

  it('lets the secretariat change the dates; a reminder planned for the old date then sends nothing', async () => {
    await bot.post(message(SECRETARY.user, place(), 'årshjul'));
    const card = cardText(cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0]);
    assert.match(card, /Årshjulets påminnelser/);
    assert.match(card, /02-28/);

    const old = jobsOf('agreementReview')[0]!;
    const dates = { date_agreementReview: '03-31', date_activityPlanDecided: '02-28', date_activityPlanFollowUp: '10-31', date_activityPlanReport: '11-30', date_actionPlan: '12-15' };
    const saved = invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.settingsSave', { ...dates, leadDays: '7' }))).body);
    assert.match(cardText(saved), /Datumen är sparade/);
    assert.equal(jobsOf('agreementReview').at(-1)!.runAt.toISOString(), '2026-03-24T07:00:00.000Z');

    await runJob(record, old);
    assert.equal(record.batches.length, 0, 'the job for the old date is stale');
    await runJob(record, jobsOf('agreementReview').at(-1)!);
    assert.equal(record.batches.length, 1);

    const refused = invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.settingsSave', { ...dates, date_actionPlan: '02-30', leadDays: '7' }))).body);
    assert.match(cardText(refused), /Länsledningens handlingsplan utifrån välfärdsstrategin: ange månad och dag/);
  });
});
