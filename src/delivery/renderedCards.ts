import type { AdaptiveCard } from '../cards/renderCard';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes, renderCard } from '../cards/renderCard';
import type { Locale } from '../config';
import type { OutboundCard } from './types';

/** A rendered card, or why there is none: "too large" or the template's error. */
export type Rendered = { card: AdaptiveCard } | { refused: string };

/**
 * Renders outbound cards, remembering the last few: a broadcast's recipients mostly share one
 * message, so it is rendered once per locale rather than once per recipient. Cards are not changed
 * after rendering, so sharing them between sends is safe.
 */
export class RenderedCards {
  private readonly cards = new Map<string, Rendered>();

  constructor(private readonly capacity = 32) {}

  render(message: OutboundCard, locale: Locale): Rendered {
    const key = `${message.template}\u0000${locale}\u0000${JSON.stringify(message.data)}`;
    const cached = this.cards.get(key);
    if (cached) {
      // Most recently used last.
      this.cards.delete(key);
      this.cards.set(key, cached);
      return cached;
    }
    const rendered = renderOnce(message, locale);
    this.cards.set(key, rendered);
    if (this.cards.size > this.capacity) this.cards.delete(this.cards.keys().next().value!);
    return rendered;
  }
}

function renderOnce(message: OutboundCard, locale: Locale): Rendered {
  let card: AdaptiveCard;
  try {
    card = renderCard(message.template, message.data, locale);
  } catch (err) {
    return { refused: `render failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  return cardBytes(card) > TEAMS_MESSAGE_LIMIT_BYTES ? { refused: 'too large' } : { card };
}
