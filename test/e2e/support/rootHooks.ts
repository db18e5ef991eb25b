import type { PersonKey } from '../../../scripts/playground/roster';
import { startSession, type Session } from './session';

declare module 'mocha' {
  interface Context {
    /** The bot, a Playground per person and the browser, shared by every step of the run. */
    session: Session;
  }
}

/** Whose Teams clients the run opens: the secretariat, two members of different parties and a preparer. */
const PEOPLE_IN_RUN: readonly PersonKey[] = ['sara', 'anna', 'maria', 'petra'];

/** Mocha root hooks: one session for the whole run, stopped at the end even after a failure. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(180_000);
    this.session = await startSession(PEOPLE_IN_RUN);
  },
  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    if (test?.state === 'failed' && this.session) await this.session.screenshotAll(`failed-${test.title}`);
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await this.session?.stop();
  },
};
