import { t } from '../../src/i18n';
import type { TestUser } from '../support/activities';
import { cardAction } from '../support/activities';
import { invokeText } from '../support/cards';

/** Posts an activity to the bot as Teams would; `timeoutMs` bounds the wait for the answer. */
export async function post(url: string, activity: object, timeoutMs = 60_000): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** Presses a card button (Action.Execute) and returns the card answered, failing on anything else. */
export async function press(url: string, user: TestUser, serviceUrl: string, verb: string, data: object, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const res = await post(url, cardAction(user, { serviceUrl }, verb, data), timeoutMs);
  const body = res.body as { type?: string; value?: unknown } | undefined;
  if (res.status !== 200 || body?.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`${verb}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  }
  return body.value as Record<string, unknown>;
}

/** The data of the button with `verb` on a card. */
export function buttonData(card: Record<string, unknown>, verb: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.verb === verb && typeof n.data === 'object' && n.data !== null) found.push(n.data as Record<string, unknown>);
      for (const v of Object.values(n)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  if (!found[0]) throw new Error(`no ${verb} button on the card: ${JSON.stringify(card).slice(0, 400)}`);
  return found[0];
}

/**
 * Whether the bot has a handler for a card verb: an unknown verb is answered with a note saying
 * so; a known one with its own card (here the refusal of empty data, which writes nothing).
 */
export async function hasVerb(url: string, user: TestUser, serviceUrl: string, verb: string): Promise<boolean> {
  const res = await post(url, cardAction(user, { serviceUrl }, verb, {}));
  return !invokeText(res.body).includes(t('sv', 'core', 'errorUnknownAction', { verb }));
}
