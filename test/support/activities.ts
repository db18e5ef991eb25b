import { randomUUID } from 'node:crypto';
import type { ConversationSighting } from '../../src/directory/directoryRepo';

/** A Teams user as tests describe them. */
export interface TestUser {
  aadObjectId: string;
  name: string;
  locale?: string;
}

export const TENANT_ID = '72f988bf-0000-4000-8000-00000000beef';
export const BOT_ID = '28:bot-lansledning';

interface Place {
  serviceUrl: string;
  /** Personal chat (default), a channel of a team, or a group chat. */
  conversation?: { kind: 'personal' } | { kind: 'channel'; channelId: string; teamId: string; name?: string } | { kind: 'groupChat'; id: string };
}

export function personalConversationId(user: TestUser): string {
  return `a:personal-${user.aadObjectId}`;
}

function base(user: TestUser, place: Place): Record<string, unknown> {
  const c = place.conversation ?? { kind: 'personal' };
  const conversation =
    c.kind === 'personal'
      ? { id: personalConversationId(user), conversationType: 'personal', tenantId: TENANT_ID }
      : c.kind === 'channel'
        ? { id: `${c.channelId};messageid=${Date.now()}`, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true }
        : { id: c.id, conversationType: 'groupChat', tenantId: TENANT_ID, isGroup: true };
  const channelData: Record<string, unknown> = { tenant: { id: TENANT_ID } };
  if (c.kind === 'channel') {
    channelData.team = { id: c.teamId, name: 'Team' };
    channelData.channel = { id: c.channelId, name: c.name ?? 'Allmänt' };
  }
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: place.serviceUrl,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: 'Länsledning Välfärd' },
    conversation,
    channelData,
    locale: user.locale ?? 'sv-SE',
  };
}

/** The conversationUpdate Teams sends when a user installs the bot (bot and user added). */
export function installUpdate(user: TestUser, place: Place): Record<string, unknown> {
  return {
    ...base(user, place),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT_ID }, { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId }],
  };
}

/** The installationUpdate Teams sends beside the conversationUpdate. */
export function installationUpdate(user: TestUser, place: Place, action: 'add' | 'remove' = 'add'): Record<string, unknown> {
  return { ...base(user, place), type: 'installationUpdate', action };
}

export function message(user: TestUser, place: Place, text: string): Record<string, unknown> {
  return { ...base(user, place), type: 'message', text };
}

/** An Action.Execute press: `adaptiveCard/action` with the verb and the card's data. */
export function cardAction(
  user: TestUser,
  place: Place,
  verb: string,
  data: unknown,
  replyToId = `card-${randomUUID()}`,
): Record<string, unknown> {
  return {
    ...base(user, place),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** An Action.Submit press: a message whose value carries the verb and the data. */
export function cardSubmit(user: TestUser, place: Place, verb: string, data: Record<string, unknown>, replyToId?: string): Record<string, unknown> {
  return { ...base(user, place), type: 'message', value: { verb, ...data }, ...(replyToId ? { replyToId } : {}) };
}

/** A person's personal chat with the bot as an incoming activity shows it (what the directory records). */
export function personalSighting(user: TestUser, serviceUrl: string): ConversationSighting {
  return {
    kind: 'personal',
    conversationId: personalConversationId(user),
    serviceUrl,
    tenantId: TENANT_ID,
    botId: BOT_ID,
    botName: 'Länsledning Välfärd',
    userAadObjectId: user.aadObjectId,
    teamId: null,
    teamName: null,
    channelName: null,
  };
}
