import type { DeliveryFactory } from '../../src/app';
import { createProactiveSender } from '../../src/bot/proactiveSender';
import type { DeliveryService } from '../../src/delivery/delivery';
import { createDelivery } from '../../src/delivery/delivery';
import { installUpdate, personalConversationId, type TestUser } from './activities';
import { cardsOf, cardText } from './cards';
import type { TestApp } from './testApp';

/**
 * The real outbox, worker and scheduler over the test's store, sending to the fake Bot Connector
 * through the real HTTP sender. The scheduler does not tick by itself: a test moves its clock and
 * calls `tick()`, as time would pass.
 */
export function liveDelivery(): { factory: DeliveryFactory; tick(): Promise<void> } {
  let service: DeliveryService | undefined;
  return {
    factory: (parts) => {
      service = createDelivery({
        ...parts,
        sender: createProactiveSender({ config: parts.config, log: parts.log }),
        worker: { pollMs: 20, busyDiscoveryMs: 50, heartbeatMs: 500, replaceWaitMs: 5_000 },
        scheduler: { tickMs: 3_600_000 },
      });
      return service;
    },
    async tick() {
      if (!service) throw new Error('the app has not started');
      await service.scheduler.tick({ full: true });
    },
  };
}

/** Each person installs the bot in their personal chat (and gets the welcome), so the bot can write to them. */
export async function install(bot: TestApp, ...users: TestUser[]): Promise<void> {
  for (const user of users) await bot.post(installUpdate(user, { serviceUrl: bot.connector.serviceUrl }));
}

/** Everything a conversation has been shown: messages sent, and the latest text of cards updated in place. */
export function shown(bot: TestApp, conversationId: string): string[] {
  const sent = bot.connector.sent(conversationId).map((a) => cardsOf(a).map(cardText).join('\n') || (typeof a.text === 'string' ? a.text : ''));
  const updated = bot.connector.updates(conversationId).map((c) => cardsOf(c.body).map(cardText).join('\n'));
  return [...sent, ...updated];
}

/** Resolves once the person's chat shows a message (or an update) matching `pattern`; its text. */
export async function received(bot: TestApp, user: TestUser | string, pattern: RegExp): Promise<string> {
  const conversationId = typeof user === 'string' ? user : personalConversationId(user);
  const find = () => shown(bot, conversationId).find((text) => pattern.test(text));
  await bot.connector.waitFor(() => find() !== undefined, 10_000, `${pattern.source} in ${conversationId}`);
  return find()!;
}

/** How many messages and updates in the person's chat match `pattern`. */
export function countShown(bot: TestApp, user: TestUser | string, pattern: RegExp): number {
  const conversationId = typeof user === 'string' ? user : personalConversationId(user);
  return shown(bot, conversationId).filter((text) => pattern.test(text)).length;
}
