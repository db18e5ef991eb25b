import { DateTime } from 'luxon';
import type { Reply } from '../../kit/featureApp';
import { sizeForPeople } from '../../cards/renderCard';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import { partiesText } from '../../common/partyCounts';
import { TIME_ZONE } from '../../dates/dates';
import type { Body, Party } from '../../directory/model';
import { planCounts } from './audienceRules';
import type { Bi } from './bilingual';
import { bi, refreshUserIds, when } from './bilingual';
import type { AckDoc, BroadcastDoc, BroadcastKind, RecipientPlan } from './model';

export const KIND_KEYS = { decision: 'kindDecision', information: 'kindInformation', orgChange: 'kindOrgChange' } as const satisfies Record<
  BroadcastKind,
  string
>;

type Content = Pick<BroadcastDoc, 'id' | 'kind' | 'title' | 'text' | 'links' | 'requiresAck' | 'fromPartyId' | 'sentAt' | 'revision'>;

/** What one recipient's card shows: the message, and the acknowledgement of the recipient's party. */
export interface MessageView {
  /** The party the card is for (its recipient's), null for a body's shared channel. */
  party: { id: string; name: string } | null;
  ack: AckDoc | null;
  reminder: boolean;
  /** Who sees the card refresh to the latest acknowledgement state. */
  viewers: readonly string[];
}

/** The recipients' card (`broadcast-message`), as sent and as refreshed. */
export function messageCardData(b: Content, fromPartyName: string | null, view: MessageView): object {
  const party = view.party;
  return {
    broadcastId: b.id,
    revision: b.revision,
    kindKey: KIND_KEYS[b.kind],
    title: b.title,
    text: b.text,
    links: b.links,
    from: fromLine(b.kind, fromPartyName),
    ...(b.sentAt ? { sent: bi((l) => t(l, 'dissemination', 'sentOn', { when: when(b.sentAt!, l) })) } : {}),
    ...(b.requiresAck && party && view.ack
      ? { ackDone: bi((l) => t(l, 'dissemination', 'ackDone', { party: party.name, name: view.ack!.by.name, when: when(view.ack!.at, l) })) }
      : {}),
    ...(b.requiresAck && party && !view.ack ? { ackPrompt: bi((l) => t(l, 'dissemination', 'ackPrompt', { party: party.name })) } : {}),
    ...(view.reminder && party ? { reminder: bi((l) => t(l, 'dissemination', 'reminderBanner', { party: party.name })) } : {}),
    refreshUserIds: refreshUserIds(view.viewers),
  };
}

function fromLine(kind: BroadcastKind, fromPartyName: string | null): Bi {
  return kind === 'orgChange' && fromPartyName
    ? bi((l) => t(l, 'dissemination', 'fromParty', { party: fromPartyName }))
    : bi((l) => t(l, 'dissemination', 'fromSecretariat'));
}

/** The preview: the message as recipients will see it, who gets it, and what happens next. */
export function previewReply(
  b: BroadcastDoc,
  plan: RecipientPlan,
  names: { fromParty: string | null },
  size: number,
  notice?: 'stale',
): Reply {
  const counts = planCounts(plan);
  const { parties, channels, personal } = counts;
  const lines: Bi[] = [
    bi((l) => t(l, 'dissemination', 'previewRecipients', { who: partiesText(l, parties), channels, personal })),
  ];
  if (counts.fallbacks.length > 0) lines.push(bi((l) => t(l, 'dissemination', 'previewFallback', { names: counts.fallbacks.join(', ') })));
  if (counts.empty.length > 0) lines.push(bi((l) => t(l, 'dissemination', 'previewEmpty', { names: counts.empty.join(', ') })));
  lines.push(bi((l) => t(l, 'dissemination', 'previewSize', sizeForPeople(size))));
  const scheduled = b.status === 'scheduled';
  const cancelled = b.status === 'cancelled';
  if (scheduled && b.sendAt) lines.push(bi((l) => t(l, 'dissemination', 'scheduledText', { when: when(b.sendAt!, l) })));
  else if (cancelled) lines.push(bi((l) => t(l, 'dissemination', 'cancelledText')));
  else if (b.sendAt) lines.push(bi((l) => t(l, 'dissemination', 'previewWhenScheduled', { when: when(b.sendAt!, l) })));
  else lines.push(bi((l) => t(l, 'dissemination', 'previewWhenNow')));
  if (!scheduled && !cancelled) lines.push(bi((l) => t(l, 'dissemination', 'previewNothingSent')));

  const message = messageCardData(b, names.fromParty, { party: null, ack: null, reminder: false, viewers: [b.createdBy.aadObjectId] });
  const ackPrompt = b.requiresAck
    ? { ackPrompt: bi((l) => t(l, 'dissemination', 'ackPrompt', { party: t(l, 'dissemination', 'previewParty') })) }
    : {};
  return {
    card: 'broadcast-message',
    data: {
      ...message,
      ...ackPrompt,
      preview: {
        heading: bi((l) => t(l, 'dissemination', scheduled ? 'scheduledTitle' : cancelled ? 'cancelledTitle' : 'previewTitle')),
        ...(notice === 'stale' ? { notice: bi((l) => t(l, 'dissemination', 'staleNotice')) } : {}),
        lines,
        canSendNow: !cancelled,
        canSchedule: !cancelled && !scheduled && b.sendAt !== null,
        canEdit: !cancelled,
        scheduled,
      },
    },
  };
}

/** The compose form, empty or filled with a draft to edit. */
export function composeReply(
  locale: Locale,
  form: { orgChange: boolean; partyName: string | null; parties: readonly Party[]; bodies: readonly Body[]; draft?: BroadcastDoc; today: string },
): Reply {
  const d = form.draft;
  const heading = d
    ? t(locale, 'dissemination', 'composeEditTitle')
    : form.orgChange
      ? t(locale, 'dissemination', 'orgChangeTitle')
      : t(locale, 'dissemination', 'composeTitle');
  const intro = d
    ? t(locale, 'dissemination', 'composeEditIntro')
    : form.orgChange
      ? t(locale, 'dissemination', 'orgChangeIntro', { party: form.partyName ?? '' })
      : t(locale, 'dissemination', 'composeIntro');
  const sendAt = d?.sendAt ? localParts(new Date(d.sendAt)) : { date: '', time: '' };
  return {
    card: 'broadcast-compose',
    data: {
      heading,
      intro,
      minDate: form.today,
      orgChange: form.orgChange,
      parties: form.parties.filter((p) => p.receivesDissemination).map((p) => ({ title: p.name, value: p.id })),
      bodies: form.bodies.map((b) => ({ title: b.name, value: b.id })),
      values: {
        kind: d?.kind ?? 'decision',
        title: d?.title ?? '',
        text: d?.text ?? '',
        links: (d?.links ?? []).map((l) => (l.title === l.url ? l.url : `${l.title} ${l.url}`)).join('\n'),
        audience: d ? (d.audience.parties === 'all' ? 'all' : d.audience.parties.join(',')) : 'all',
        audienceBody: d?.audience.bodyId ?? '',
        targets: d?.targets ?? 'both',
        requiresAck: String(d?.requiresAck ?? !form.orgChange),
        sendDate: sendAt.date,
        sendTime: sendAt.time,
      },
      actionData: { ...(d ? { broadcastId: d.id } : {}), ...(form.orgChange ? { kind: 'orgChange' } : {}) },
    },
  };
}

function localParts(date: Date): { date: string; time: string } {
  const local = DateTime.fromJSDate(date, { zone: TIME_ZONE });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}
