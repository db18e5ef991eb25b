import type { Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Locale } from '../config';
import { actorPseudonym, type Logger } from '../log';
import { pickLocale } from '../i18n';
import type { ConversationKind, Member } from '../directory/model';
import type { Stored } from '../store/types';
import type { ConversationSighting, DirectoryRepo } from '../directory/directoryRepo';
import { conversationKey } from '../directory/directoryRepo';
import type { TurnInfo } from '../kit/featureApp';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const data: unknown = activity.channelData;
  return typeof data === 'object' && data !== null ? (data) : {};
}

export function tenantOf(activity: Partial<Activity>): string | null {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId ?? null;
}

/** Where a proactive message to this conversation would go (a channel's own id, not a thread). */
export function sightingOf(activity: Partial<Activity>): ConversationSighting | undefined {
  const conversation = activity.conversation;
  if (!conversation?.id || !activity.serviceUrl || !activity.recipient?.id) return undefined;
  const data = channelDataOf(activity);
  const kind: ConversationKind =
    conversation.conversationType === 'channel' || data.channel?.id
      ? 'channel'
      : conversation.conversationType === 'groupChat' || conversation.isGroup
        ? 'groupChat'
        : 'personal';
  const conversationId = kind === 'channel' ? (data.channel?.id ?? conversation.id.split(';')[0]!) : conversation.id;
  return {
    kind,
    conversationId,
    serviceUrl: activity.serviceUrl,
    tenantId: tenantOf(activity),
    botId: activity.recipient.id,
    botName: activity.recipient.name ?? null,
    userAadObjectId: kind === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
    teamId: data.team?.id ?? null,
    teamName: data.team?.name ?? null,
    channelName: data.channel?.name ?? null,
  };
}

/** Turn state: the acting person's directory entry when recording the conversation read it. */
export const ACTOR_ENTRY_KEY = 'lv.actorEntry';

/**
 * Turn state: the turn was answered but its work could not be done (the store did not answer), so
 * it is not recorded as done and a press again runs it.
 */
export const TURN_INCOMPLETE_KEY = 'lv.turnIncomplete';

/** What a turn is for, as its log lines name it: the verb of a card action or a command's word. */
export type TurnPurpose = { verb: string } | { command: string } | { event: string };

/** What building a turn needs of the service. */
export interface TurnSources {
  directory: DirectoryRepo;
  clock: Clock;
  defaultLocale: Locale;
  log: Logger;
}

/** The acting person and the place, as handlers see them; the person comes from the activity only. */
export async function turnInfoOf(
  activity: Partial<Activity>,
  sources: TurnSources,
  purpose: TurnPurpose,
  known?: Stored<Member> | null,
): Promise<TurnInfo | undefined> {
  const { directory, clock, defaultLocale } = sources;
  const aadObjectId = activity.from?.aadObjectId;
  const sighting = sightingOf(activity);
  if (!aadObjectId || !sighting) return undefined;
  // The entry read a moment ago when the conversation was recorded, if it is this person's.
  const member = known !== undefined && (known === null || known.aadObjectId === aadObjectId) ? (known ?? undefined) : await directory.member(aadObjectId);
  // The Teams client's language wins; the member's record remembers it for proactive messages.
  const locale = activity.locale ? pickLocale(activity.locale, defaultLocale) : (member?.locale ?? defaultLocale);
  if (member && activity.locale && member.locale !== locale) await directory.setMemberLocale(aadObjectId, locale);
  const reference = randomUUID().slice(0, 8);
  return {
    actor: { aadObjectId, name: activity.from?.name ?? member?.name ?? '', locale, member },
    conversation: {
      key: conversationKey(sighting.conversationId),
      kind: sighting.kind,
      conversationId: sighting.conversationId,
      tenantId: sighting.tenantId,
      teamId: sighting.teamId,
    },
    activityId: activity.id ?? '',
    replyToId: activity.replyToId,
    now: clock.now(),
    reference,
    log: sources.log.child({ ...purpose, actor: actorPseudonym(aadObjectId), reference }),
  };
}
