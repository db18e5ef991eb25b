import assert from 'node:assert/strict';
import { cardAction } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { someIdentityNumber } from '../../support/identityNumbers';
import { queryAll } from '../../../src/store/concurrency';
import { INDEX_PK } from '../../../src/features/cases/model';
import type { CaseWorld } from './caseWorld';
import { casePartition, enqueuedFor, ENGLISH_MEMBER, intakeForm, MEMBER_GAVLE, OLLE, PREPARER, press, SECRETARY, startCaseWorld, submit } from './caseWorld';

describe('cases: what is refused, and that nothing is written', () => {
  let world: CaseWorld;

  // One bot for these tests: each works on a case of its own and compares before with after.
  before(async () => {
    world = await startCaseWorld('recording');
  });
  after(async () => {
    await world.bot.stop();
  });

  const registerSize = async () => (await casePartition(world, INDEX_PK)).length;

  /** The case's documents and everything sent, to compare before and after a refused press. */
  async function snapshot(caseId: string): Promise<string> {
    const docs = (await casePartition(world, caseId)).filter((d) => d.type === 'case' || d.type === 'case-event').map(({ _etag, _ts, ...rest }) => {
      void _etag;
      void _ts;
      return rest;
    });
    const register = await casePartition(world, INDEX_PK);
    return JSON.stringify({ docs, register: register.map((d) => [d.id, d.version, d.state]), enqueued: world.recorded.batches.length });
  }

  it('does not let a member who is not a preparer move a case, and says who can', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    const before = await snapshot(caseId);
    const taken = await press(world, OLLE.user, 'case.transition', { caseId, to: 'preparing' });
    assert.match(taken, /Bara beredningsorganet kan göra det här\. Inget har sparats\./);
    const closed = await press(world, OLLE.user, 'case.transition', { caseId, to: 'closed', comment: 'Klart!' });
    assert.match(closed, /Inget har sparats/);
    assert.equal(await snapshot(caseId), before);
  });

  it('refuses a tampered press for a case that does not exist with a clear card', async () => {
    const res = await world.bot.post(cardAction(PREPARER.user, world.place(), 'case.transition', { caseId: 'LV-2026-9999', to: 'preparing' }));
    assert.equal(res.status, 200);
    assert.match(invokeText(res.body), /Ärendet LV-2026-9999 finns inte\. Kontrollera numret/);
    const odd = await world.bot.post(cardAction(PREPARER.user, world.place(), 'case.transition', { caseId: '../../etc', to: 'preparing' }));
    assert.match(invokeText(odd.body), /finns inte/);
    assert.doesNotMatch(invokeText(odd.body), /etc/, 'a malformed id is not echoed');
  });

  it('refuses an illegal move with the case as it stands, writing nothing', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    const before = await snapshot(caseId);
    const text = await press(world, PREPARER.user, 'case.transition', { caseId, to: 'placed', level: 'lansledning' });
    assert.match(text, /Det går inte när ärendet är mottaget\. Kortet kan vara inaktuellt – här är det senaste läget\. Inget har sparats\./);
    assert.match(text, /Jag bereder detta/, 'the card offers what is possible instead');
    const unknownState = await world.bot.post(cardAction(PREPARER.user, world.place(), 'case.transition', { caseId, to: 'archived' }));
    // The case's card again, saying the card held something it cannot take, never the field's name.
    const unknown = invokeText(unknownState.body);
    assert.match(unknown, /Kortet innehöll något som inte kunde tas emot[\s\S]*Jag bereder detta/);
    assert.doesNotMatch(unknown, /: to\b/);
    assert.equal(await snapshot(caseId), before);
  });

  it("does not let a member withdraw someone else's case", async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    const before = await snapshot(caseId);
    const text = await press(world, OLLE.user, 'case.transition', { caseId, to: 'withdrawn' });
    assert.match(text, /Bara den som lämnade in ärendet eller samverkanskansliet kan göra det här\. Inget har sparats\./);
    assert.equal(await snapshot(caseId), before);
    const bySecretariat = await press(world, SECRETARY.user, 'case.transition', { caseId, to: 'withdrawn', comment: 'Dubblett av ett tidigare ärende.' });
    assert.match(bySecretariat, /Sara Sekreterare drog tillbaka ärendet/);
  });

  it("takes the submitter's party from the directory, whatever the card says", async () => {
    const receipt = await press(world, ENGLISH_MEMBER.user, 'case.submit', { ...intakeForm(), partyId: 'gavle', submitter: MEMBER_GAVLE.user.aadObjectId });
    assert.match(receipt, /Submitted by\nEmma English, Sandvikens kommun/);
    const caseId = /LV-\d{4}-\d{4}/.exec(receipt)![0];
    const c = await world.bot.store.containers.cases.read<{ id: string; pk: string; type: string; submitter: { partyId: string; aadObjectId: string } }>(caseId, 'case');
    assert.deepEqual(c?.submitter.partyId, 'sandviken');
    assert.deepEqual(c?.submitter.aadObjectId, ENGLISH_MEMBER.user.aadObjectId);
  });

  it('sends an invalid form back filled in, each error beside its field, and stores nothing', async () => {
    const [registered, enqueued] = [await registerSize(), world.recorded.batches.length];
    const text = await press(world, MEMBER_GAVLE.user, 'case.submit', intakeForm({ description: '', area: '', wishedDate: '2026-11-01', type: 'dispute', involved: 'gavle' }));
    assert.match(text, /Något behöver rättas – se markeringarna vid fälten\. Inget har sparats\./);
    assert.match(text, /Gemensam rutin för SIP vid utskrivning\nRubrik/, 'the title is kept');
    assert.match(text, /Beskrivning\nVad gäller ärendet[^\n]*\nObligatoriskt\./);
    assert.match(text, /Samverkansområde[\s\S]*?vard-omsorg\nObligatoriskt\./);
    assert.match(text, /Önskat datum\nDatumet har redan passerat\./);
    assert.match(text, /Inblandade parter[\s\S]*Välj minst två inblandade parter, eller markera tvisten som principiell\./);
    assert.equal(await registerSize(), registered);
    assert.equal(world.recorded.batches.length, enqueued);
  });

  it('refuses text with a personnummer or samordningsnummer: the form comes back without the number, and nothing is stored', async () => {
    const [registered, enqueued] = [await registerSize(), world.recorded.batches.length];
    const number = someIdentityNumber();
    const activity = cardAction(MEMBER_GAVLE.user, world.place(), 'case.submit', intakeForm({ description: `Gäller brukaren ${number} i hemtjänsten.` }));
    const res = await world.bot.post(activity);
    const text = invokeText(res.body);
    assert.match(text, /Texten innehöll ett personnummer eller samordningsnummer\. Ärenden gäller strukturer, inte enskilda personer/);
    assert.match(text, /Gäller brukaren \[nummer borttaget\] i hemtjänsten\./);
    assert.match(text, /Här fanns ett personnummer eller samordningsnummer\. Det är borttaget/);
    assert.ok(!JSON.stringify(res.body).includes(number), 'the number is not echoed');

    assert.equal(await registerSize(), registered);
    assert.equal(world.recorded.batches.length, enqueued);
    const inbox = await queryAll(world.bot.store.containers.inbox, START_DAY, '');
    assert.ok(inbox.length > 0, 'the press itself was recorded for idempotency');
    assert.ok(!JSON.stringify(inbox).includes(number), 'not even the idempotency record holds the number');
  });

  it('refuses a comment with an identity number on a move, writing nothing', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'preparing' });
    const before = await snapshot(caseId);
    const text = await press(world, PREPARER.user, 'case.transition', { caseId, to: 'returned', comment: `Se ${someIdentityNumber()}` });
    assert.match(text, /personnummer eller samordningsnummer/);
    assert.equal(await snapshot(caseId), before);
    assert.equal(enqueuedFor(world, MEMBER_GAVLE.user).filter((m) => m.batchId.startsWith(caseId)).length, 1, 'only the earlier take was told');
  });
});

const START_DAY = '2026-11-20';
