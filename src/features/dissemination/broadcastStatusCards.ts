import type { Locale } from '../../config';
import { t } from '../../i18n';
import type { Bi } from './bilingual';
import { bi, refreshUserIds, when } from './bilingual';
import { KIND_KEYS } from './broadcastCards';
import type { AckDoc, BroadcastDoc } from './model';
import type { DeliverySummary, PartyDelivery, Problem } from './progressRules';
import { progressOf } from './progressRules';
import { partyCounted } from './audienceRules';
import { partiesDoneText } from '../../common/partyCounts';

/** Problems listed per party before "… and N more". */
const PROBLEMS_SHOWN = 5;
const REASON_CHARS = 80;

export interface StatusOptions {
  csvUrl?: string;
  /** Who sees the card refresh by itself (the secretariat); its author when not given. */
  liveFor?: readonly string[];
  notice?: Bi;
}

/**
 * The secretariat's status card (`broadcast-status`): progress of the send with a bar and the time
 * left, and per party what was delivered, what failed or is gone (and why), and who acknowledged.
 */
export function statusCardData(b: BroadcastDoc, summary: DeliverySummary | null, acks: readonly AckDoc[], options: StatusOptions = {}): object {
  const kind = (l: 'sv' | 'en') => t(l, 'dissemination', KIND_KEYS[b.kind]);
  const byLine =
    b.status === 'sent' && b.sentAt
      ? bi((l) => t(l, 'dissemination', 'statusSentBy', { kind: kind(l), when: when(b.sentAt!, l), name: b.createdBy.name }))
      : b.sendAt
        ? bi((l) => t(l, 'dissemination', 'statusScheduledBy', { kind: kind(l), when: when(b.sendAt!, l), name: b.createdBy.name }))
        : bi((l) => kind(l));
  const stateLine =
    b.status === 'cancelled'
      ? bi((l) => t(l, 'dissemination', 'cancelledText'))
      : b.status === 'scheduled' && b.sendAt
        ? bi((l) => t(l, 'dissemination', 'scheduledText', { when: when(b.sendAt!, l) }))
        : undefined;
  const ackByParty = new Map(acks.map((a) => [a.partyId, a]));
  const parties = summary ? summary.parties.map((p) => partyRow(b, p, ackByParty.get(p.partyId))) : [];
  if (summary?.sharedChannel) {
    const shared = summary.sharedChannel;
    parties.push({
      name: shared.name,
      route: bi((l) => t(l, 'dissemination', 'partyChannel')),
      delivered: bi((l) => t(l, 'dissemination', 'partyDelivered', { delivered: shared.delivered, total: shared.total })),
      acked: false,
      problems: problemLines(shared.problems),
    });
  }
  const failed = summary?.totals.failed ?? 0;
  return {
    broadcastId: b.id,
    title: b.title,
    byLine,
    ...(options.notice ? { notice: options.notice } : {}),
    ...(stateLine ? { stateLine } : {}),
    ...(summary ? progressData(b, summary, new Set(acks.map((a) => a.partyId))) : {}),
    parties,
    refreshUserIds: refreshUserIds(options.liveFor ?? [b.createdBy.aadObjectId]),
    canRemind: b.status === 'sent' && b.requiresAck && acks.length < (b.plan?.parties.length ?? 0),
    canRetry: b.status === 'sent' && failed > 0,
    ...(options.csvUrl && b.status === 'sent' ? { csvUrl: options.csvUrl } : {}),
    canEdit: b.status === 'scheduled',
  };
}

