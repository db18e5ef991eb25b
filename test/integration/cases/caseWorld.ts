import type { DeliveryFactory } from '../../../src/app';
import { renderCard } from '../../../src/cards/renderCard';
import { ManualClock } from '../../../src/clock';
import type { JobHandler, OutboxBatch, OutboundCard, Recipient } from '../../../src/delivery/types';
import { queryAll } from '../../../src/store/concurrency';
import type { Doc } from '../../../src/store/types';
import { cardAction, message, personalConversationId, type TestUser } from '../../support/activities';
import { cardsOf, cardText, invokeCard } from '../../support/cards';
import { ENGLISH_MEMBER, MEMBER_GAVLE, person, PREPARER, SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';

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
  recorded: Recorded;
  place: () => { serviceUrl: string };
}

export async function startCaseWorld(): Promise<CaseWorld> {
  const recorded: Recorded = { batches: [], jobs: [], handlers: new Map() };
  const clock = new ManualClock(START);
  const bot = await startTestApp({
    members: [MEMBER_GAVLE, PREPARER, PER, SECRETARY, ENGLISH_MEMBER, OLLE, PIA, SONJA].map((p) => p.entry),
    clock,
    delivery: recordingWithHandlers(recorded),
  });
  return { bot, clock, recorded, place: () => ({ serviceUrl: bot.connector.serviceUrl }) };
}

/** The intake form as a member fills it in. */
export function intakeForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Gemensam rutin för SIP vid utskrivning',
    description: 'Kommunerna och regionen arbetar olika med SIP vid utskrivning från slutenvården.',
    type: 'proposal',
    area: 'vard-omsorg',
    perspectives: 'halsoframjande',
    vulnerableGroups: 'false',
    parties: 'gavle,sandviken',
    wishedDate: '',
    links: '',
    involved: '',
    principled: 'false',
    ...overrides,
  };
}

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

/** Types a command in the personal chat; returns the cards the bot answered with, as text. */
export async function say(world: CaseWorld, user: TestUser, text: string): Promise<string[]> {
  const before = world.bot.connector.sent(personalConversationId(user)).length;
  await world.bot.post(message(user, world.place(), text));
  return world.bot.connector
    .sent(personalConversationId(user))
    .slice(before)
    .map((a) => (cardsOf(a).length > 0 ? cardsOf(a).map(cardText).join('\n') : String(a.text)));
}

function messageFor(batch: OutboxBatch, recipient: Recipient): OutboundCard {
  return typeof batch.message === 'function' ? batch.message(recipient) : batch.message;
}

/** What a member was sent through the outbox, in order, as the card they would read. */
export function messagesTo(world: CaseWorld, user: TestUser): { batchId: string; replaces: string | undefined; template: string; text: string }[] {
  return world.recorded.batches.flatMap((batch) =>
    batch.recipients
      .filter((r) => r.kind === 'member' && r.aadObjectId === user.aadObjectId)
      .map((r) => {
        const card = messageFor(batch, r);
        return { batchId: batch.batchId, replaces: batch.replaces, template: card.template, text: cardText(renderCard(card.template, card.data, card.locale ?? 'sv')) };
      }),
  );
}

/** Every stored document of one partition of the cases container. */
export function casePartition(world: CaseWorld, pk: string): Promise<(Doc & Record<string, unknown>)[]> {
  return queryAll<Doc & Record<string, unknown>>(world.bot.store.containers.cases, pk, '');
}
