import type { Doc } from '../store/types';

export const ROLES = ['secretariat', 'chair', 'preparer', 'member'] as const;
export type Role = (typeof ROLES)[number];

export type PartyKind = 'region' | 'municipality' | 'federation';

/** A signatory organisation (docs/domain.md §3). */
export interface Party extends Doc {
  type: 'party';
  pk: 'party';
  name: string;
  kind: PartyKind;
  /** County part (länsdel) id, for municipalities. */
  lansdel: string | null;
  /** One of the eleven parties of the agreement (the federation signs beside them). */
  isParty: boolean;
  receivesDissemination: boolean;
  /** The team channel linked with `channel.link`, as a conversation key. */
  channel: string | null;
}

export type BodyLevel =
  | 'political'
  | 'strategic'
  | 'committee'
  | 'preparation'
  | 'secretariat'
  | 'working-group'
  | 'network';

/** A body of the collaboration (docs/domain.md §5) or a forwarding target (networks, region group). */
export interface Body extends Doc {
  type: 'body';
  pk: 'body';
  name: string;
  level: BodyLevel;
  /** County part for a steering group. */
  lansdel: string | null;
  /** Working groups: permanent or with an end date. */
  permanent: boolean;
  endsOn: string | null;
  /** Forwarding targets are linkable like a body but hold no meetings. */
  forwardingTarget: boolean;
  channel: string | null;
}

/** Where a member's current entry came from. */
export type MemberSource = 'file' | 'admin' | 'import' | 'roster';

/** A person in the directory, keyed by their Entra ID (AAD) object id. */
export interface Member extends Doc {
  type: 'member';
  pk: 'member';
  aadObjectId: string;
  name: string;
  email: string;
  partyId: string;
  bodies: string[];
  roles: Role[];
  /** The member's personal chat with the bot, once installed (conversation key). */
  personalConversation: string | null;
  locale: 'sv' | 'en' | null;
  source: MemberSource;
  updatedAt: string;
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** A conversation the bot can write to later: what a proactive message needs. */
export interface ConversationDoc extends Doc {
  type: 'conversation';
  pk: 'conv';
  kind: ConversationKind;
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  /** The bot's own account in this conversation. */
  botId: string;
  botName: string | null;
  /** Personal chats: the member's AAD object id. */
  userAadObjectId: string | null;
  teamId: string | null;
  teamName: string | null;
  channelName: string | null;
  /** The bot was removed from this conversation (403/404 on send, or an uninstall). */
  gone: boolean;
  greetedAt: string | null;
  updatedAt: string;
}

/** A person in a Teams team's roster, as the Bot Connector lists them. */
export interface RosterMember {
  aadObjectId: string;
  name: string;
  email: string | null;
}

/** Reads the roster of the team a stored conversation (a linked channel) belongs to. */
export interface RosterReader {
  teamMembers(conversation: ConversationDoc): Promise<RosterMember[]>;
}

/** A member written or removed: what features react to (e.g. an introduction for a newcomer). */
export interface MemberChange {
  before: Member | undefined;
  after: Member | undefined;
  /** The very first load of the directory file into an empty directory: existing members, not newcomers. */
  initialLoad: boolean;
}

export type MemberChangeListener = (change: MemberChange) => Promise<void>;
