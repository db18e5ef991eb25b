import { z } from 'zod';

/** A notification from Graph, as the bot uses it. */
export type GraphNotification =
  | { kind: 'change'; subscriptionId: string; clientState: string | undefined; changeType: 'created' | 'updated' | 'deleted'; eventId: string }
  | {
      kind: 'lifecycle';
      subscriptionId: string;
      clientState: string | undefined;
      lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
    };

/** Graph's validation token is short; anything longer is not Graph. */
export const MAX_VALIDATION_TOKEN_LENGTH = 1_024;

const text = (max: number) => z.string().min(1).max(max);

const change = z.object({
  subscriptionId: text(200),
  clientState: z.string().max(512).optional(),
  changeType: z.enum(['created', 'updated', 'deleted']),
  resource: text(2_000),
  resourceData: z.object({ id: text(1_000).optional() }).passthrough().optional(),
});

const lifecycle = z.object({
  subscriptionId: text(200),
  clientState: z.string().max(512).optional(),
  lifecycleEvent: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']),
});

const payload = z.object({ value: z.array(z.unknown()).min(1).max(1_000) });

/**
 * Reads the body Graph posts to the notification URL. Returns undefined when it is not a
 * notification collection at all; items that are neither kind are left out.
 */
export function parseNotifications(body: unknown): GraphNotification[] | undefined {
  const parsed = payload.safeParse(body);
  if (!parsed.success) return undefined;
  const out: GraphNotification[] = [];
  for (const item of parsed.data.value) {
    const asLifecycle = lifecycle.safeParse(item);
    if (asLifecycle.success) {
      out.push({ kind: 'lifecycle', subscriptionId: asLifecycle.data.subscriptionId, clientState: asLifecycle.data.clientState, lifecycleEvent: asLifecycle.data.lifecycleEvent });
      continue;
    }
    const asChange = change.safeParse(item);
    if (!asChange.success) continue;
    const eventId = asChange.data.resourceData?.id ?? /\/events\/([^/]+)$/i.exec(asChange.data.resource)?.[1];
    if (!eventId) continue;
    out.push({ kind: 'change', subscriptionId: asChange.data.subscriptionId, clientState: asChange.data.clientState, changeType: asChange.data.changeType, eventId });
  }
  return out;
}
