import assert from 'node:assert/strict';
import type { JobSpec } from '../../../src/delivery/types';
import type { CaseWorld } from './caseWorld';
import { ENGLISH_MEMBER, MEMBER_GAVLE, messagesTo, OLLE, PER, PIA, PREPARER, press, SONJA, startCaseWorld, submit } from './caseWorld';

describe('cases: disputes', () => {
  let world: CaseWorld;

  beforeEach(async () => {
    world = await startCaseWorld();
  });
  afterEach(async () => {
    await world.bot.stop();
  });

  const dispute = (overrides: Record<string, string> = {}) => ({
    type: 'dispute',
    title: 'Kostnadsfördelning för SIP-samordnaren',
    description: 'Gävle och Sandviken är oense om hur kostnaden ska fördelas.',
    involved: 'gavle,sandviken',
    ...overrides,
  });

  it('sends a dispute between two parties to them first, and lets a preparer escalate it after the deadline', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user, dispute());
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'preparing' });
    const routed = await press(world, PREPARER.user, 'case.transition', { caseId, to: 'placed', principled: 'false', comment: 'Parterna får först försöka enas.' });
    assert.match(routed, /Petra Beredare placerade ärendet hos Parterna/);
    assert.match(routed, /Parterna löser tvisten senast\nsöndag 20 december 2026 kl\. 10\.00/);

    const [toSandviken] = messagesTo(world, ENGLISH_MEMBER.user);
    assert.equal(toSandviken?.template, 'case-placed');
    assert.match(toSandviken.text, /Tvisten gäller Gävle kommun, Sandvikens kommun\. Den skickas först till er för att lösas er emellan senast söndag 20 december 2026 kl\. 10\.00\./);
    assert.ok(messagesTo(world, MEMBER_GAVLE.user).some((m) => m.template === 'case-placed'), "Gävle's Länsledning member is told too");
    assert.equal(messagesTo(world, SONJA.user).length, 0, 'only the parties’ Länsledning members');
    assert.equal(messagesTo(world, OLLE.user).length, 0, 'not parties outside the dispute');

    const job = world.recorded.jobs.at(-1) as JobSpec<{ caseId: string }>;
    assert.deepEqual([job.kind, job.payload, job.runAt.toISOString()], ['case.settle-deadline', { caseId }, '2026-12-20T09:00:00.000Z']);

    const early = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', level: 'politiska-ledningsgruppen' });
    assert.match(early, /Parterna har till söndag 20 december 2026 kl\. 10\.00 på sig att lösa tvisten\. Först därefter kan den lyftas\. Inget har sparats\./);

    world.clock.set(job.runAt);
    await world.recorded.handlers.get(job.kind)!(job.payload, { jobId: job.id, runAt: job.runAt, attempt: 1 });
    assert.match(messagesTo(world, PREPARER.user).at(-1)!.text, /Lyft till Politiska ledningsgruppen/);
    assert.ok(
      messagesTo(world, PREPARER.user).some((m) => /Tidsfristen för parterna att lösa tvisten gick ut/.test(m.text)),
      'the preparer holding the case is told the deadline has passed',
    );

    const escalated = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', level: 'politiska-ledningsgruppen' });
    assert.match(escalated, /Per Beredare lyfte tvisten till Politiska ledningsgruppen/);
    const [toForum] = messagesTo(world, PIA.user);
    assert.match(toForum!.text, /Ärende placerat hos Politiska ledningsgruppen[\s\S]*Tvisten gäller Gävle kommun, Sandvikens kommun\. Den är placerad hos Politiska ledningsgruppen\./);
    assert.match(messagesTo(world, MEMBER_GAVLE.user).at(-1)!.text, /lyfte tvisten till Politiska ledningsgruppen/);
  });

  it('sends a dispute straight to Politiska ledningsgruppen when the preparer confirms it is a matter of principle', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user, dispute());
    await press(world, PER.user, 'case.transition', { caseId, to: 'preparing' });
    const card = await press(world, PER.user, 'case.view', { caseId });
    assert.match(card, /Tvisten är av principiell karaktär \(bekräfta\)/);
    assert.doesNotMatch(card, /Placera hos/, 'a dispute is not placed by choice of level');
    const wrongLevel = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', level: 'lansledning' });
    assert.match(wrongLevel, /En tvist kan bara placeras dit reglerna anger: först till parterna \(Gävle kommun, Sandvikens kommun\), därefter Politiska ledningsgruppen\./);
    const routed = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', principled: 'true' });
    assert.match(routed, /placerade ärendet hos Politiska ledningsgruppen/);
    assert.match(routed, /Principiell \(bekräftat av beredningsorganet\)\nJa/);
    assert.equal(messagesTo(world, PIA.user).length, 1);
    assert.equal(messagesTo(world, ENGLISH_MEMBER.user).length, 0, 'the parties are not asked to settle it');
  });

  it('asks the submitter for two parties, or principle, before a dispute is accepted', async () => {
    const text = await press(world, MEMBER_GAVLE.user, 'case.submit', { ...dispute({ involved: 'gavle' }), area: 'vard-omsorg' });
    assert.match(text, /Välj minst två inblandade parter, eller markera tvisten som principiell\./);
    const principled = await press(world, MEMBER_GAVLE.user, 'case.submit', { ...dispute({ involved: 'gavle', principled: 'true' }), area: 'vard-omsorg' });
    assert.match(principled, /Tack! Ärendet har fått nummer/);
  });
});
