import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlayground, type RunningPlayground } from '../../../scripts/playground/launch';
import type { PersonKey } from '../../../scripts/playground/roster';
import { launchBrowser, type Browser } from './browser';
import { ARTIFACTS, TeamsClient } from './teamsClient';

/** The bot, one Playground per person and a browser: what an end-to-end run needs. */
export interface Session {
  playground: RunningPlayground;
  browser: Browser;
  /** Opens (once) the person's Teams client in its own tab. */
  client(person: PersonKey): Promise<TeamsClient>;
  /** Screenshots of every open client, to see what went wrong. */
  screenshotAll(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts everything on free ports in a fresh working folder; `stop()` ends it all, also after a failure. */
export async function startSession(people: readonly PersonKey[]): Promise<Session> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  const workDir = mkdtempSync(join(tmpdir(), 'lv-e2e-'));
  const keepLogs = () => cpSync(join(workDir, 'logs'), join(ARTIFACTS, 'logs'), { recursive: true });
  // A browser beside the bot on a small machine lags the event loop now and then: the steps expect
  // their answers, not "busy, try again" (that rule has its own test, overload.test.ts).
  const botEnv = { BUSY_EVENT_LOOP_LAG_MS: '0', BUSY_MAX_TURNS: '0' };
  const playground = await startPlayground({ people, workDir, locale: 'sv-SE', logLevel: 'info', botEnv }).catch((err: unknown) => {
    keepLogs();
    throw new Error(`the Playground did not start (logs in ${join(ARTIFACTS, 'logs')}): ${(err as Error).message}`);
  });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await playground.stop();
    throw err;
  }
  const opened = new Map<PersonKey, Promise<TeamsClient>>();
  return {
    playground,
    browser,
    client(person) {
      let client = opened.get(person);
      if (!client) {
        client = TeamsClient.open(browser.context, playground.client(person));
        opened.set(person, client);
      }
      return client;
    },
    async screenshotAll(name) {
      const slug = name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      for (const [person, client] of opened) await (await client).screenshot(`${slug}-${person}`);
    },
    async stop() {
      try {
        await browser.close();
      } finally {
        await playground.stop();
        // The processes' logs stay beside the screenshots, for a failure in CI.
        keepLogs();
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}
