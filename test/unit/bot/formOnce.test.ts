import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { FormOnce, newFormId } from '../../../src/bot/formOnce';
import type { Reply } from '../../../src/kit/featureApp';
import type { Store } from '../../../src/store/types';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';

const result: Reply = { card: 'meeting-status', data: { title: 'Länsledningens möte' } };

describe('once-only forms', () => {
  let cosmos: MemoryCosmos;
  let store: Store;
  let clock: ManualClock;
  let once: FormOnce;

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
  });
  after(() => cosmos.close());
  beforeEach(() => {
    clock = new ManualClock('2027-01-29T09:00:00Z');
    once = new FormOnce(store.containers.inbox, clock, { waitMs: 2_000, pollMs: 10 });
  });

  const key = (formKey: string) => ({ actor: 'aad-secretariat', formKey, verb: 'meeting.notes' });

  it('gives a second press of the same form the first result, and only the first press runs', async () => {
    const formId = newFormId(clock.now());
    const first = await once.claim(key(formId));
    assert.equal(first.kind, 'new');
    if (first.kind !== 'new') return;
    await first.finish(result);
    const second = await once.claim(key(formId));
    assert.deepEqual(second, { kind: 'done', reply: result });
  });

  it('makes a concurrent press wait for the first result', async () => {
    const formId = newFormId(clock.now());
    const first = await once.claim(key(formId));
    assert.equal(first.kind, 'new');
    const waiting = once.claim(key(formId));
    setTimeout(() => void (first.kind === 'new' && first.finish(result)), 50);
    assert.deepEqual(await waiting, { kind: 'done', reply: result });
  });

  it('lets the same form be sent again after a refusal released it', async () => {
    const formId = newFormId(clock.now());
    const first = await once.claim(key(formId));
    if (first.kind === 'new') await first.release();
    assert.equal((await once.claim(key(formId))).kind, 'new');
  });

  it('lets the next press run at once when a failed press could not release its record (the store was down)', async () => {
    const formId = newFormId(clock.now());
    const inbox = store.containers.inbox;
    const down = Object.assign(Object.create(inbox) as typeof inbox, {
      delete: () => Promise.reject(Object.assign(new Error('store unavailable'), { code: 'unavailable' })),
    });
    const failing = new FormOnce(down, clock, { waitMs: 0 });
    const first = await failing.claim(key(formId));
    assert.equal(first.kind, 'new');
    if (first.kind !== 'new') return;
    await assert.rejects(first.release());
    const second = await failing.claim(key(formId));
    assert.equal(second.kind, 'new', 'the press after "try again" runs, without waiting out the lease');
    if (second.kind !== 'new') return;
    await second.finish(result);
    assert.deepEqual(await failing.claim(key(formId)), { kind: 'done', reply: result });
  });

  it('lets a later press take over a press whose process stopped, once its lease ran out', async () => {
    const formId = newFormId(clock.now());
    assert.equal((await once.claim(key(formId))).kind, 'new');
    const quick = new FormOnce(store.containers.inbox, clock, { waitMs: 0 });
    assert.equal((await quick.claim(key(formId))).kind, 'busy');
    clock.advance(31_000);
    assert.equal((await quick.claim(key(formId))).kind, 'new');
  });

  it('keeps forms of different people and different verbs apart', async () => {
    const formId = newFormId(clock.now());
    const first = await once.claim(key(formId));
    if (first.kind === 'new') await first.finish(result);
    assert.equal((await once.claim({ ...key(formId), actor: 'aad-other' })).kind, 'new');
    assert.equal((await once.claim({ ...key(formId), verb: 'meeting.cancel' })).kind, 'new');
  });

  it('falls back to the card message for a form id it could not have made, and sweeps a month later', async () => {
    assert.equal(once.formKeyOf('f20010101aaaaaaaaaaaaaaaa', 'msg-1', 'act-1'), 'message:msg-1');
    assert.equal(once.formKeyOf('<script>', undefined, 'act-1'), 'activity:act-1');
    const formId = newFormId(clock.now());
    assert.equal(once.formKeyOf(formId, 'msg-1', 'act-1'), formId);
    const claim = await once.claim(key(formId));
    if (claim.kind === 'new') await claim.finish(result);
    clock.advance(29 * 86_400_000);
    assert.equal(await once.sweep(), 0);
    clock.advance(3 * 86_400_000);
    assert.ok((await once.sweep()) >= 1);
  });
});
