import assert from 'node:assert/strict';
import { personalConversationId } from '../../support/activities';
import type { CaseWorld } from './caseWorld';
import { casePartition, MEMBER_GAVLE, messagesTo, PER, PREPARER, press, SECRETARY, startCaseWorld, submit, say } from './caseWorld';

describe('cases: from intake to closed', () => {
  let world: CaseWorld;

  beforeEach(async () => {
    world = await startCaseWorld();
  });
  afterEach(async () => {
    await world.bot.stop();
  });

  it('a member submits, every preparer is told, the first to take it wins, and the submitter follows each step to closed', async () => {
    const [form] = await say(world, MEMBER_GAVLE.user, 'ärende');
    assert.match(form!, /Nytt ärende till beredningsorganet/);
    assert.match(form!, /Du lämnar ärendet för \*\*Gävle kommun\*\*/);

    const caseId = await submit(world, MEMBER_GAVLE.user);
    assert.equal(caseId, 'LV-2026-0001');

    for (const preparer of [PREPARER.user, PER.user]) {
      const [notice] = messagesTo(world, preparer);
      assert.ok(notice, `${preparer.name} is told about the new case`);
      assert.equal(notice.batchId, `${caseId}:prepare`);
      assert.match(notice.text, /Gemensam rutin för SIP vid utskrivning/);
      assert.match(notice.text, /Jag bereder detta/);
    }
    assert.equal(messagesTo(world, SECRETARY.user).length, 0, 'the secretariat is not a preparer here');

    const take = { caseId, to: 'preparing' };
    const [petra, per] = await Promise.all([press(world, PREPARER.user, 'case.transition', take), press(world, PER.user, 'case.transition', take)]);
    const winners = [petra, per].filter((text) => /Klart\. .* tog ärendet för beredning/.test(text));
    assert.equal(winners.length, 1, `exactly one take wins:\n${petra}\n---\n${per}`);
    const petraWon = winners[0] === petra;
    const [winner, loserText, winnerName] = petraWon ? [PREPARER.user, per, 'Petra Beredare'] : [PER.user, petra, 'Per Beredare'];
    assert.match(loserText, new RegExp(`\\*\\*${winnerName}\\*\\* hann före och bereder ärendet`));
    assert.doesNotMatch(loserText, /^(Placera|Återsänd för komplettering)$/m, 'the loser gets no preparer buttons');

    const placed = await press(world, winner, 'case.transition', { caseId, to: 'placed', level: 'utskott-vuxna', comment: 'Hör till utskottets aktivitetsplan.' });
    assert.match(placed, new RegExp(`${winnerName} placerade ärendet hos Utskott vuxna`));
    const closed = await press(world, winner, 'case.transition', { caseId, to: 'closed', comment: 'Utskottet tar fram rutinen.' });
    assert.match(closed, new RegExp(`${winnerName} avslutade ärendet`));
    assert.doesNotMatch(closed, /^(Avsluta|Placera|Återsänd för komplettering|Lämna tillbaka till kön|Dra tillbaka ärendet)$/m, 'a closed case offers no more moves');

    const steps = messagesTo(world, MEMBER_GAVLE.user);
    assert.deepEqual(
      steps.map((s) => s.batchId),
      [`${caseId}:step:2`, `${caseId}:step:3`, `${caseId}:step:4`],
    );
    assert.match(steps[0]!.text, new RegExp(`${winnerName} tog ärendet för beredning`));
    assert.match(steps[1]!.text, /placerade ärendet hos Utskott vuxna[\s\S]*Hör till utskottets aktivitetsplan/);
    assert.match(steps[2]!.text, /avslutade ärendet[\s\S]*Utskottet tar fram rutinen[\s\S]*Avslutat/);

    const receipt = await press(world, MEMBER_GAVLE.user, 'case.view', { caseId });
    assert.match(receipt, /Ditt ärende/);
    for (const line of ['Gustav Gävle lämnade in ärendet', 'tog ärendet för beredning', 'placerade ärendet hos Utskott vuxna', 'avslutade ärendet']) {
      assert.ok(receipt.includes(line), `the receipt shows "${line}"`);
    }

    const docs = await casePartition(world, caseId);
    assert.deepEqual(
      docs.filter((d) => d.type === 'case-event').map((d) => [d.kind, (d.actor as { name: string }).name]),
      [
        ['submit', 'Gustav Gävle'],
        ['take', winnerName],
        ['place', winnerName],
        ['close', winnerName],
      ],
    );
    const loserPreparer = petraWon ? PER.user : PREPARER.user;
    const loserCards = messagesTo(world, loserPreparer);
    assert.ok(
      loserCards.some((m) => m.replaces === `${caseId}:prepare` && new RegExp(`Bereds av\\n${winnerName}`).test(m.text)),
      "the other preparer's card is updated in place to show who has the case",
    );
  });

  it('offers "Nytt ärende" to everyone and the case queue only to preparers and the secretariat', async () => {
    const [memberHelp] = await say(world, MEMBER_GAVLE.user, 'hjälp');
    assert.match(memberHelp!, /^Nytt ärende$/m);
    assert.match(memberHelp!, /^mina ärenden$/m);
    assert.doesNotMatch(memberHelp!, /^ärenden$/m);
    const [preparerHelp] = await say(world, PREPARER.user, 'hjälp');
    assert.match(preparerHelp!, /^ärenden$/m);
  });

  it('gives the receipt with the case number in place of the form, and shows the form on the welcome button', async () => {
    const form = await press(world, MEMBER_GAVLE.user, 'case.open', { source: 'welcome' });
    assert.match(form, /Rubrik[\s\S]*Beskrivning[\s\S]*Typ av ärende[\s\S]*Samverkansområde[\s\S]*Perspektiv[\s\S]*Berörda parter[\s\S]*Önskat datum[\s\S]*Länkar/);
    const receipt = await press(world, MEMBER_GAVLE.user, 'case.submit', {
      title: 'Kompetensförsörjning inom LSS',
      description: 'Flera kommuner har svårt att rekrytera.',
      type: 'question',
      area: 'funktionsnedsattning',
    });
    assert.match(receipt, /Tack! Ärendet har fått nummer \*\*LV-2026-0001\*\*/);
    assert.match(receipt, /Läge\nMottaget/);
    assert.match(receipt, /Dra tillbaka ärendet/);
    assert.ok(world.bot.connector.sent(personalConversationId(MEMBER_GAVLE.user)).length === 0, 'the receipt replaces the form; no extra message');
  });

  it('returns a case to the submitter for completion, who completes it back to the same preparer', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'preparing' });
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'returned', comment: 'Vilka enheter berörs?' });
    const [, returned] = messagesTo(world, MEMBER_GAVLE.user);
    assert.match(returned!.text, /återsände ärendet för komplettering[\s\S]*Vilka enheter berörs\?/);

    const status = await press(world, MEMBER_GAVLE.user, 'case.view', { caseId });
    assert.match(status, /Beredningsorganet behöver mer underlag: Vilka enheter berörs\?/);
    assert.match(status, /Skicka kompletteringen/);
    const completed = await press(world, MEMBER_GAVLE.user, 'case.transition', { caseId, to: 'preparing', comment: 'Hemtjänst och korttidsboende.' });
    assert.match(completed, /Klart\. Gustav Gävle kompletterade ärendet/);
    assert.match(completed, /Bereds av\nPetra Beredare/);
    assert.equal(messagesTo(world, MEMBER_GAVLE.user).length, 2, 'no message to the submitter about their own step');
  });

  it('answers a case directly and closes it', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user, { type: 'question' });
    await press(world, PER.user, 'case.transition', { caseId, to: 'preparing' });
    const answered = await press(world, PER.user, 'case.transition', { caseId, to: 'closed', comment: 'Rutinen finns redan.' });
    assert.match(answered, /Per Beredare besvarade ärendet direkt och avslutade det/);
    assert.match(messagesTo(world, MEMBER_GAVLE.user).at(-1)!.text, /besvarade ärendet direkt[\s\S]*Rutinen finns redan\./);
  });

  it('lets the submitter withdraw a case before it is placed', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    const withdrawn = await press(world, MEMBER_GAVLE.user, 'case.transition', { caseId, to: 'withdrawn', comment: '' });
    assert.match(withdrawn, /Gustav Gävle drog tillbaka ärendet/);
    assert.match(withdrawn, /Läge\nÅtertaget/);
  });
});
