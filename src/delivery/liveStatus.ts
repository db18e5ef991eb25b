import type { Clock } from '../clock';
import type { Locale } from '../config';
import type { ContainerName } from '../store/containers';
import type { OutboundCard, Outbox } from './types';

/**
 * Live status cards. A secretariat's status card (of a broadcast, a meeting, a remiss) is updated
 * in place when answers arrive: answers recorded within the same few seconds share one update, so
 * a burst of answers costs a few updates per card, well inside Teams' limits for a conversation.
 */
export const UPDATE_WINDOW_MS = 5_000;

/**
 * The windows this instance has already scheduled an update for, by key (a broadcast, a meeting,
 * a remiss) and window. The window is taken after the answer was written and the update runs when
 * it has ended, so whichever instance runs it reads that answer. The others of the window cost
 * nothing; a restart forgets them, and scheduling the same job again changes nothing.
 */
export class UpdateWindows {
  private readonly scheduled = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = UPDATE_WINDOW_MS,
  ) {}

  /** Calls `schedule` once per key and window, with the window's number and the moment it ends. */
  async request(key: string, schedule: (window: number, runAt: Date) => Promise<void>): Promise<void> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / this.windowMs);
    const runAt = (window + 1) * this.windowMs;
    const id = `${key}/${window}`;
    if (this.scheduled.has(id)) return;
    await schedule(window, new Date(runAt));
    for (const [earlier, at] of this.scheduled) if (at < now) this.scheduled.delete(earlier);
    this.scheduled.set(id, runAt);
  }
}

/** A status card the bot showed in answer to a press: the message that holds it. */
export interface PostedCard {
  conversationKey: string;
  conversationId: string;
  activityId: string;
  /** Who was shown it, in which language (their view: their links and refresh). */
  viewer: string;
  locale: Locale;
}

/** Status cards remembered per meeting or remiss: the latest few, each updated when answers arrive. */
export const POSTED_CARDS_KEPT = 5;

/** The list with this card added (the latest last), or null when it is already there. */
export function withPostedCard(list: readonly PostedCard[] | undefined, card: PostedCard): PostedCard[] | null {
  const known = list ?? [];
  if (known.some((c) => c.activityId === card.activityId && c.conversationId === card.conversationId)) return null;
  return [...known, card].slice(-POSTED_CARDS_KEPT);
}

/**
 * Queues the in-place update of every posted card, one batch per card and window (a job that runs
 * twice queues nothing twice). A card whose message is gone gets a new message instead.
 */
export async function updatePostedCards(
  outbox: Outbox,
  source: { container: ContainerName; pk: string },
  cards: readonly PostedCard[],
  window: number,
  message: (card: PostedCard) => Promise<OutboundCard>,
): Promise<number> {
  for (const [i, card] of cards.entries()) {
    await outbox.enqueue({
      batchId: `live-${window}-${i}`,
      source,
      recipients: [{ kind: 'conversation', conversationKey: card.conversationKey }],
      message: await message(card),
      updates: { activityId: card.activityId, conversationId: card.conversationId },
    });
  }
  return cards.length;
}

/** The card a press was answered on (an `Action.Execute` press updates the message that holds it). */
export function pressedCard(turn: {
  replyToId: string | undefined;
  conversation: { key: string; conversationId: string };
  actor: { aadObjectId: string; locale: Locale };
}): PostedCard | null {
  if (!turn.replyToId) return null;
  const { key: conversationKey, conversationId } = turn.conversation;
  return { conversationKey, conversationId, activityId: turn.replyToId, viewer: turn.actor.aadObjectId, locale: turn.actor.locale };
}
