import assert from 'node:assert/strict';
import type { CaseWorld } from './caseWorld';
import { deliveriesFor, ENGLISH_MEMBER, MEMBER_GAVLE, OLLE, PER, PIA, PREPARER, press, SONJA, startCaseWorld, submit, waitForChat } from './caseWorld';

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

    // Each party's member reads it in the language of their Teams.
    const settleBySv = /Tvisten gäller Gävle kommun, Sandvikens kommun\. Den skickas först till er för att lösas er emellan senast söndag 20 december 2026 kl\. 10\.00\./;
    await waitForChat(world, MEMBER_GAVLE.user, 'the dispute, to settle with the other party', (c) =>
      c.messages.some((m) => m.startsWith('Ärende placerat hos Parterna') && settleBySv.test(m)),
    );
    const settleByEn = /The dispute concerns Gävle kommun, Sandvikens kommun\. It goes first to you, to settle between yourselves by Sunday 20 December 2026 at 10:00\./;
    await waitForChat(world, ENGLISH_MEMBER.user, 'the dispute, in English, to settle with the other party', (c) =>
      c.messages.some((m) => m.startsWith('Case placed with The parties') && settleByEn.test(m)),
    );
    assert.equal((await deliveriesFor(world, caseId, SONJA.user)).length, 0, 'only the parties’ Länsledning members');
    assert.equal((await deliveriesFor(world, caseId, OLLE.user)).length, 0, 'not parties outside the dispute');

    const early = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', level: 'politiska-ledningsgruppen' });
    assert.match(early, /Parterna har till söndag 20 december 2026 kl\. 10\.00 på sig att lösa tvisten\. Först därefter kan den lyftas\. Inget har sparats\./);

    world.clock.set('2026-12-20T09:00:00.000Z');
    await waitForChat(world, PREPARER.user, 'the deadline has passed', (c) =>
      c.messages.some((m) => /Tidsfristen för parterna att lösa tvisten gick ut söndag 20 december 2026 kl\. 10\.00/.test(m)),
    );
    await waitForChat(world, PER.user, 'the card now offers escalation', (c) => c.updates.some((u) => /^Lyft till Politiska ledningsgruppen$/m.test(u)));

    const escalated = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', level: 'politiska-ledningsgruppen' });
    assert.match(escalated, /Per Beredare lyfte tvisten till Politiska ledningsgruppen/);
    await waitForChat(world, PIA.user, 'the dispute placed with Politiska ledningsgruppen', (c) =>
      c.messages.some((m) =>
        /Ärende placerat hos Politiska ledningsgruppen[\s\S]*Tvisten gäller Gävle kommun, Sandvikens kommun\. Den är placerad hos Politiska ledningsgruppen\./.test(m),
      ),
    );
    await waitForChat(world, MEMBER_GAVLE.user, 'the escalation', (c) => c.messages.some((m) => /Per Beredare lyfte tvisten till Politiska ledningsgruppen/.test(m)));
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
    assert.match(routed, /Principiell \(bekräftat\)\nJa/);
    assert.equal((await deliveriesFor(world, caseId, PIA.user)).length, 1);
    assert.equal((await deliveriesFor(world, caseId, ENGLISH_MEMBER.user)).length, 0, 'the parties are not asked to settle it');
  });

  it('asks the submitter for two parties, or principle, before a dispute is accepted', async () => {
    const text = await press(world, MEMBER_GAVLE.user, 'case.submit', { ...dispute({ involved: 'gavle' }), area: 'vard-omsorg' });
    assert.match(text, /Välj minst två inblandade parter, eller markera tvisten som principiell\./);
    const principled = await press(world, MEMBER_GAVLE.user, 'case.submit', { ...dispute({ involved: 'gavle', principled: 'true' }), area: 'vard-omsorg' });
    assert.match(principled, /Tack! Ärendet har fått nummer/);
  });
});
