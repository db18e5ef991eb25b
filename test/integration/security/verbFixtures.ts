import { cardAction } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { ACTORS, type RoleName } from './actors';
import type { GuardedApp } from './harness';

export type PlaceKind = 'personal' | 'channel';

/** What a fixture can do to prepare a press: act as anyone, anywhere. */
export interface FixtureContext {
  app: GuardedApp;
  /** Presses a card as `role` and returns what they read. */
  press(role: RoleName, verb: string, data: unknown, where?: PlaceKind): Promise<{ status: number; text: string }>;
}

/**
 * How to use one verb validly: `payload` makes what the verb acts on (fresh for every call, so
 * one role's action never makes the next one's stale) and returns card data a permitted person
 * could send. The fuzzer starts from the same data.
 */
export interface VerbFixture {
  verb: string;
  where?: PlaceKind;
  payload(ctx: FixtureContext, role: RoleName): Promise<Record<string, unknown>>;
  /** What a permitted person reads when it was carried out. */
  allowed?: RegExp;
  /** Fields that name a thing (meeting, case, broadcast…), which the fuzzer points elsewhere. */
  idFields?: string[];
  /** Fields holding dates, which the fuzzer puts out of range. */
  dateFields?: string[];
  /** Ids of things of the same kind the verb must refuse to touch for this person (another meeting, an unknown id). */
  foreignIds?(ctx: FixtureContext, role: RoleName): Promise<Record<string, string[]>>;
}

export const CHANNEL = { kind: 'channel' as const, channelId: '19:security-channel@thread.tacv2', teamId: '19:security-team@thread.tacv2' };

export function placeOf(serviceUrl: string, where: PlaceKind = 'personal') {
  return where === 'channel' ? { serviceUrl, conversation: CHANNEL } : { serviceUrl };
}

/** A context over a running app. */
export function fixtureContext(app: GuardedApp): FixtureContext {
  return {
    app,
    async press(role, verb, data, where = 'personal') {
      const res = await app.bot.post(cardAction(ACTORS[role].user, placeOf(app.bot.connector.serviceUrl, where), verb, data));
      return { status: res.status, text: res.status === 200 ? invokeText(res.body) : JSON.stringify(res.body) };
    },
  };
}

export const FIXTURES: VerbFixture[] = [
  {
    verb: 'help.show',
    payload: () => Promise.resolve({}),
    allowed: /Dina roller|Du finns inte i katalogen\. Kontakta/,
  },
  {
    verb: 'channel.link',
    where: 'channel',
    payload: () => Promise.resolve({ partyId: 'gavle' }),
    allowed: /Kanalen är nu kopplad till \*\*Gävle kommun\*\*/,
    idFields: ['partyId'],
    foreignIds: () => Promise.resolve({ partyId: ['uppsala', 'lansledning'] }),
  },
];

export function fixtureFor(verb: string): VerbFixture | undefined {
  return FIXTURES.find((f) => f.verb === verb);
}
