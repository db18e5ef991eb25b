import assert from 'node:assert/strict';
import { INDEX_PK } from '../../../src/features/cases/model';
import { startTestApp } from '../../support/testApp';
import type { CaseWorld } from './caseWorld';
import { casePartition, MEMBER_GAVLE, OLLE, PER, PREPARER, SECRETARY, startCaseWorld, submit } from './caseWorld';

describe('cases: numbering', () => {
  let world: CaseWorld;

  beforeEach(async () => {
    world = await startCaseWorld('recording');
  });
  afterEach(async () => {
    await world.bot.stop();
  });

  it('gives 100 cases submitted at the same time 100 distinct numbers with no gaps @slow', async () => {
    const submitters = [MEMBER_GAVLE.user, OLLE.user, PREPARER.user, PER.user, SECRETARY.user];
    const numbers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => submit(world, submitters[i % submitters.length]!, { title: `Ärende nummer ${i + 1}` })),
    );
    const expected = Array.from({ length: 100 }, (_, i) => `LV-2026-${String(i + 1).padStart(4, '0')}`);
    assert.deepEqual([...numbers].sort(), expected);

    const register = (await casePartition(world, INDEX_PK)).filter((d) => d.type === 'case-summary');
    assert.deepEqual(register.map((d) => d.id).sort(), expected);
    const cases = await Promise.all(expected.map((id) => world.bot.store.containers.cases.read(id, 'case')));
    assert.ok(cases.every((c) => c !== undefined), 'every number has its case');
  });

  it('keeps numbers distinct and gap-free when two instances of the bot share the store @slow', async () => {
    const second = await startTestApp({ store: world.bot.store, clock: world.clock, members: [MEMBER_GAVLE.entry] });
    try {
      const viaSecond: CaseWorld = { ...world, bot: second, place: () => ({ serviceUrl: second.connector.serviceUrl }) };
      const numbers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => submit(i % 2 === 0 ? world : viaSecond, MEMBER_GAVLE.user, { title: `Ärende ${i + 1}` })),
      );
      assert.deepEqual(
        [...numbers].sort(),
        Array.from({ length: 40 }, (_, i) => `LV-2026-${String(i + 1).padStart(4, '0')}`),
      );
    } finally {
      await second.stop();
    }
  });

  it('starts again from 0001 in a new year', async () => {
    assert.equal(await submit(world, MEMBER_GAVLE.user), 'LV-2026-0001');
    assert.equal(await submit(world, MEMBER_GAVLE.user), 'LV-2026-0002');
    world.clock.set('2026-12-31T23:30:00.000Z');
    assert.equal(await submit(world, MEMBER_GAVLE.user), 'LV-2027-0001', '00.30 on New Year’s Day in Sweden is the new year');
  });
});
