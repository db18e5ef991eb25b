import { randomUUID } from 'node:crypto';
import { cardAction, personalSighting, type TestUser } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { person } from '../../support/members';
import type { TestApp } from '../../support/testApp';
import { ELEVEN_PARTY_IDS } from '../../../src/directory/seed';
import type { DirectoryEntry } from '../../../src/directory/directoryFile';

export type Person = { entry: DirectoryEntry; user: TestUser };

/** `perParty` managers (members of Länsledning) for each of the eleven parties, with generated ids. */
export function managers(perParty: number): Person[] {
  return managersInAll(perParty * ELEVEN_PARTY_IDS.length);
}

/** `total` managers spread over the eleven parties as evenly as they go. */
export function managersInAll(total: number): Person[] {
  return Array.from({ length: total }, (_, i) => {
    const p = i % ELEVEN_PARTY_IDS.length;
    const n = Math.floor(i / ELEVEN_PARTY_IDS.length);
    const partyId = ELEVEN_PARTY_IDS[p]!;
    return person(`00000000-0000-4000-9${String(p).padStart(3, '0')}-${String(n).padStart(12, '0')}`, `Chef ${n + 1} ${partyId}`, partyId, ['lansledning'], ['member']);
  });
}

/** Records each person's personal chat with the bot, as an install would, without a welcome. */
export async function installPersonal(bot: TestApp, people: readonly Person[], serviceUrl = bot.connector.serviceUrl): Promise<void> {
  const queue = [...people];
  const installOne = async (p: Person) => {
    await bot.app.deps.directory.sawConversation(personalSighting(p.user, serviceUrl));
  };
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) await installOne(p);
    }),
  );
}

export function channelIdOf(partyId: string): string {
  return `19:${partyId}@thread.tacv2`;
}

/** The secretariat links a team channel to each party, from inside the channel (`channel.link`). */
export async function linkChannels(bot: TestApp, secretary: TestUser, partyIds: readonly string[], serviceUrl = bot.connector.serviceUrl): Promise<void> {
  for (const partyId of partyIds) {
    const place = { serviceUrl, conversation: { kind: 'channel' as const, channelId: channelIdOf(partyId), teamId: `team-${partyId}` } };
    const res = await bot.post(cardAction(secretary, place, 'channel.link', { partyId }));
    if (!/kopplad/.test(invokeText(res.body))) throw new Error(`channel for ${partyId} not linked: ${invokeText(res.body)}`);
  }
}

/** A press on a card in the person's personal chat. */
export async function press(
  bot: TestApp,
  user: TestUser,
  verb: string,
  data: object,
  serviceUrl = bot.connector.serviceUrl,
): Promise<{ status: number; body: unknown }> {
  return bot.post(cardAction(user, { serviceUrl }, verb, data, `card-${randomUUID()}`));
}

/** The data of the card's button with this verb (what pressing it would send). */
export function buttonData(card: Record<string, unknown>, verb: string): Record<string, unknown> {
  const actions = (card.actions as { verb?: string; data?: Record<string, unknown> }[] | undefined) ?? [];
  const action = actions.find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} button on the card; buttons: ${actions.map((a) => a.verb).join(', ')}`);
  return action.data ?? {};
}

export function hasButton(card: Record<string, unknown>, verb: string): boolean {
  return ((card.actions as { verb?: string }[] | undefined) ?? []).some((a) => a.verb === verb);
}
