import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { DeliveryDoc } from '../../../src/delivery/deliveryDoc';
import type { BatchPointerDoc, JobDoc } from '../../../src/delivery/jobDocs';
import { DeliveryRetention } from '../../../src/delivery/retention';
import type { DeliveryStatus } from '../../../src/delivery/types';
import type { Store } from '../../../src/store/types';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';

const DAY = 86_400_000;
const day = (iso: string) => iso.slice(0, 10);

function pointer(batchId: string, meeting: string, runAt: string, status: 'open' | 'done'): BatchPointerDoc {
  return { id: `ptr-${batchId}`, pk: day(runAt), type: 'outbox-batch', kind: 'outbox.batch', runAt, status, source: { container: 'meetings', pk: meeting }, batchId, updatedAt: runAt };
}

function delivery(batchId: string, meeting: string, who: string, status: DeliveryStatus, updatedAt: string): DeliveryDoc {
  return {
    id: `dlv-${batchId}-${who}`,
    pk: meeting,
    type: 'delivery',
    batchId,
    recipient: { kind: 'member', aadObjectId: who },
    recipientKey: `member:${who}`,
    shard: 1,
    message: { template: 'text-reply', data: { text: 'Kallelse' } },
    status,
    attempts: 1,
    notBefore: updatedAt,
    leaseOwner: null,
    leaseUntil: null,
    replaces: null,
    conversationKey: null,
    conversationId: null,
    activityId: null,
    error: null,
    sentAt: status === 'sent' ? updatedAt : null,
    createdAt: updatedAt,
    updatedAt,
  };
}

function job(id: string, runAt: string, status: JobDoc['status']): JobDoc {
  return {
    id,
    pk: day(runAt),
    type: 'job',
    kind: 'meeting.reminder',
    runAt,
    payload: { meetingId: 'm-1' },
    status,
    attempts: 1,
    nextAttemptAt: runAt,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    createdAt: runAt,
    updatedAt: runAt,
    finishedAt: status === 'done' ? runAt : null,
  };
}

describe('retention: delivery records and finished jobs are swept after their periods', () => {
  let cosmos: MemoryCosmos;
  let store: Store;
  const clock = new ManualClock('2027-06-01T03:00:00Z');
  const ids = async (container: 'meetings' | 'jobs', pk: string) => (await store.containers[container].query(pk, '')).items.map((d) => d.id).sort();

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
  });
  after(async () => {
    await cosmos.close();
  });

  it('removes the delivery records of a settled batch a year old, and keeps a newer batch, an open one and one still sending', async () => {
    const old = new Date(clock.now().getTime() - 400 * DAY).toISOString();
    const recent = new Date(clock.now().getTime() - 30 * DAY).toISOString();
    await store.containers.jobs.create(pointer('old', 'm-old', old, 'done'));
    await store.containers.jobs.create(pointer('stuck', 'm-stuck', old, 'open'));
    await store.containers.jobs.create(pointer('new', 'm-new', recent, 'done'));
    for (const [who, status] of [['a', 'sent'], ['b', 'gone'], ['c', 'failed']] as const) await store.containers.meetings.create(delivery('old', 'm-old', who, status, old));
    await store.containers.meetings.create(delivery('old', 'm-old', 'd', 'sending', old));
    await store.containers.meetings.create(delivery('stuck', 'm-stuck', 'a', 'pending', old));
    await store.containers.meetings.create(delivery('new', 'm-new', 'a', 'sent', recent));

    const retention = new DeliveryRetention(store, clock, { deliveryDays: 365, jobDays: 30 });
    assert.equal(await retention.sweepDeliveries(), 4, 'three settled deliveries and their pointer');
    assert.deepEqual(await ids('meetings', 'm-old'), ['dlv-old-d'], 'one still sending is left alone');
    assert.deepEqual(await ids('meetings', 'm-stuck'), ['dlv-stuck-a']);
    assert.deepEqual(await ids('meetings', 'm-new'), ['dlv-new-a']);
    assert.deepEqual(await ids('jobs', day(old)), ['ptr-stuck'], 'an open batch keeps its pointer');
    assert.equal(await retention.sweepDeliveries(), 0, 'a second run the same night finds nothing');

    clock.advance(340 * DAY);
    assert.equal(await retention.sweepDeliveries(), 2, 'the newer batch, once it is a year old');
    assert.deepEqual(await ids('meetings', 'm-new'), []);
    clock.set(new Date('2027-06-01T03:00:00Z'));
  });

  it('removes finished and failed jobs a month old, never one still to run', async () => {
    const old = new Date(clock.now().getTime() - 40 * DAY).toISOString();
    const recent = new Date(clock.now().getTime() - 10 * DAY).toISOString();
    await store.containers.jobs.create(job('done-old', old, 'done'));
    await store.containers.jobs.create(job('failed-old', old, 'failed'));
    await store.containers.jobs.create(job('scheduled-old', old, 'scheduled'));
    await store.containers.jobs.create(job('done-recent', recent, 'done'));
    const retention = new DeliveryRetention(store, clock, { deliveryDays: 365, jobDays: 30 });
    assert.equal(await retention.sweepJobs(), 2);
    assert.deepEqual(await ids('jobs', day(old)), ['scheduled-old']);
    assert.deepEqual(await ids('jobs', day(recent)), ['done-recent']);
  });

  it('starts the next night where the last one stopped, so days a stopped service missed are swept too', async () => {
    const retention = new DeliveryRetention(store, clock, { deliveryDays: 365, jobDays: 30 });
    await retention.sweepJobs();
    // Stopped for a year: every day that passed its cutoff meanwhile is swept on the next night.
    const during = new Date(clock.now().getTime() + 20 * DAY).toISOString();
    await store.containers.jobs.create(job('done-during', during, 'done'));
    clock.advance(400 * DAY);
    assert.equal(await retention.sweepJobs(), 2, 'the job finished meanwhile, and the one kept last time for being recent');
    assert.deepEqual(await ids('jobs', day(during)), []);
  });
});
