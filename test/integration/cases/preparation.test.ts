import assert from 'node:assert/strict';
import { personalConversationId } from '../../support/activities';
import type { CaseWorld } from './caseWorld';
import { casePartition, deliveriesFor, MEMBER_GAVLE, PER, PREPARER, press, SECRETARY, say, startCaseWorld, submit, waitForChat } from './caseWorld';

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
      await waitForChat(world, preparer, 'the new case with "take"', (chat) =>
        chat.messages.some((m) => m.includes('Gemensam rutin för SIP vid utskrivning') && /^Jag bereder detta$/m.test(m)),
      );
    }
    assert.equal((await deliveriesFor(world, caseId, SECRETARY.user)).length, 0, 'the secretariat is not a preparer here');

    const take = { caseId, to: 'preparing' };
    const [petra, per] = await Promise.all([press(world, PREPARER.user, 'case.transition', take), press(world, PER.user, 'case.transition', take)]);
    const winners = [petra, per].filter((text) => /Klart\. .* tog ärendet för beredning/.test(text));
    assert.equal(winners.length, 1, `exactly one take wins:\n${petra}\n---\n${per}`);
    const petraWon = winners[0] === petra;
    const [winner, loser, loserText, winnerName] = petraWon
      ? [PREPARER.user, PER.user, per, 'Petra Beredare']
      : [PER.user, PREPARER.user, petra, 'Per Beredare'];
    assert.match(loserText, new RegExp(`\\*\\*${winnerName}\\*\\* hann före och bereder ärendet`));
    assert.doesNotMatch(loserText, /^(Placera|Återsänd för komplettering)$/m, 'the loser gets no preparer buttons');

    const placed = await press(world, winner, 'case.transition', { caseId, to: 'placed', level: 'utskott-vuxna', comment: 'Hör till utskottets aktivitetsplan.' });
    assert.match(placed, new RegExp(`${winnerName} placerade ärendet hos Utskott vuxna`));
    const closed = await press(world, winner, 'case.transition', { caseId, to: 'closed', comment: 'Utskottet tar fram rutinen.' });
    assert.match(closed, new RegExp(`${winnerName} avslutade ärendet`));
    assert.doesNotMatch(closed, /^(Avsluta|Placera|Återsänd för komplettering|Lämna tillbaka till kön|Dra tillbaka ärendet)$/m, 'a closed case offers no more moves');

    const steps = [
      new RegExp(`${winnerName} tog ärendet för beredning`),
      /placerade ärendet hos Utskott vuxna\.\nHör till utskottets aktivitetsplan\./,
      /avslutade ärendet\.\nUtskottet tar fram rutinen\.\nLäge\nAvslutat/,
    ];
    const chat = await waitForChat(world, MEMBER_GAVLE.user, 'a message for each step', (c) => steps.every((step) => c.messages.some((m) => step.test(m))));
    assert.equal(chat.messages.filter((m) => m.startsWith(`Ärende ${caseId}`)).length, 3, 'one message per step, nothing else');

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
    await waitForChat(world, loser, 'its card updated in place to show who has the case', (c) =>
      c.updates.some((u) => u.includes(`Bereds av\n${winnerName}`)),
    );
    assert.equal(chatOfLoserMessages(world, loser), 1, 'the other preparer gets no new message, only the card updated');
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
    const sentBefore = world.bot.connector.sent(personalConversationId(MEMBER_GAVLE.user)).length;
    const receipt = await press(world, MEMBER_GAVLE.user, 'case.submit', {
      title: 'Kompetensförsörjning inom LSS',
      description: 'Flera kommuner har svårt att rekrytera.',
      type: 'question',
      area: 'funktionsnedsattning',
    });
    assert.match(receipt, /Tack! Ärendet har fått nummer \*\*LV-2026-0001\*\*/);
    assert.match(receipt, /Läge\nMottaget/);
    assert.match(receipt, /Dra tillbaka ärendet/);
    assert.equal((await deliveriesFor(world, 'LV-2026-0001', MEMBER_GAVLE.user)).length, 0, 'the receipt replaces the form; no extra message');
    assert.equal(world.bot.connector.sent(personalConversationId(MEMBER_GAVLE.user)).length, sentBefore);
  });

  it('returns a case to the submitter for completion, who completes it back to the same preparer', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'preparing' });
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'returned', comment: 'Vilka enheter berörs?' });
    await waitForChat(world, MEMBER_GAVLE.user, 'the return with its question', (c) =>
      c.messages.some((m) => /återsände ärendet för komplettering\.\nVilka enheter berörs\?/.test(m)),
    );

    const status = await press(world, MEMBER_GAVLE.user, 'case.view', { caseId });
    assert.match(status, /Beredningsorganet behöver mer underlag: Vilka enheter berörs\?/);
    assert.match(status, /Skicka kompletteringen/);
    const completed = await press(world, MEMBER_GAVLE.user, 'case.transition', { caseId, to: 'preparing', comment: 'Hemtjänst och korttidsboende.' });
    assert.match(completed, /Klart\. Gustav Gävle kompletterade ärendet/);
    assert.match(completed, /Bereds av\nPetra Beredare/);
    assert.deepEqual(
      (await deliveriesFor(world, caseId, MEMBER_GAVLE.user)).map((d) => d.batchId),
      [`${caseId}:step:2`, `${caseId}:step:3`].sort(),
      'no message to the submitter about their own step',
    );
    await waitForChat(world, PREPARER.user, 'the completion on the preparer’s card', (c) => c.updates.some((u) => u.includes('Hemtjänst och korttidsboende.')));
  });

  it('answers a case directly and closes it', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user, { type: 'question' });
    await press(world, PER.user, 'case.transition', { caseId, to: 'preparing' });
    const answered = await press(world, PER.user, 'case.transition', { caseId, to: 'closed', comment: 'Rutinen finns redan.' });
    assert.match(answered, /Per Beredare besvarade ärendet direkt och avslutade det/);
    await waitForChat(world, MEMBER_GAVLE.user, 'the answer', (c) => c.messages.some((m) => /besvarade ärendet direkt och avslutade det\.\nRutinen finns redan\./.test(m)));
  });

  it('lets the submitter withdraw a case before it is placed', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    const withdrawn = await press(world, MEMBER_GAVLE.user, 'case.transition', { caseId, to: 'withdrawn', comment: '' });
    assert.match(withdrawn, /Gustav Gävle drog tillbaka ärendet/);
    assert.match(withdrawn, /Läge\nÅtertaget/);
    await waitForChat(world, PREPARER.user, 'the withdrawal on the preparer’s card', (c) => c.updates.some((u) => /Läge\nÅtertaget/.test(u)));
  });
});

function chatOfLoserMessages(world: CaseWorld, user: Parameters<typeof personalConversationId>[0]): number {
  return world.bot.connector
    .sent(personalConversationId(user))
    .filter((a) => JSON.stringify(a).includes('Gemensam rutin för SIP vid utskrivning')).length;
}
