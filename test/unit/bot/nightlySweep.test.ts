import assert from 'node:assert/strict';
import { handleNightlySweep } from '../../../src/bot/nightlySweep';
import { ManualClock } from '../../../src/clock';
import type { JobHandler, JobSpec, Scheduler } from '../../../src/delivery/types';
import { createLogger } from '../../../src/log';

function fakeScheduler() {
  const handlers = new Map<string, JobHandler<object>>();
  const scheduled: JobSpec<object>[] = [];
  const scheduler: Scheduler = {
    schedule: (job) => {
      scheduled.push(job);
      return Promise.resolve();
    },
    cancel: () => Promise.resolve(),
    handle: (kind, handler) => {
      handlers.set(kind, handler as JobHandler<object>);
    },
  };
  return { scheduler, handlers, scheduled };
}

describe('the nightly retention sweep', () => {
  const clock = new ManualClock('2027-03-10T03:00:00Z');
  const log = createLogger('silent');

  it('runs every sweep even when one fails, schedules the next night, and fails the run so it is tried again', async () => {
    const { scheduler, handlers, scheduled } = fakeScheduler();
    const ran: string[] = [];
    const sweep = (name: string, fails = false) => ({
      name,
      run: () => {
        ran.push(name);
        return fails ? Promise.reject(new Error('store unavailable')) : Promise.resolve(1);
      },
    });
    handleNightlySweep({ scheduler, clock, log }, [sweep('processedActivities'), sweep('deliveries', true), sweep('jobs')]);
    const run = handlers.get('privacy.inboxSweep')!;
    await assert.rejects(run({}, { jobId: 'sweep', runAt: clock.now(), attempt: 1 }), /retention sweeps failed: deliveries/);
    assert.deepEqual(ran, ['processedActivities', 'deliveries', 'jobs']);
    assert.deepEqual(
      scheduled.map((j) => [j.id, j.runAt.toISOString()]),
      [['inbox-sweep-2027-03-11', '2027-03-11T03:00:00.000Z']],
    );
  });
});
