import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { actionData, cardText, invokeCard } from '../../support/cards';
import { MEMBER_GAVLE, person, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { countShown, deliveryTickedByTest, install, received, tick } from '../../support/chat';

const CHAIR = person('00000000-0000-4000-8000-000000000051', 'Carin Chair', 'region-gavleborg', ['lansledning'], ['chair', 'member']);
const KOMMUNCHEF = person('00000000-0000-4000-8000-000000000052', 'Kim Kommunchef', 'gavle', [], ['member']);
const NINA = person('00000000-0000-4000-8000-000000000053', 'Nina Ny', 'gavle', [], ['member']);

describe('introduction of new participants', () => {
  let bot: TestApp;
  let clock: ManualClock;
    const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const act = async (user: typeof SECRETARY.user, verb: string, data: object) => invokeCard((await bot.post(cardAction(user, place(), verb, data))).body);
  const steps = async () =>
    (await bot.store.containers.directory.read<{ id: string; pk: string; type: string; steps: { step: string; doneAt: string | null }[] }>('intro', NINA.entry.aadObjectId))?.steps ?? [];

  beforeEach(async () => {
    clock = new ManualClock('2026-03-02T09:00:00+01:00');
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry, CHAIR.entry, KOMMUNCHEF.entry, NINA.entry], delivery: deliveryTickedByTest(), clock });
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
    assert.deepEqual(await steps(), []);
  });

  it('runs a checklist to completion: each step ticked by the person responsible, or by the secretariat with a note', async () => {
    await install(bot, SECRETARY.user, CHAIR.user, KOMMUNCHEF.user, NINA.user);
    const saved = await addNinaToLansledning();
    assert.match(cardText(saved), /En introduktion har startats eftersom Nina Ny är ny i Länsledning Välfärd/);

    // The newcomer, the secretariat and the chair get the checklist.
    const ninaSees = await received(bot, NINA.user, /Introduktion av Nina Ny/);
    assert.match(ninaSees, /0 av 4 steg klara/);
    assert.match(ninaSees, /Kommunchefen i Gävle kommun/);
    assert.match(ninaSees, /Ordföranden i Länsledning Välfärd/);
    assert.match(ninaSees, /En skolchef/);
    assert.match(ninaSees, /En samordnare i samverkanskansliet/);
    assert.doesNotMatch(ninaSees, /Markera som klar/, 'the newcomer ticks nothing');
    assert.match(await received(bot, CHAIR.user, /Introduktion av Nina Ny/), /Markera som klar/);
    assert.match(await received(bot, SECRETARY.user, /Introduktion av Nina Ny/), /Utse ansvarig/);

    // The secretariat names the municipal chief executive for step 1; he is told and ticks it.
    const assigned = await act(SECRETARY.user, 'onboarding.assign', { checklistId: NINA.entry.aadObjectId, step: 'chief', person_chief: KOMMUNCHEF.entry.email });
    assert.match(cardText(assigned), /Ansvarig: Kim Kommunchef/);
    assert.match(await received(bot, KOMMUNCHEF.user, /Introduktion av Nina Ny/), /Markera som klar/);
    const kimTicked = await act(KOMMUNCHEF.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'chief', note_chief: '' });
    assert.match(cardText(kimTicked), /1 av 4 steg klart/);
    assert.match(cardText(kimTicked), /✓ Klar 2 mars 2026 – Kim Kommunchef/);
    await received(bot, NINA.user, /1 av 4 steg klart/);

    // Someone else may not tick a step, and nothing is written.
    const refused = await act(MEMBER_GAVLE.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'chair' });
    assert.match(cardText(refused), /inte behörighet/);
    assert.equal((await steps()).find((s) => s.step === 'chair')!.doneAt, null);

    // The chair ticks step 2.
    await act(CHAIR.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'chair' });

    // Nobody is named for the school chief: the secretariat ticks it, and must say why.
    const noNote = await act(SECRETARY.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'schoolChief', note_schoolChief: '' });
    assert.match(cardText(noNote), /skriv en anteckning/i);
    assert.equal((await steps()).find((s) => s.step === 'schoolChief')!.doneAt, null);
    await act(SECRETARY.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'schoolChief', note_schoolChief: 'Träffade skolchefen i Gävle på nätverksmötet' });

    // The coordinator step is the secretariat's own.
    const last = await act(SECRETARY.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'coordinator' });
    assert.match(cardText(last), /4 av 4 steg klara/);
    assert.match(cardText(last), /Introduktionen är klar/);
    assert.match(cardText(last), /Anteckning: Träffade skolchefen i Gävle på nätverksmötet/);

    // Nina sees her progress, and she and the secretariat are told it is complete.
    await received(bot, NINA.user, /4 av 4 steg klara/);
    await received(bot, SECRETARY.user, /Introduktionen är klar/);
    await bot.post(message(NINA.user, place(), 'introduktion'));
    assert.match(await received(bot, NINA.user, /Introduktionen är klar/), /4 av 4 steg klara/);
  });

  it('reminds the coordinator when a checklist stands still for 14 days, and again 14 days later', async () => {
    await install(bot, SECRETARY.user, CHAIR.user);
    await addNinaToLansledning();
    await received(bot, SECRETARY.user, /Introduktion av Nina Ny/);

    // The first check is due 14 days after the start (08:00 UTC): nothing the day before.
    clock.set('2026-03-15T08:00:00Z');
    await tick(bot);
    const queued = await bot.store.containers.directory.query('intro', "c.type = 'delivery' AND STARTSWITH(c.batchId, 'intro-stall')");
    assert.equal(queued.items.length, 0, 'no reminder after 13 days');
    clock.set('2026-03-16T08:00:00Z');
    await tick(bot);
    const reminder = await received(bot, SECRETARY.user, /Introduktionen av Nina Ny står still/);
    assert.match(reminder, /Inget steg har blivit klart sedan 2 mars 2026/);
    assert.match(reminder, /Kvar: Kommunchefen i Gävle kommun, Ordföranden i Länsledning Välfärd, En skolchef, En samordnare/);
    assert.equal(countShown(bot, CHAIR.user, /står still/), 0, 'the coordinator is reminded, not the chair');

    // Progress on day 20 puts the next reminder 14 days after it.
    clock.set('2026-03-22T08:00:00Z');
    await act(CHAIR.user, 'onboarding.tick', { checklistId: NINA.entry.aadObjectId, step: 'chair' });
    clock.set('2026-03-30T08:00:00Z');
    await tick(bot);
    clock.set('2026-04-05T08:00:00Z');
    await tick(bot);
    await received(bot, SECRETARY.user, /Inget steg har blivit klart sedan 22 mars 2026/);
    assert.equal(countShown(bot, SECRETARY.user, /står still/), 2);
  });

  it('lets the secretariat see the checklists in progress', async () => {
    await install(bot, SECRETARY.user);
    await addNinaToLansledning();
    await bot.post(message(SECRETARY.user, place(), 'introduktion'));
    const list = await received(bot, personalConversationId(SECRETARY.user), /^Introduktioner/);
    assert.match(list, /Nina Ny/);
    assert.match(list, /0 av 4 steg klara/);
  });
});
