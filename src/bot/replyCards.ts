import type { Clock } from '../clock';
import type { Locale } from '../config';
import { fillForm, stampFormId } from '../cards/fillForm';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { t } from '../i18n';
import type { Reply } from '../kit/featureApp';
import { FORM_ID_PATTERN } from '../kit/forms';
import { newFormId } from './formOnce';

/** Renders a reply as the card the person sees. */
export type RenderReply = (reply: Reply, locale: Locale) => AdaptiveCard;

/** A reply as a card: its template, or a one-line card for text (so its Markdown renders). */
export const renderPlain: RenderReply = (reply, locale) =>
  'card' in reply ? renderCard(reply.card, reply.data, locale) : renderCard('text-reply', { text: reply.text }, locale);

/**
 * Renders replies for people: a refused form filled in again (values, problems, summary), and
 * every button of a once-only verb given a form instance id, new for a new form and the same for
 * a form shown again after a refusal.
 */
export function replyRenderer(onceVerbs: ReadonlySet<string>, clock: Clock): RenderReply {
  return (reply, locale) => {
    let card = renderPlain(reply, locale);
    if (!('card' in reply)) return card;
    if (reply.fill) card = fillForm(card, { ...reply.fill, standalone: new Set(reply.fill.standalone), unplaced: t(locale, 'forms', 'unplaced') });
    if (onceVerbs.size === 0) return card;
    const kept = reply.fill?.values.formId;
    return stampFormId(card, onceVerbs, kept && FORM_ID_PATTERN.test(kept) ? kept : newFormId(clock.now()));
  };
}
