import type { PostedCard } from '../../delivery/liveStatus';
import type { Doc } from '../../store/types';
import { DISSEMINATION_INDEX_PK } from '../../store/sharedRecords';

/** What a broadcast says: a decision, information, or a party's organisational change. */
export const BROADCAST_KINDS = ['decision', 'information', 'orgChange'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];

/** Where a broadcast goes for each party: its linked channel, its managers' personal chats, or both. */
export const TARGETS = ['channels', 'personal', 'both'] as const;
export type Targets = (typeof TARGETS)[number];

/** The body whose members are a party's managers, the default recipients of dissemination. */
export const MANAGERS_BODY = 'lansledning';

export interface Link {
  title: string;
  url: string;
}

/** Who did something, as recorded (name kept for exports even if the directory changes). */
export interface Person {
  aadObjectId: string;
  name: string;
}

/** Who receives a message: chosen parties (or all), optionally narrowed to one body's members. */
export interface Audience {
  parties: 'all' | string[];
  /** A body or forwarding list (skolchefsnatverk …) whose members receive it instead of the managers. */
  bodyId: string | null;
}

/** The recipients of one party, as fixed when a message is sent. */
export interface PartyPlan {
  partyId: string;
  name: string;
  /** The party's linked channel (conversation key), when the message goes there. */
  channel: string | null;
  /** Personal chats: the party's managers (or the chosen body's members). */
  members: Person[];
  /** Channel delivery was wanted but the party has no linked channel: its members' chats instead. */
  fallback: boolean;
  /**
   * One of the eleven parties (HUFB is addressed beside them and counted apart). Plans stored
   * before it was kept lack it: `partyCounted` reads them.
   */
  isParty?: boolean;
}

/** Every recipient of a message, grouped by party; a body audience may share one channel. */
export interface RecipientPlan {
  parties: PartyPlan[];
  sharedChannel: { bodyId: string; name: string; channel: string } | null;
}

export type BroadcastStatus = 'draft' | 'scheduled' | 'sent' | 'cancelled';

/** A broadcast: its own partition (pk = id) holds it, its acks and its delivery records. */
export interface BroadcastDoc extends Doc {
  type: 'broadcast';
  kind: BroadcastKind;
  title: string;
  text: string;
  links: Link[];
  audience: Audience;
  targets: Targets;
  requiresAck: boolean;
  /** When to send (UTC ISO); null: when confirmed. */
  sendAt: string | null;
  /** The party an orgChange is about (it reaches every other party). */
  fromPartyId: string | null;
  status: BroadcastStatus;
  /** Bumped by every edit: a confirm names the revision it previewed. */
  revision: number;
  createdBy: Person;
  createdAt: string;
  updatedAt: string;
  /** The conversation it was composed in: the status card goes there. */
  statusConversation: string;
  plan: RecipientPlan | null;
  sentAt: string | null;
  cancelledAt: string | null;
  /** Reminders to parties that have not acknowledged, numbered from 1. */
  reminders: number;
  lastReminderAt: string | null;
  /** The last in-place update of the status card (see progress), so that updates go out in order. */
  statusUpdates: number;
  lastStatusBatch: string | null;
}

/** A party's acknowledgement: received and carried into its organisation. The first one counts. */
export interface AckDoc extends Doc {
  type: 'broadcast-ack';
  partyId: string;
  by: Person;
  at: string;
}

export type RemissStatus = 'open' | 'closed';

/** A remiss or enquiry to the parties' managers, answered once per party by a date. */
export interface RemissDoc extends Doc {
  type: 'remiss';
  title: string;
  text: string;
  /** The last day to answer, `YYYY-MM-DD` in Swedish local time. */
  dueDate: string;
  partyIds: string[];
  attachmentUrl: string | null;
  createdBy: Person;
  createdAt: string;
  statusConversation: string;
  plan: RecipientPlan;
  status: RemissStatus;
  reminders: number;
  lastReminderAt: string | null;
  summarySentAt: string | null;
  summaries: number;
  /** The status cards the secretariat was shown, updated in place when answers arrive. */
  statusCards?: PostedCard[];
}

export type AnswerState = 'answered' | 'declined';

/** A party's answer to a remiss (one document per party), changeable until the date. */
export interface RemissAnswerDoc extends Doc {
  type: 'remiss-answer';
  partyId: string;
  state: AnswerState;
  answer: string | null;
  reason: string | null;
  attachmentUrl: string | null;
  by: Person;
  at: string;
  firstAt: string;
  /** Earlier versions, oldest first. */
  history: { state: AnswerState; answer: string | null; reason: string | null; attachmentUrl: string | null; by: Person; at: string }[];
}

/** One line per broadcast and remiss, for the secretariat's list (pk `index`). */
export interface IndexDoc extends Doc {
  type: 'dissemination-index';
  pk: 'index';
  item: 'broadcast' | 'remiss';
  title: string;
  createdAt: string;
  createdBy: Person;
}

export const ackId = (partyId: string): string => `ack-${partyId}`;
export const answerId = (partyId: string): string => `answer-${partyId}`;
export const INDEX_PK = DISSEMINATION_INDEX_PK;

/** Outbox batch ids inside a broadcast's or remiss's partition. */
export const BATCH = {
  send: 'send',
  status: 'status',
  statusUpdate: (n: number) => `status-${n}`,
  reminder: (n: number) => `remind-${n}`,
  summary: (n: number) => `summary-${n}`,
} as const;
