import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../../../src/clock';
import type { RsvpDoc } from '../../../src/features/meetings/model';
import { queryAll } from '../../../src/store/concurrency';
import { CONTAINER_NAMES, type ContainerName } from '../../../src/store/containers';
import type { DocContainer, Store } from '../../../src/store/types';
import { cardAction } from '../../support/activities';
import { invokeCard, invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';
import { meetingIdOn, membersOf, octoberForm } from '../meetings/meetingsHarness';

const SAVED = { attend: /Ditt svar: du kommer/, absent: /Frånvaro anmäld/ } as const;
const BUSY = /Det är mycket att göra just nu\. Försök igen om en liten stund\. Inget har sparats\./;
const NOTHING_SAVED = /Inget har sparats/;

/** Keeps this process's event loop behind: a synchronous stretch of `blockMs`, again and again, until stopped. */
function hogEventLoop(blockMs: number): () => void {
  let running = true;
  const hog = () => {
    if (!running) return;
    const until = performance.now() + blockMs;
    while (performance.now() < until) {
      // The work a starved or overloaded process cannot get through.
    }
    setTimeout(hog, 5);
  };
  setTimeout(hog, 0);
  return () => {
    running = false;
  };
}

/** A view of a store whose every call waits while it is held: a store slowed to a stop. */
function heldStore(inner: Store): Store & { hold(): void; release(): void } {
  let gate: Promise<void> | undefined;
  let open = () => {};
  const wrap = (container: DocContainer): DocContainer =>
    new Proxy(container, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          while (gate) await gate;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const containers = Object.fromEntries(CONTAINER_NAMES.map((name) => [name, wrap(inner.containers[name])])) as Record<ContainerName, DocContainer>;
  return {
    containers,
    ping: () => inner.ping(),
    close: () => Promise.resolve(),
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

/** Processes that keep every core busy, as other programs on a loaded machine would. */
function startBurners(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

async function stopBurners(burners: ChildProcess[]): Promise<void> {
  await Promise.all(
    burners.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

describe('overload: a lagging service says "busy" before doing anything, and every answer tells the truth', function () {
  const clock = new ManualClock('2026-10-01T08:00:00Z');

  describe('a card action while the event loop lags beyond the bound', () => {
    const members = membersOf('lansledning', 2, 1000);
    let bot: TestApp;
    const place = () => ({ serviceUrl: bot.connector.serviceUrl });
    before(async () => {
      bot = await startTestApp({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, delivery: recordingDelivery(), env: { BUSY_EVENT_LOOP_LAG_MS: '50' } });
    });
    after(async () => {
      await bot.stop();
    });

    it('is answered "busy, try again in a moment" with nothing saved; the same press once the lag is gone is saved', async () => {
      const meetingId = meetingIdOn(invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'meeting.create', octoberForm()))).body));
      const press = () => bot.post(cardAction(members[0]!.user, place(), 'meeting.rsvp', { meetingId, response: 'attend' }));
      const rsvps = () => queryAll<RsvpDoc>(bot.store.containers.meetings, meetingId, "c.type = 'rsvp'");

      const stop = hogEventLoop(200);
      let refused: { status: number; body: unknown };
      try {
        refused = await press();
      } finally {
        stop();
      }
      assert.equal(refused.status, 200);
      assert.match(invokeText(refused.body), BUSY);
      assert.deepEqual(await rsvps(), [], 'nothing saved');

      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.match(invokeText((await press()).body), SAVED.attend);
      assert.deepEqual(
        (await rsvps()).map((d) => d.aadObjectId),
        [members[0]!.user.aadObjectId],
      );
    });

    it('tells /healthz how far behind the event loop runs', async () => {
      const body = (await (await fetch(`${bot.url}/healthz`)).json()) as { status: string; eventLoopLagMs: number };
      assert.equal(body.status, 'ok');
      assert.equal(typeof body.eventLoopLagMs, 'number');
    });
  });

  describe('a card action while the instance has as many turns in flight as it takes', () => {
    const members = membersOf('lansledning', 3, 1000);
    let cosmos: MemoryCosmos;
    let store: ReturnType<typeof heldStore>;
    let bot: TestApp;
    const place = () => ({ serviceUrl: bot.connector.serviceUrl });
    before(async () => {
      cosmos = await startMemoryCosmos();
      store = heldStore(await cosmos.open());
      bot = await startTestApp({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, store, delivery: recordingDelivery(), env: { BUSY_MAX_TURNS: '2' } });
    });
    after(async () => {
      store.release();
      await bot.stop();
      await cosmos.close();
    });

    it('is answered "busy" at once with nothing saved, while the turns already running finish and are saved', async () => {
      const meetingId = meetingIdOn(invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'meeting.create', octoberForm()))).body));
      const press = (i: number) => bot.post(cardAction(members[i]!.user, place(), 'meeting.rsvp', { meetingId, response: 'attend' }));
      store.hold();
      const running = [press(0), press(1)];
      while (bot.app.bot.inFlight() < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      const third = await press(2);
      assert.match(invokeText(third.body), BUSY);
      store.release();
      for (const answer of await Promise.all(running)) assert.match(invokeText(answer.body), SAVED.attend);
      const saved = (await queryAll<RsvpDoc>(bot.store.containers.meetings, meetingId, "c.type = 'rsvp'")).map((d) => d.aadObjectId).sort();
      assert.deepEqual(saved, [members[0]!.user.aadObjectId, members[1]!.user.aadObjectId]);
    });
  });

  describe('300 members answering at once on a machine starved of CPU @slow', function () {
    this.timeout(600_000);
    const COUNT = 300;
    const members = membersOf('lansledning', COUNT, 1000);
    let bot: TestApp;
    let burners: ChildProcess[] = [];
    const place = () => ({ serviceUrl: bot.connector.serviceUrl });

    before(async () => {
      // The default bounds, as deployed.
      bot = await startTestApp({ members: [SECRETARY.entry, ...members.map((m) => m.entry)], clock, delivery: recordingDelivery(), env: { BUSY_EVENT_LOOP_LAG_MS: '', BUSY_MAX_TURNS: '' } });
    });
    after(async () => {
      await stopBurners(burners);
      await bot.stop();
    });

    it('answers every press "saved" only when it is in the store, and "nothing saved" only when it is not; /healthz keeps answering', async () => {
      const meetingId = meetingIdOn(invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'meeting.create', octoberForm()))).body));
      const response = (i: number) => (i % 2 === 0 ? 'attend' : 'absent');

      // Busy processes until the load average is about five per core (near ten on two cores, as
      // the probe saw), counting what else the machine runs; two at least.
      const loadBefore = loadavg()[0]!;
      burners = startBurners(Math.max(2, Math.min(cpus().length * 4, Math.round(cpus().length * 5 - loadBefore))));
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      const probes: Record<'healthz' | 'readyz', { ms: number[]; failed: string[] }> = { healthz: { ms: [], failed: [] }, readyz: { ms: [], failed: [] } };
      let probing = true;
      const probe = async (path: 'healthz' | 'readyz') => {
        while (probing) {
          const started = performance.now();
          const res = await fetch(`${bot.url}/${path}`).catch((err: unknown) => String(err));
          const ms = performance.now() - started;
          probes[path].ms.push(ms);
          if (typeof res === 'string' || res.status !== 200) probes[path].failed.push(`${typeof res === 'string' ? res : res.status} after ${ms.toFixed(0)} ms`);
          if (typeof res !== 'string') await res.text().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      const probing$ = Promise.all([probe('healthz'), probe('readyz')]);

      const started = performance.now();
      const answers = await Promise.all(
        members.map(async (m, i) => {
          const sent = performance.now();
          const answer = await bot.post(cardAction(m.user, place(), 'meeting.rsvp', { meetingId, response: response(i) }));
          return { ...answer, ms: performance.now() - sent };
        }),
      );
      const elapsed = performance.now() - started;
      probing = false;
      await probing$;
      await stopBurners(burners);

      const stored = new Map((await queryAll<RsvpDoc>(bot.store.containers.meetings, meetingId, "c.type = 'rsvp'")).map((d) => [d.aadObjectId, d.response]));
      const tally = { saved: 0, busy: 0, nothingSaved: 0 };
      const untrue: string[] = [];
      answers.forEach((answer, i) => {
        const who = members[i]!.user.aadObjectId;
        const text = answer.status === 200 ? invokeText(answer.body) : `HTTP ${answer.status}`;
        const expected = response(i);
        if (SAVED[expected].test(text)) {
          tally.saved += 1;
          if (stored.get(who) !== expected) untrue.push(`${who}: told saved, store has ${stored.get(who) ?? 'nothing'}`);
        } else if (NOTHING_SAVED.test(text)) {
          if (BUSY.test(text)) tally.busy += 1;
          else tally.nothingSaved += 1;
          if (stored.has(who)) untrue.push(`${who}: told nothing saved, store has ${stored.get(who)}`);
        } else {
          untrue.push(`${who}: neither saved nor nothing saved: ${text.slice(0, 120)}`);
        }
      });
      const answerMs = answers.map((a) => a.ms);
      const figure = (path: 'healthz' | 'readyz') =>
        `/${path} ${probes[path].ms.length} probes, p50 ${percentile(probes[path].ms, 50).toFixed(0)} ms, max ${Math.max(...probes[path].ms).toFixed(0)} ms, not 200: ${probes[path].failed.length === 0 ? 'none' : probes[path].failed.join(', ')}`;
      console.log(
        `      figures: ${COUNT} presses at once beside ${burners.length} CPU burners on ${cpus().length} cores (load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after) in ${(elapsed / 1000).toFixed(1)} s; ` +
          `${tally.saved} saved, ${tally.busy} busy, ${tally.nothingSaved} other "nothing saved"; untrue answers: ${untrue.length}; ` +
          `answer p50 ${percentile(answerMs, 50).toFixed(0)} ms, p99 ${percentile(answerMs, 99).toFixed(0)} ms; ${figure('healthz')}; ${figure('readyz')}`,
      );
      assert.deepEqual(untrue, [], 'every answer says what the store holds');
      assert.equal(stored.size, tally.saved, 'nothing stored that was not answered as saved');
      // Alive throughout (a failing liveness probe restarts the instance and its turns in flight); /readyz
      // may say 503 when the store's ping takes over 3 s, which takes the instance out of rotation.
      assert.deepEqual(probes.healthz.failed, [], '/healthz answered 200 throughout');
    });
  });
});
