import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import { isoDate } from '../../../src/dates/dates';
import type { RsvpDoc } from '../../../src/features/meetings/model';
import { createLogger } from '../../../src/log';
import { openStore } from '../../../src/store';
import { queryAll } from '../../../src/store/concurrency';
import { CONTAINER_NAMES, type ContainerName } from '../../../src/store/containers';
import type { DocContainer, Store } from '../../../src/store/types';
import { cardAction } from '../../support/activities';
import { startBotProcess, type BotProcess } from '../../support/botProcess';
import { invokeCard, invokeText } from '../../support/cards';
import { FakeConnector } from '../../support/fakeConnector';
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

    /** Posts until the answer is not "busy": with a bound this low, a loaded machine's own lag may refuse a turn now and then. */
    const untilNotBusy = async (activity: object) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await bot.post(activity);
        if (attempt === 50 || !BUSY.test(invokeText(answer.body))) return answer;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    it('is answered "busy, try again in a moment" with nothing saved; the same press once the lag is gone is saved', async () => {
      const meetingId = meetingIdOn(invokeCard((await untilNotBusy(cardAction(SECRETARY.user, place(), 'meeting.create', octoberForm()))).body));
      const activity = cardAction(members[0]!.user, place(), 'meeting.rsvp', { meetingId, response: 'attend' });
      const press = () => bot.post(activity);
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

      assert.match(invokeText((await untilNotBusy(activity)).body), SAVED.attend);
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
    let connector: FakeConnector;
    let service: BotProcess | undefined;
    let dataDir: string;
    let burners: ChildProcess[] = [];

    before(async () => {
      connector = await new FakeConnector().start();
      dataDir = mkdtempSync(join(tmpdir(), 'lv-overload-'));
      writeFileSync(join(dataDir, 'directory.json'), JSON.stringify({ members: [SECRETARY.entry, ...members.map((m) => m.entry)] }));
      // The service in a process of its own (the embedded store in it), as deployed, with the default bounds.
      service = await startBotProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: join(dataDir, 'directory.json'), BUSY_EVENT_LOOP_LAG_MS: '', BUSY_MAX_TURNS: '' }, 120_000);
    });
    after(async () => {
      await stopBurners(burners);
      await service?.stop('SIGKILL');
      await connector.stop();
    });

    it('answers every press "saved" only when it is in the store, and "nothing saved" only when it is not; /healthz keeps answering', async () => {
      const bot = service!;
      const post = async (activity: object) => {
        const sent = performance.now();
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        const text = await res.text();
        return { status: res.status, body: res.status === 200 ? (JSON.parse(text) as unknown) : text, ms: performance.now() - sent };
      };
      const place = { serviceUrl: connector.serviceUrl };
      // A meeting on a Friday (the day set aside for the collaboration) two or three weeks ahead.
      const day = new Date(Date.now() + 14 * 86_400_000);
      day.setUTCDate(day.getUTCDate() + ((5 - day.getUTCDay() + 7) % 7));
      const deadline = new Date(day.getTime() - 7 * 86_400_000);
      const created = await post(cardAction(SECRETARY.user, place, 'meeting.create', octoberForm({ date: isoDate(day), rsvpDeadline: isoDate(deadline) })));
      const meetingId = meetingIdOn(invokeCard(created.body));
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
      const answers = await Promise.all(members.map((m, i) => post(cardAction(m.user, place, 'meeting.rsvp', { meetingId, response: response(i) }))));
      const elapsed = performance.now() - started;
      probing = false;
      await probing$;
      await stopBurners(burners);
      const loadAfter = loadavg()[0]!;

      // What the store holds, read from the data directory once the service has stopped.
      await bot.stop('SIGTERM');
      service = undefined;
      const opened = await openStore(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), createLogger('silent'));
      let stored: Map<string, string>;
      try {
        stored = new Map((await queryAll<RsvpDoc>(opened.store.containers.meetings, meetingId, "c.type = 'rsvp'")).map((d) => [d.aadObjectId, d.response]));
      } finally {
        await opened.store.close();
      }

      const ms = { saved: [] as number[], busy: [] as number[], nothingSaved: [] as number[] };
      const untrue: string[] = [];
      answers.forEach((answer, i) => {
        const who = members[i]!.user.aadObjectId;
        const text = answer.status === 200 ? invokeText(answer.body) : `HTTP ${answer.status}`;
        const expected = response(i);
        if (SAVED[expected].test(text)) {
          ms.saved.push(answer.ms);
          if (stored.get(who) !== expected) untrue.push(`${who}: told saved, store has ${stored.get(who) ?? 'nothing'}`);
        } else if (NOTHING_SAVED.test(text)) {
          (BUSY.test(text) ? ms.busy : ms.nothingSaved).push(answer.ms);
          if (stored.has(who)) untrue.push(`${who}: told nothing saved, store has ${stored.get(who)}`);
        } else {
          untrue.push(`${who}: neither saved nor nothing saved: ${text.slice(0, 120)}`);
        }
      });
      const timing = (values: number[]) => (values.length === 0 ? '' : ` (p50 ${(percentile(values, 50) / 1000).toFixed(1)} s, max ${(Math.max(...values) / 1000).toFixed(1)} s)`);
      const figure = (path: 'healthz' | 'readyz') =>
        `/${path} ${probes[path].ms.length} probes, p50 ${percentile(probes[path].ms, 50).toFixed(0)} ms, p90 ${percentile(probes[path].ms, 90).toFixed(0)} ms, max ${Math.max(...probes[path].ms).toFixed(0)} ms, not 200: ${probes[path].failed.length === 0 ? 'none' : probes[path].failed.join(', ')}`;
      console.log(
        `      figures: ${COUNT} presses at once beside ${burners.length} CPU burners on ${cpus().length} cores (load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after) in ${(elapsed / 1000).toFixed(1)} s; ` +
          `${ms.saved.length} saved${timing(ms.saved)}, ${ms.busy.length} busy${timing(ms.busy)}, ${ms.nothingSaved.length} other "nothing saved"${timing(ms.nothingSaved)}; untrue answers: ${untrue.length}; ` +
          `${figure('healthz')}; ${figure('readyz')}`,
      );
      assert.deepEqual(untrue, [], 'every answer says what the store holds');
      assert.equal(stored.size, ms.saved.length, 'nothing stored that was not answered as saved');
      // Alive throughout (a failing liveness probe restarts the instance and its turns in flight); /readyz
      // may say 503 when the store's ping takes over 3 s, which takes the instance out of rotation.
      assert.deepEqual(probes.healthz.failed, [], '/healthz answered 200 throughout');
    });
  });
});
