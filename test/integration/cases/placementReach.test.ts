import assert from 'node:assert/strict';
import type { CaseWorld } from './caseWorld';
import { MEMBER_GAVLE, PREPARER, press, SECRETARY, startCaseWorld, submit, waitForChat } from './caseWorld';

describe('cases: a case placed where it reaches nobody', () => {
  let world: CaseWorld;

  beforeEach(async () => {
    world = await startCaseWorld();
  });
  afterEach(async () => {
    await world.bot.stop();
  });

  it('tells the preparer on the card, and the secretariat once, when the body it is placed with has no linked channel', async () => {
    const caseId = await submit(world, MEMBER_GAVLE.user);
    await press(world, PREPARER.user, 'case.transition', { caseId, to: 'preparing' });
    const placed = await press(world, PREPARER.user, 'case.transition', { caseId, to: 'placed', level: 'utskott-vuxna', comment: 'Hör till utskottet.' });
    assert.match(placed, /placerade ärendet hos Utskott vuxna/);
    assert.match(placed, /Ärendet ligger hos Utskott vuxna, men där når det ingen: organet har ingen kopplad kanal\. Samverkanskansliet har fått veta/);
    const chat = await waitForChat(world, SECRETARY.user, 'the secretariat hears the case reaches nobody', (c) =>
      c.messages.some((m) => m.includes(caseId) && m.includes('där når det ingen')),
    );
    assert.equal(chat.messages.filter((m) => m.includes('där når det ingen')).length, 1, 'told once');
  });
});
