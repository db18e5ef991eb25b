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

  it('sends a dispute that "endast berör två … parter" to them first, and to Politiska ledningsgruppen as soon as they report that they cannot agree', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user, dispute());
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'preparing' });
    const routed = await press(world, PREPARER.user, 'case.transition', { caseId, to: 'placed', principled: 'false', comment: 'Parterna får först försöka enas.' });
    assert.match(routed, /Petra Beredare placerade ärendet hos Parterna/);
    assert.doesNotMatch(routed, /löser tvisten senast/, 'no deadline unless the preparer gives one');

    // Each party's member reads it in the language of their Teams, with the way to report a disagreement.
    const toPartiesSv = /Tvisten gäller Gävle kommun, Sandvikens kommun\. Den skickas först till er för att lösas er emellan i särskild form\. Kan ni inte enas, rapportera det här med ett skäl/;
    await waitForChat(world, MEMBER_GAVLE.user, 'the dispute, to settle with the other party', (c) =>
      c.messages.some((m) => m.startsWith('Ärende placerat hos Parterna') && toPartiesSv.test(m) && /Vi kan inte enas – till Politiska ledningsgruppen/.test(m)),
    );
    const toPartiesEn = /The dispute concerns Gävle kommun, Sandvikens kommun\. It goes first to you, to settle between yourselves in a form of your own\./;
    await waitForChat(world, ENGLISH_MEMBER.user, 'the dispute, in English, to settle with the other party', (c) =>
      c.messages.some((m) => m.startsWith('Case placed with The parties') && toPartiesEn.test(m)),
    );
    assert.equal((await deliveriesFor(world, caseId, SONJA.user)).length, 0, 'only the parties’ Länsledning members');
    assert.equal((await deliveriesFor(world, caseId, OLLE.user)).length, 0, 'not parties outside the dispute');

    const outsider = await press(world, OLLE.user, 'case.transition', { caseId, to: 'placed', level: 'politiska-ledningsgruppen', comment: 'Vi vill lyfta den.' });
    assert.match(outsider, /Bara en part som tvisten gäller eller beredningsorganet kan göra det här\. Inget har sparats\./);
    const noReason = await press(world, ENGLISH_MEMBER.user, 'case.transition', { caseId, to: 'placed', level: 'politiska-ledningsgruppen', comment: '' });
    assert.match(noReason, /Write why the parties cannot agree\. Nothing was saved\./);

    const reported = await press(world, ENGLISH_MEMBER.user, 'case.transition', {
      caseId,
      to: 'placed',
      level: 'politiska-ledningsgruppen',
      comment: 'We have met twice and cannot agree on the split.',
    });
    assert.match(reported, /Emma English escalated the dispute to Politiska ledningsgruppen/);
    await waitForChat(world, PIA.user, 'the dispute placed with Politiska ledningsgruppen', (c) =>
      c.messages.some((m) =>
        /Ärende placerat hos Politiska ledningsgruppen[\s\S]*Tvisten gäller Gävle kommun, Sandvikens kommun\. Den är placerad hos Politiska ledningsgruppen\./.test(m),
      ),
    );
    await waitForChat(world, MEMBER_GAVLE.user, 'the escalation, with the reason', (c) =>
      c.messages.some((m) => /Emma English lyfte tvisten till Politiska ledningsgruppen/.test(m) && /cannot agree on the split/.test(m)),
    );
  });

  it('reminds the holder and the parties on the date the preparer gave them, if the dispute still lies with them', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user, dispute());
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'preparing' });
    const routed = await press(world, PREPARER.user, 'case.transition', { caseId, to: 'placed', principled: 'false', settleBy: '2027-01-15' });
    assert.match(routed, /Parterna löser tvisten senast\nfredag 15 januari 2027/);
    await waitForChat(world, MEMBER_GAVLE.user, 'the date in the placement', (c) => c.messages.some((m) => /helst senast fredag 15 januari 2027/.test(m)));

    world.clock.set('2027-01-15T08:00:00.000Z');
    await waitForChat(world, PREPARER.user, 'the date has come', (c) => c.messages.some((m) => /Datumet för parterna att lösa tvisten var fredag 15 januari 2027/.test(m)));
    await waitForChat(world, MEMBER_GAVLE.user, 'the parties are asked again', (c) =>
      c.messages.some((m) => /Datumet för parterna att lösa tvisten var fredag 15 januari 2027/.test(m) && /Vi kan inte enas/.test(m)),
    );
  });

  it('asks the preparer whether a dispute between six parties concerns "ett fåtal parter" or is of principle, and guesses neither', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user, dispute({ involved: 'gavle,sandviken,hofors,ockelbo,bollnas,ljusdal' }));
    await press(world, PER.user, 'case.transition', { caseId, to: 'preparing' });
    const card = await press(world, PER.user, 'case.view', { caseId });
    assert.match(card, /Tvisten berör endast ett fåtal parter \(bekräfta\)/);
    const undecided = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', principled: 'false', few: 'false' });
    assert.match(undecided, /fler än två parter men inte samtliga/);
    assert.match(undecided, /Inget har sparats\./);
    const few = await press(world, PER.user, 'case.transition', { caseId, to: 'placed', principled: 'false', few: 'true' });
    assert.match(few, /placerade ärendet hos Parterna/);
    assert.match(few, /Berör endast ett fåtal parter \(bekräftat av beredningsorganet\)\nJa/);
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
