import type { AdaptiveCard } from '../cards/renderCard';
import type { ConversationDoc } from '../directory/model';

/** The message activity a proactive send posts: one Adaptive Card and a notification summary. */
export interface OutboundActivity {
  type: 'message';
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive'; content: AdaptiveCard }];
  summary?: string;
}

export interface SendRequest {
  conversation: ConversationDoc;
  activity: OutboundActivity;
  /** Update this earlier activity in place (PUT) instead of posting a new message. */
  updateActivityId?: string;
}

/**
 * What one call to Teams came to. The sender makes exactly one call and classifies it; the outbox
 * decides about retries.
 */
export type SendResult =
  | { kind: 'ok'; activityId: string }
  /** Worth trying again: 401 (token), 408, 412, 429, 5xx gateways, or no answer at all (`status` null). */
  | { kind: 'retry'; status: number | null; retryAfterMs: number | null; reason: string }
  /** The bot is not in the conversation any more (403) or the conversation or activity is gone (404). */
  | { kind: 'gone'; status: 403 | 404; reason: string }
  | { kind: 'failed'; status: number; reason: string };

/** Sends or updates one activity; implemented over plain HTTP in `src/bot/proactiveSender.ts`. */
export interface TeamsSender {
  send(request: SendRequest): Promise<SendResult>;
}

/** The activity for a rendered card. */
export function cardActivity(card: AdaptiveCard, summary?: string): OutboundActivity {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    ...(summary === undefined ? {} : { summary }),
  };
}

const RETRYABLE = new Set([401, 408, 412, 429, 500, 502, 503, 504]);

/** Classifies an HTTP answer from the Bot Connector service (`retryAfter`: the raw header). */
export function classifyResponse(
  status: number,
  activityId: string | null,
  retryAfter: string | null,
  nowMs: number,
): SendResult {
  if (status >= 200 && status < 300) {
    return activityId ? { kind: 'ok', activityId } : { kind: 'failed', status, reason: `http ${status} without an activity id` };
  }
  if (status === 403 || status === 404) return { kind: 'gone', status, reason: `http ${status}` };
  if (RETRYABLE.has(status)) {
    return { kind: 'retry', status, retryAfterMs: parseRetryAfter(retryAfter, nowMs), reason: `http ${status}` };
  }
  return { kind: 'failed', status, reason: `http ${status}` };
}

// A day: Retry-After values beyond it are taken as a day.
const MAX_RETRY_AFTER_MS = 86_400_000;

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - nowMs));
}
