import assert from 'node:assert/strict';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardsOf, cardText, invokeCard } from '../../support/cards';
import { ManualClock } from '../../../src/clock';
import { person, SECRETARY, MEMBER_GAVLE } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';
import { newRecord, recipientIds, runJob, textFor, type Recorded } from './helpers';

const CHAIR = person('00000000-0000-4000-8000-000000000051', 'Carin Chair', 'region-gavleborg', ['lansledning'], ['chair', 'member']);
const KOMMUNCHEF = person('00000000-0000-4000-8000-000000000052', 'Kim Kommunchef', 'gavle', [], ['member']);
const NINA = person('00000000-0000-4000-8000-000000000053', 'Nina Ny', 'gavle', [], ['member']);

describe('introduction of new participants', () => {
  let bot: TestApp;
  let record: Recorded;
  let clock: ManualClock;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const act = async (user: typeof SECRETARY.user, verb: string, data: object) => invokeCard((await bot.post(cardAction(user, place(), verb, data))).body);
  const checklistOf = () => bot.app.deps.store.containers.directory.read<{ id: string; pk: string; type: string; steps: { step: string; doneAt: string | null; note: string | null }[]; completedAt: string | null }>('intro', NINA.entry.aadObjectId);

  beforeEach(async () => {
    record = newRecord();
    clock = new ManualClock('2026-03-02T09:00:00+01:00');
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry, CHAIR.entry, KOMMUNCHEF.entry, NINA.entry], delivery: recordingDelivery(record), clock });
  });
  afterEach(async () => {
    await bot.stop();
  });

  const addNinaToLansledning = async () =>
    act(SECRETARY.user, 'member.save', {
      aadObjectId: NINA.entry.aadObjectId,
      version: actionData(await act(SECRETARY.user, 'member.form', { aadObjectId: NINA.entry.aadObjectId }), 'member.save').version,
      name: NINA.entry.name,
      email: NINA.entry.email,
      partyId: 'gavle',
      bodies: 'lansledning',
      roles: 'member',
    });

  it('does not start introductions for the members of the first directory load', async () => {
    assert.equal(record.batches.filter((b) => b.batchId.startsWith('intro:')).length, 0);
    assert.equal(await checklistOf(), undefined);
  });

  it('runs a checklist to completion: each step ticked by the person responsible, or by the secretariat with a note', async () => {
    const saved = await addNinaToLansledning();
    assert.match(cardText(saved), /En introduktion har startats eftersom Nina Ny är ny i Länsledning Välfärd/);

    // The newcomer, the secretariat and the chair get the checklist.
    const start = record.batches.find((b) => b.batchId.startsWith('intro:'))!;
    assert.deepEqual(recipientIds(start), [NINA.entry.aadObjectId, SECRETARY.entry.aadObjectId, CHAIR.entry.aadObjectId].sort());
    const ninaSees = textFor(start, NINA.entry.aadObjectId);
    assert.match(ninaSees, /Introduktion av Nina Ny/);
    assert.match(ninaSees, /0 av 4 steg klara/);
    assert.match(ninaSees, /Kommunchefen i Gävle kommun/);
    assert.match(ninaSees, /Ordföranden i Länsledning Välfärd/);
    assert.match(ninaSees, /En skolchef/);
    assert.match(ninaSees, /En samordnare i samverkanskansliet/);
    assert.doesNotMatch(ninaSees, /Markera som klar/, 'the newcomer ticks nothing');
    assert.match(textFor(start, CHAIR.entry.aadObjectId), /Markera som klar/);

    // The secretariat names the municipal chief executive for step 1; he is told and ticks it.
    const assigned = await act(SECRETARY.user, 'onboarding.assign', { checklistId: NINA.entry.aadObjectId, step: 'chief', person_chief: KOMMUNCHEF.entry.email });
    assert.match(cardText(assigned), /Ansvarig: Kim Kommunchef/);
    const toKim = record.batches.find((b) => b.batchId.includes(':assign:chief:'))!;
    assert.deepEqual(recipientIds(toKim), [KOMMUNCHEF.entry.aadObjectId]);
    const kimTicked = await act(KOMMUNCHEF.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'chief', note_chief: '' });
    assert.match(cardText(kimTicked), /1 av 4 steg klara/);
    assert.match(cardText(kimTicked), /✓ Klar .* – Kim Kommunchef/);

    // Someone else may not tick a step, and nothing is written.
    const refused = await act(MEMBER_GAVLE.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'chair' });
    assert.match(cardText(refused), /inte behörighet/);
    assert.equal((await checklistOf())!.steps.find((s) => s.step === 'chair')!.doneAt, null);

    // The chair ticks step 2.
    await act(CHAIR.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'chair' });

    // Nobody is named for the school chief: the secretariat ticks it, and must say why.
    const noNote = await act(SECRETARY.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'schoolChief', note_schoolChief: '' });
    assert.match(cardText(noNote), /skriv en anteckning/);
    assert.equal((await checklistOf())!.steps.find((s) => s.step === 'schoolChief')!.doneAt, null);
    await act(SECRETARY.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'schoolChief', note_schoolChief: 'Träffade skolchefen i Gävle på nätverksmötet' });

    // The coordinator step is the secretariat's own.
    const last = await act(SECRETARY.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'coordinator' });
    assert.match(cardText(last), /4 av 4 steg klara/);
    assert.match(cardText(last), /Introduktionen är klar/);
    assert.match(cardText(last), /Anteckning: Träffade skolchefen i Gävle på nätverksmötet/);

    // Nina's card was updated in place after each step; at the end she and the secretariat are told.
    const updates = record.batches.filter((b) => b.batchId.includes(':tick:'));
    assert.equal(updates.length, 4);
    assert.ok(updates.every((b) => b.replaces === start.batchId && recipientIds(b).join() === NINA.entry.aadObjectId));
    const done = record.batches.find((b) => b.batchId.endsWith(':done'))!;
    assert.deepEqual(recipientIds(done), [NINA.entry.aadObjectId, SECRETARY.entry.aadObjectId].sort());
    assert.match(textFor(done, NINA.entry.aadObjectId), /Introduktionen är klar/);

    await bot.post(message(NINA.user, place(), 'introduktion'));
    const ninaNow = cardText(cardsOf(bot.connector.sent(personalConversationId(NINA.user))[0]!)[0]);
    assert.match(ninaNow, /4 av 4 steg klara/);
  });

  it('reminds the coordinator when a checklist stalls for 14 days, and again later', async () => {
    await addNinaToLansledning();
    const job = record.jobs.find((j) => j.kind === 'onboarding.stall')!;
    assert.equal(job.runAt.toISOString(), '2026-03-16T08:00:00.000Z', 'first check 14 days after the start');

    await runJob(record, job);
    const reminder = record.batches.find((b) => b.batchId.startsWith('intro-stall:'))!;
    assert.deepEqual(recipientIds(reminder), [SECRETARY.entry.aadObjectId]);
    assert.match(textFor(reminder, SECRETARY.entry.aadObjectId), /Introduktionen av Nina Ny står still/);
    assert.match(textFor(reminder, SECRETARY.entry.aadObjectId), /Kvar: Kommunchefen i Gävle kommun, Ordföranden i Länsledning Välfärd, En skolchef, En samordnare/);
    const next = record.jobs.filter((j) => j.kind === 'onboarding.stall').at(-1)!;
    assert.equal(next.runAt.getTime() - job.runAt.getTime(), 14 * 86_400_000);
  });

  it('lets the secretariat see the checklists in progress', async () => {
    await addNinaToLansledning();
    await bot.post(message(SECRETARY.user, place(), 'introduktion'));
    const list = cardText(cardsOf(bot.connector.sent(personalConversationId(SECRETARY.user))[0]!)[0]);
    assert.match(list, /Nina Ny/);
    assert.match(list, /0 av 4 steg klara/);
  });
});
