import assert from 'node:assert/strict';
import type { DurableScheduler, SchedulerOptions } from '../../../src/delivery/scheduler';
import { createScheduler } from '../../../src/delivery/scheduler';
import type { JobDoc } from '../../../src/delivery/jobDocs';
import { dueDatePk } from '../../../src/delivery/jobDocs';
import type { JobContext } from '../../../src/delivery/types';
import { createLogger } from '../../../src/log';
import type { Store } from '../../../src/store/types';
import type { MemoryCosmos } from '../../support/memoryCosmos';
import { startMemoryCosmos } from '../../support/memoryCosmos';
import { SkewClock } from '../../support/skewClock';

const DAY = 86_400_000;

describe('durable scheduler', function () {
  this.timeout(20_000);
  let cosmos: MemoryCosmos;
  let store: Store;
  let clock: SkewClock;

  before(async () => {
    cosmos = await startMemoryCosmos();
  });
  after(async () => {
    await cosmos.close();
  });
  beforeEach(async () => {
    store = await cosmos.open();
    clock = new SkewClock();
  });

  function scheduler(owner: string, options: Partial<SchedulerOptions> = {}): DurableScheduler {
    return createScheduler({ store, clock, log: createLogger('silent'), options: { owner, leaseMs: 60_000, ...options } });
  }

  function job(id: string, runAt: Date): Promise<JobDoc | undefined> {
    return store.containers.jobs.read<JobDoc>(dueDatePk(runAt), id);
  }

  it('runs a due job once, however many instances tick at the same time', async () => {
    const runs: { payload: object; context: JobContext }[] = [];
    const instances = [scheduler('a'), scheduler('b'), scheduler('c')];
    for (const s of instances) {
      s.handle<{ meetingId: string }>('meeting.reminder', (payload, context) => {
        runs.push({ payload, context });
        return Promise.resolve();
      });
    }
    const runAt = new Date(clock.now().getTime() - 1_000);
    await instances[0]!.schedule({ id: 'reminder:m1', kind: 'meeting.reminder', runAt, payload: { meetingId: 'm1' } });
    for (let round = 0; round < 3; round++) await Promise.all(instances.map((s) => s.tick()));

    assert.equal(runs.length, 1);
    assert.deepEqual(runs[0]?.payload, { meetingId: 'm1' });
    assert.deepEqual(runs[0]?.context, { jobId: 'reminder:m1', runAt, attempt: 1 });
    assert.equal((await job('reminder:m1', runAt))?.status, 'done');
  });

  it('does not run a job before it is due, and runs it from the tick loop when it is', async () => {
    const s = scheduler('a', { tickMs: 20 });
    let ran!: () => void;
    const done = new Promise<void>((resolve) => (ran = resolve));
    s.handle('meeting.reminder', () => (ran(), Promise.resolve()));
    const runAt = new Date(clock.now().getTime() + 3_600_000);
    await s.schedule({ id: 'reminder:m2', kind: 'meeting.reminder', runAt, payload: {} });
    assert.deepEqual(await s.tick(), { ran: 0, failed: 0, skipped: 0 });

    const loop = s.start();
    clock.advance(3_600_000);
    await done;
    await loop.stop();
    assert.equal((await job('reminder:m2', runAt))?.status, 'done');
  });

  it('runs a job again when the instance running it died, once its lease has expired', async () => {
    const a = scheduler('a');
    const b = scheduler('b');
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const hang = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    a.handle('digest', () => ((runs += 1), started(), hang));
    b.handle('digest', () => ((runs += 1), Promise.resolve()));
    const runAt = new Date(clock.now().getTime() - 1_000);
    await a.schedule({ id: 'digest:weekly', kind: 'digest', runAt, payload: {} });

    const stuck = a.tick();
    await running;
    assert.deepEqual(await b.tick(), { ran: 0, failed: 0, skipped: 1 }, 'the lease holds');
    clock.advance(60_001);
    assert.deepEqual(await b.tick(), { ran: 1, failed: 0, skipped: 0 }, 'taken over after the lease');
    release();
    await stuck;
    assert.equal(runs, 2, 'a run whose instance died is run again: at least once, not exactly once');
    assert.equal((await job('digest:weekly', runAt))?.status, 'done');
  });

  it('retries a failing job with backoff, then marks it failed', async () => {
    const s = scheduler('a', { retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 } });
    let attempts = 0;
    s.handle('case.escalate', () => {
      attempts += 1;
      return Promise.reject(new Error('directory unavailable'));
    });
    const runAt = new Date(clock.now().getTime() - 1_000);
    await s.schedule({ id: 'escalate:c1', kind: 'case.escalate', runAt, payload: {} });

    assert.deepEqual(await s.tick(), { ran: 0, failed: 1, skipped: 0 });
    assert.deepEqual(await s.tick(), { ran: 0, failed: 0, skipped: 1 }, 'backing off');
    clock.advance(1_000);
    assert.deepEqual(await s.tick(), { ran: 0, failed: 1, skipped: 0 });
    clock.advance(2_000);
    assert.deepEqual(await s.tick(), { ran: 0, failed: 1, skipped: 0 });
    clock.advance(60_000);
    assert.deepEqual(await s.tick(), { ran: 0, failed: 0, skipped: 0 }, 'failed for good: no longer due');
    assert.equal(attempts, 3);
    const doc = await job('escalate:c1', runAt);
    assert.deepEqual({ status: doc?.status, lastError: doc?.lastError }, { status: 'failed', lastError: 'directory unavailable' });
  });

  it('replaces a job scheduled again before it ran, keeps one that ran, and cancels one that has not', async () => {
    const s = scheduler('a');
    const seen: unknown[] = [];
    s.handle('meeting.reminder', (payload) => (seen.push(payload), Promise.resolve()));
    const runAt = new Date(clock.now().getTime() - 1_000);
    await s.schedule({ id: 'reminder:m3', kind: 'meeting.reminder', runAt, payload: { v: 1 } });
    await s.schedule({ id: 'reminder:m3', kind: 'meeting.reminder', runAt, payload: { v: 2 } });
    await s.tick();
    await s.schedule({ id: 'reminder:m3', kind: 'meeting.reminder', runAt, payload: { v: 3 } });
    await s.tick();
    assert.deepEqual(seen, [{ v: 2 }]);

    await s.schedule({ id: 'reminder:m4', kind: 'meeting.reminder', runAt, payload: {} });
    await s.cancel('reminder:m4', runAt);
    await s.cancel('no-such-job', runAt);
    await s.tick();
    assert.equal(seen.length, 1);
    assert.equal(await job('reminder:m4', runAt), undefined);
  });

  it('looks back over earlier dates: yesterday on every tick, the last week on a full tick, not further', async () => {
    const s = scheduler('a');
    const ran: string[] = [];
    s.handle('late', (_payload, context) => (ran.push(context.jobId), Promise.resolve()));
    const now = clock.now().getTime();
    for (const [id, daysAgo] of [['yesterday', 1], ['three-days', 3], ['nine-days', 9]] as const) {
      await s.schedule({ id, kind: 'late', runAt: new Date(now - daysAgo * DAY), payload: {} });
    }
    await s.tick();
    assert.deepEqual(ran, ['yesterday']);
    await s.tick({ full: true });
    assert.deepEqual(ran, ['yesterday', 'three-days']);
  });

  it('leaves a job whose kind has no handler here to an instance that has one', async () => {
    const here = scheduler('a');
    const there = scheduler('b');
    let ran = 0;
    there.handle('remiss.deadline', () => ((ran += 1), Promise.resolve()));
    const runAt = new Date(clock.now().getTime() - 1_000);
    await here.schedule({ id: 'deadline:r1', kind: 'remiss.deadline', runAt, payload: {} });
    assert.deepEqual(await here.tick(), { ran: 0, failed: 0, skipped: 1 });
    assert.deepEqual(await there.tick(), { ran: 1, failed: 0, skipped: 0 });
    assert.equal(ran, 1);
    assert.throws(() => there.handle('remiss.deadline', () => Promise.resolve()), /already registered/);
  });
});
