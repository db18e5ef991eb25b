/** The Adaptive Card attachments of an activity the bot sent. */
export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = (activity.attachments as { contentType?: string; content?: unknown }[] | undefined) ?? [];
  return attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Record<string, unknown>);
}

/** Every text a person would read on a card (TextBlocks, facts, inputs' labels, button titles). */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof n[key] === 'string') out.push(n[key]);
      for (const v of Object.values(n)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}

/** The card of an invoke response body (`application/vnd.microsoft.card.adaptive`), or its message text. */
export function invokeCard(body: unknown): Record<string, unknown> {
  const b = body as { statusCode?: number; type?: string; value?: unknown };
  if (b?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`expected a card, got ${JSON.stringify(body).slice(0, 300)}`);
  return b.value as Record<string, unknown>;
}

export function invokeText(body: unknown): string {
  const b = body as { type?: string; value?: unknown };
  if (b?.type === 'application/vnd.microsoft.activity.message') return String(b.value);
  return cardText(b?.value);
}

/** The data of a card's Action.Execute with this verb (searching action sets and show-cards too). */
export function actionData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && n.verb === verb) found = (n.data as Record<string, unknown> | undefined) ?? {};
    else Object.values(n).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} action on the card:\n${cardText(card)}`);
  return found;
}

/** The value an input of the card holds (what a person typed, when a form comes back), by its id. */
export function inputValue(card: unknown, id: string): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const n = node as Record<string, unknown>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.id === id) found = typeof n.value === 'string' ? n.value : '';
    else Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}
