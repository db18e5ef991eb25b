import type { DeliveryFactory } from '../../../src/app';
import { renderCard } from '../../../src/cards/renderCard';
import { ManualClock } from '../../../src/clock';
import type { JobHandler, OutboxBatch, OutboundCard, Recipient } from '../../../src/delivery/types';
import { queryAll } from '../../../src/store/concurrency';
import type { Doc } from '../../../src/store/types';
import { cardAction, installUpdate, message, personalConversationId, type TestUser } from '../../support/activities';
import { cardsOf, cardText, invokeCard } from '../../support/cards';
import { ENGLISH_MEMBER, MEMBER_GAVLE, person, PREPARER, SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { realDelivery, startTestApp, type TestApp } from '../../support/testApp';
import { intakeForm } from '../../support/caseForm';

/** A second preparer, in the beredningsorgan by body only (no `preparer` role). */
export const PER = person('00000000-0000-4000-8000-000000000105', 'Per Beredare', 'region-gavleborg', ['beredningsorgan'], ['member']);
export const OLLE = person('00000000-0000-4000-8000-000000000106', 'Olle Ockelbo', 'ockelbo', ['lansledning'], ['member']);
export const PIA = person('00000000-0000-4000-8000-000000000107', 'Pia Politiker', 'hofors', ['politiska-ledningsgruppen'], ['member']);
export const SONJA = person('00000000-0000-4000-8000-000000000108', 'Sonja Sandviken', 'sandviken', ['styrgrupp-vastra-gastrikland'], ['member']);
export { ENGLISH_MEMBER, MEMBER_GAVLE, PREPARER, SECRETARY };

export const START = '2026-11-20T09:00:00.000Z';

/** What the outbox and scheduler were asked to do, and the job handlers features registered. */
export interface Recorded {
  batches: OutboxBatch[];
  jobs: unknown[];
  handlers: Map<string, JobHandler>;
}

function recordingWithHandlers(record: Recorded): DeliveryFactory {
  const inner = recordingDelivery(record);
  return (parts) => {
    const delivery = inner(parts);
    const handle = delivery.scheduler.handle.bind(delivery.scheduler);
    delivery.scheduler.handle = (kind, handler) => {
      record.handlers.set(kind, handler as JobHandler);
      handle(kind, handler);
    };
    return delivery;
  };
}

export interface CaseWorld {
  bot: TestApp;
  clock: ManualClock;
  /** With `recording` delivery: what was enqueued and scheduled, and the job handlers. */
  recorded: Recorded;
  place: () => { serviceUrl: string };
}

const EVERYONE = [MEMBER_GAVLE, PREPARER, PER, SECRETARY, ENGLISH_MEMBER, OLLE, PIA, SONJA];

/**
 * The bot with a directory of members, on a manual clock. With `real` delivery (the default) every
 * member has installed the bot in their personal chat and messages reach the fake Bot Connector
 * through the outbox; `recording` only records what was enqueued, for tests about something else
 * (numbering, refusals, lists), where a test looks at the store instead.
 */
export async function startCaseWorld(delivery: 'real' | 'recording' = 'real'): Promise<CaseWorld> {
  const recorded: Recorded = { batches: [], jobs: [], handlers: new Map() };
  const clock = new ManualClock(START);
  const bot = await startTestApp({
    members: EVERYONE.map((p) => p.entry),
    clock,
    delivery: delivery === 'real' ? realDelivery() : recordingWithHandlers(recorded),
  });
  const world = { bot, clock, recorded, place: () => ({ serviceUrl: bot.connector.serviceUrl }) };
  if (delivery === 'real') await Promise.all(EVERYONE.map(({ user }) => bot.post(installUpdate(user, world.place()))));
  return world;
}

export { intakeForm };

/** Presses a button (Action.Execute) and returns the card the person then sees, as text. */
export async function press(world: CaseWorld, user: TestUser, verb: string, data: object): Promise<string> {
  const res = await world.bot.post(cardAction(user, world.place(), verb, data));
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return cardText(invokeCard(res.body));
}

/** Submits the intake form; returns the case number from the receipt. */
export async function submit(world: CaseWorld, user: TestUser, overrides: Record<string, string> = {}): Promise<string> {
  const receipt = await press(world, user, 'case.submit', intakeForm(overrides));
  const number = /LV-\d{4}-\d{4,}/.exec(receipt)?.[0];
  if (!number) throw new Error(`no case number on the receipt:\n${receipt}`);
  return number;
}

/** Types a command in the personal chat; returns the bot's replies to it, as text. */
export async function say(world: CaseWorld, user: TestUser, text: string): Promise<string[]> {
  const activity = message(user, world.place(), text);
  await world.bot.post(activity);
  return world.bot.connector.calls
    .filter((c) => c.method === 'POST' && c.status < 300 && c.conversationId === personalConversationId(user) && c.activityId === activity.id)
    .map((c) => textOf(c.body));
}

function messageFor(batch: OutboxBatch, recipient: Recipient): OutboundCard {
  return typeof batch.message === 'function' ? batch.message(recipient) : batch.message;
}

/** With `recording` delivery: what was enqueued for a member, in order, as the card they would read. */
export function enqueuedFor(world: CaseWorld, user: TestUser): { batchId: string; replaces: string | undefined; template: string; text: string }[] {
  return world.recorded.batches.flatMap((batch) =>
    batch.recipients
      .filter((r) => r.kind === 'member' && r.aadObjectId === user.aadObjectId)
      .map((r) => {
        const card = messageFor(batch, r);
        return { batchId: batch.batchId, replaces: batch.replaces, template: card.template, text: cardText(renderCard(card.template, card.data, card.locale ?? 'sv')) };
      }),
  );
}

function textOf(activity: Record<string, unknown>): string {
  const cards = cardsOf(activity);
  return cards.length > 0 ? cards.map(cardText).join('\n') : typeof activity.text === 'string' ? activity.text : '';
}

/** What a member's personal chat shows from the bot, besides the welcome: new messages, and cards updated in place. */
export function chatOf(world: CaseWorld, user: TestUser): { messages: string[]; updates: string[] } {
  const conversation = personalConversationId(user);
  const messages = world.bot.connector.sent(conversation).map(textOf).filter((text) => !/Välkommen till|Welcome to/.test(text));
  const updates = world.bot.connector.updates(conversation).map((call) => textOf(call.body));
  return { messages, updates };
}

/** Waits until a member's chat shows what `predicate` looks for (the delivery worker sends in the background). */
export async function waitForChat(
  world: CaseWorld,
  user: TestUser,
  what: string,
  predicate: (chat: { messages: string[]; updates: string[] }) => boolean,
): Promise<{ messages: string[]; updates: string[] }> {
  await world.bot.connector.waitFor(() => predicate(chatOf(world, user)), 10_000, `${user.name}: ${what}`);
  return chatOf(world, user);
}

/**
 * The outbox records of a case addressed to a member. They are written before the bot answers the
 * press, so a test can say that someone was not (or was) addressed without waiting for the sender.
 */
export async function deliveriesFor(world: CaseWorld, caseId: string, user: TestUser): Promise<{ batchId: string }[]> {
  const docs = await casePartition(world, caseId);
  return docs
    .filter((d) => d.type === 'delivery' && (d.recipient as Recipient).kind === 'member')
    .filter((d) => (d.recipient as { aadObjectId: string }).aadObjectId === user.aadObjectId)
    .map((d) => ({ batchId: String(d.batchId) }));
}

/** Every stored document of one partition of the cases container. */
export function casePartition(world: CaseWorld, pk: string): Promise<(Doc & Record<string, unknown>)[]> {
  return queryAll<Doc & Record<string, unknown>>(world.bot.store.containers.cases, pk, '');
}