function progressData(b: BroadcastDoc, summary: DeliverySummary, acked: ReadonlySet<string>): object {
  const progress = progressOf(summary.totals);
  return {
    progress: {
      text: summary.complete
        ? bi((l) => t(l, 'dissemination', 'statusComplete'))
        : bi((l) => t(l, 'dissemination', 'statusProgress', { done: progress.done, total: progress.total, share: progress.percent / 100 })),
      doneWeight: progress.done,
      restWeight: progress.total - progress.done,
      ...(summary.complete ? {} : { eta: bi((l) => t(l, 'dissemination', 'statusEta', { seconds: progress.secondsLeft })) }),
    },
    totals: bi((l) => t(l, 'dissemination', 'statusTotals', { ...summary.totals })),
    acks: b.requiresAck
      ? bi((l) =>
          t(l, 'dissemination', 'statusAcks', {
            who: partiesDoneText(
              l,
              summary.parties.map((p) => ({ ...partyCounted(p), done: acked.has(p.partyId) })),
              { done: t(l, 'dissemination', 'countAcked'), not: t(l, 'dissemination', 'countNotAcked') },
            ),
          }),
        )
      : bi((l) => t(l, 'dissemination', 'statusNoAck')),
  };
}

function partyRow(b: BroadcastDoc, p: PartyDelivery, ack: AckDoc | undefined) {
  if (p.total === 0 && !b.plan?.sharedChannel) {
    // Reached nobody: shown as such with what would fix it, never as "not acknowledged".
    return { name: p.name, route: bi((l) => t(l, 'dissemination', 'partyNoRecipients')), unreachable: true, acked: false, problems: [] as Bi[] };
  }
  return {
    name: p.name,
    route: routeLine(p, b.plan?.sharedChannel?.name ?? null),
    delivered: bi((l) => t(l, 'dissemination', 'partyDelivered', { delivered: p.delivered, total: p.total })),
    ...(b.requiresAck
      ? {
          ack: ack
            ? bi((l) => t(l, 'dissemination', 'partyAcked', { name: ack.by.name, when: when(ack.at, l) }))
            : bi((l) => t(l, 'dissemination', 'partyNotAcked')),
        }
      : {}),
    acked: ack !== undefined,
    problems: problemLines(p.problems),
  };
}

function routeLine(p: PartyDelivery, sharedChannel: string | null): Bi {
  if (p.fallback) return bi((l) => t(l, 'dissemination', 'partyFallback', { n: p.personal }));
  if (p.channel && p.personal > 0) return bi((l) => t(l, 'dissemination', 'partyChannelAndPersonal', { n: p.personal }));
  if (p.channel) return bi((l) => t(l, 'dissemination', 'partyChannel'));
  if (p.personal > 0) return bi((l) => t(l, 'dissemination', 'partyPersonal', { n: p.personal }));
  if (sharedChannel) return bi((l) => t(l, 'dissemination', 'sharedChannel', { name: sharedChannel }));
  return bi((l) => t(l, 'dissemination', 'partyNoRecipients'));
}

const REASON_KEYS = {
  'http 403': 'reasonRemoved',
  gone: 'reasonRemoved',
  'http 404': 'reasonNoConversation',
  'unknown-conversation': 'reasonNoConversation',
  'not-installed': 'reasonNotInstalled',
  'unknown-member': 'reasonUnknownMember',
} as const;

/** Why a delivery did not arrive, in words; an unfamiliar reason is shown as the outbox gave it. */
export function reasonText(reason: string, locale: Locale): string {
  const key = REASON_KEYS[reason as keyof typeof REASON_KEYS] as (typeof REASON_KEYS)[keyof typeof REASON_KEYS] | undefined;
  return key ? t(locale, 'dissemination', key) : (reason || '–').slice(0, REASON_CHARS);
}

function problemLines(problems: readonly Problem[]): Bi[] {
  const lines = problems.slice(0, PROBLEMS_SHOWN).map((p) =>
    bi((l) =>
      t(l, 'dissemination', p.status === 'gone' ? 'problemGone' : 'problemFailed', {
        who: p.name ?? t(l, 'dissemination', 'problemChannel'),
        reason: reasonText(p.reason, l),
      }),
    ),
  );
  const more = problems.length - PROBLEMS_SHOWN;
  if (more > 0) lines.push(bi((l) => t(l, 'dissemination', 'problemsMore', { n: more })));
  return lines;
}
