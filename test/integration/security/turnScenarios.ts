import type { DirectoryEntry } from '../../../src/features/directory/directoryFile';
import { cardAction } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { SECRETARY } from '../../support/members';
import type { GuardedApp } from './harness';

/**
 * A decision a person makes with one press, as the fault tests drive it: `press` sends a fresh
 * activity each time (as a second press in Teams does), `done` tells the answer that it was made
 * (or had been made already).
 */
export interface TurnScenario {
  name: string;
  members: DirectoryEntry[];
  /** What must exist before the press (made without faults). */
  setup?(app: GuardedApp): Promise<void>;
  press(app: GuardedApp): Promise<{ status: number; body: unknown }>;
  done(answer: string): boolean;
}

const LINK_CHANNEL = { kind: 'channel' as const, channelId: '19:gavle-channel@thread.tacv2', teamId: '19:team-gavle@thread.tacv2' };

/** The decisions the fault tests run, one per feature that records something. */
export const TURN_SCENARIOS: TurnScenario[] = [
  {
    name: 'the secretariat links a team channel to Gävle',
    members: [SECRETARY.entry],
    press: (app) =>
      app.bot.post(cardAction(SECRETARY.user, { serviceUrl: app.bot.connector.serviceUrl, conversation: LINK_CHANNEL }, 'channel.link', { partyId: 'gavle' })),
    done: (answer) => /Kanalen är nu kopplad till \*\*Gävle kommun\*\*/.test(answer),
  },
];

/** The answer a person reads: the invoke's card or message text. */
export function answerText(body: unknown): string {
  return invokeText(body);
}
