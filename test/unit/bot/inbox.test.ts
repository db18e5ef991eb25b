import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { Inbox } from '../../../src/bot/inbox';
import { CountingStore } from '../../support/countingStore';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';

describe('the record of processed activities', () => {
  let memory: MemoryCosmos;
  let store: CountingStore;
  let clock: ManualClock;
  let inbox: Inbox;
  let n = 0;

  before(async () => {
    memory = await startMemoryCosmos();
  });
  after(async () => {
    await memory.close();
  });
  beforeEach(async () => {
    store = new CountingStore(await memory.open());
    clock = new ManualClock('2026-12-07T09:00:00Z');
    inbox = new Inbox(store.containers.inbox, clock);
  });

  const activity = (type: string) => ({ id: `a-${++n}`, type, timestamp: clock.now().toISOString(), conversation: { id: 'chat-1' } });
  const writes = () => store.count({ container: 'inbox', op: 'create' }) + store.count({ container: 'inbox', op: 'replace' });

  it('writes a message once, and a repeat of it is not done again', async () => {
    const message = activity('message');
    const first = await inbox.claim(message);
    assert.equal(first.kind, 'new');
    if (first.kind === 'new') await first.finish();
    assert.equal(writes(), 1);
    clock.advance(10_000);
    assert.equal((await inbox.claim(message)).kind, 'busy');
  });

  it('keeps the answer of a card action, and gives it to a repeat', async () => {
    const press = activity('invoke');
    const first = await inbox.claim(press);
    if (first.kind === 'new') await first.finish({ card: 'receipt' });
    assert.equal(writes(), 2);
    clock.advance(120_000);
    assert.deepEqual(await inbox.claim(press), { kind: 'done', response: { card: 'receipt' } });
  });

  it('does a message again when its first attempt failed', async () => {
    const message = activity('message');
    const first = await inbox.claim(message);
    if (first.kind === 'new') await first.abandon();
    assert.equal((await inbox.claim(message)).kind, 'new');
  });
});
