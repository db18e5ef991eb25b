import assert from 'node:assert/strict';
import type { CaseWorld } from './caseWorld';
import { enqueuedFor, MEMBER_GAVLE, OLLE, PER, startCaseWorld, submit } from './caseWorld';

describe('cases: who gets a new case', () => {
  let world: CaseWorld;

  beforeEach(async () => {
    world = await startCaseWorld('recording');
  });
  afterEach(async () => {
    await world.bot.stop();
  });

  const newCaseCards = (user: typeof OLLE.user) => enqueuedFor(world, user).filter((c) => c.template === 'case-prepare').map((c) => c.batchId);

  it('a member made a preparer gets the very next case, and one who stopped being one does not', async () => {
    const first = await submit(world, MEMBER_GAVLE.user, { title: 'Före ändringen' });
    assert.deepEqual(newCaseCards(OLLE.user), []);
    assert.deepEqual(newCaseCards(PER.user), [`${first}:prepare`]);

    const { directory } = world.bot.app.deps;
    await directory.putMember({ ...OLLE.entry, roles: ['member', 'preparer'], source: 'file' });
    await directory.putMember({ ...PER.entry, bodies: ['lansledning'], source: 'file' });
    const second = await submit(world, MEMBER_GAVLE.user, { title: 'Efter ändringen' });
    assert.deepEqual(newCaseCards(OLLE.user), [`${second}:prepare`]);
    assert.deepEqual(newCaseCards(PER.user), [`${first}:prepare`]);
  });
});
