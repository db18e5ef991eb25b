import type { DurableScheduler } from '../../src/delivery/scheduler';
import { installUpdate, personalConversationId, type TestUser } from './activities';
import { cardsOf, cardText } from './cards';
import { realDelivery, type TestApp } from './testApp';

/**
 * Helpers for tests that read what reaches people's chats through the real outbox: install the
 * bot for them, wait for a message, and run the scheduler when the test has moved its clock.
 */

/** The real delivery whose scheduler ticks only when the test says so (`tick`). */
export function deliveryTickedByTest(): ReturnType<typeof realDelivery> {
  return realDelivery({ scheduler: { tickMs: 3_600_000, wakeWhenDue: false } });
}

/** Runs the jobs that are due at the app's (manual) clock, as a scheduler tick would. */
export async function tick(bot: TestApp): Promise<void> {
  await (bot.app.delivery.scheduler as DurableScheduler).tick({ full: true });
}

/** Each person installs the bot in their personal chat (and gets the welcome), so the bot can write to them. */
export async function install(bot: TestApp, ...users: TestUser[]): Promise<void> {
  for (const user of users) await bot.post(installUpdate(user, { serviceUrl: bot.connector.serviceUrl }));
}

/** Everything a conversation has been shown: messages sent, and cards updated in place. */
export function shown(bot: TestApp, conversationId: string): string[] {
  const sent = bot.connector.sent(conversationId).map((a) => cardsOf(a).map(cardText).join('\n') || (typeof a.text === 'string' ? a.text : ''));
  const updated = bot.connector.updates(conversationId).map((c) => cardsOf(c.body).map(cardText).join('\n'));
  return [...sent, ...updated];
}

/** Resolves once the person's chat (or a conversation id) shows a message or update matching `pattern`; its text. */
export async function received(bot: TestApp, user: TestUser | string, pattern: RegExp): Promise<string> {
  const conversationId = typeof user === 'string' ? user : personalConversationId(user);
  const find = () => shown(bot, conversationId).find((text) => pattern.test(text));
  await bot.connector.waitFor(() => find() !== undefined, 10_000, `${pattern.source} in ${conversationId}`);
  return find()!;
}

/** How many messages and updates in the chat match `pattern`. */
export function countShown(bot: TestApp, user: TestUser | string, pattern: RegExp): number {
  const conversationId = typeof user === 'string' ? user : personalConversationId(user);
  return shown(bot, conversationId).filter((text) => pattern.test(text)).length;
}
