import type { Recipient } from '../../delivery/types';
import type { Body, Member, Party } from '../../directory/model';
import { ELEVEN_PARTY_IDS } from '../../directory/seed';
import type { Counted } from '../../common/partyCounts';
import type { Audience, PartyPlan, Person, RecipientPlan, Targets } from './model';
import { MANAGERS_BODY } from './model';

export interface PlanInput {
  audience: Audience;
  targets: Targets;
  /** An orgChange reaches every party except its own. */
  excludePartyId: string | null;
  parties: readonly Party[];
  members: readonly Member[];
  /** The body named by `audience.bodyId`, if any. */
  body: Body | null;
  /** Remisser: a party without managers gets it in its linked channel instead. */
  channelWhenNoMembers?: boolean;
}

/**
 * Who receives a message. Parties that receive dissemination, narrowed to the chosen ones; for each,
 * its managers (members of Länsledning) or the chosen body's members, and its linked channel. A
 * party whose channel is wanted but not linked falls back to its members' personal chats.
 */
export function planRecipients(input: PlanInput): RecipientPlan {
  const { audience, targets, body } = input;
  const wantsChannel = targets !== 'personal';
  const wantsPersonal = targets !== 'channels';
  const chosen = audience.parties === 'all' ? undefined : new Set(audience.parties);
  const addressed = input.parties
    .filter((p) => p.receivesDissemination && (chosen === undefined || chosen.has(p.id)) && p.id !== input.excludePartyId)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const groupId = body?.id ?? MANAGERS_BODY;
  const sharedChannel = body && wantsChannel && body.channel ? { bodyId: body.id, name: body.name, channel: body.channel } : null;

  const parties = addressed.map((party): PartyPlan => {
    const people: Person[] = input.members
      .filter((m) => m.partyId === party.id && m.bodies.includes(groupId))
      .map((m) => ({ aadObjectId: m.aadObjectId, name: m.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    const ownChannel = body ? null : party.channel;
    const fallback = wantsChannel && (body ? !body.channel : !ownChannel);
    const members = wantsPersonal || fallback ? people : [];
    const channel = wantsChannel && ownChannel ? ownChannel : null;
    if (input.channelWhenNoMembers && members.length === 0 && !channel && party.channel) {
      return { partyId: party.id, name: party.name, channel: party.channel, members: [], fallback: false, isParty: party.isParty };
    }
    return { partyId: party.id, name: party.name, channel, members, fallback, isParty: party.isParty };
  });
  return { parties, sharedChannel };
}

/**
 * A planned party as the counts see it: one of the eleven, or named apart. A plan stored before
 * `isParty` was kept is read by the agreement's list of the eleven.
 */
export function partyCounted(p: Pick<PartyPlan, 'partyId' | 'name' | 'isParty'>): Counted {
  return { name: p.name, isParty: p.isParty ?? ELEVEN_PARTY_IDS.includes(p.partyId) };
}

/** One key per recipient conversation or member, as used to match delivery records to the plan. */
export function recipientKeyOf(recipient: Recipient): string {
  return recipient.kind === 'member' ? `member:${recipient.aadObjectId}` : `conv:${recipient.conversationKey}`;
}

export interface PlannedRecipient {
  recipient: Recipient;
  key: string;
  /** The party it counts for; null for a body's shared channel. */
  partyId: string | null;
  /** A member's name, or null for a channel. */
  name: string | null;
}

/** Every recipient of a plan once, in plan order; `onlyParties` narrows it (reminders). */
export function recipientsOf(plan: RecipientPlan, onlyParties?: ReadonlySet<string>): PlannedRecipient[] {
  const out = new Map<string, PlannedRecipient>();
  const add = (entry: PlannedRecipient) => {
    if (!out.has(entry.key)) out.set(entry.key, entry);
  };
  for (const party of plan.parties) {
    if (onlyParties && !onlyParties.has(party.partyId)) continue;
    if (party.channel) {
      const recipient: Recipient = { kind: 'conversation', conversationKey: party.channel };
      add({ recipient, key: recipientKeyOf(recipient), partyId: party.partyId, name: null });
    }
    for (const m of party.members) {
      const recipient: Recipient = { kind: 'member', aadObjectId: m.aadObjectId };
      add({ recipient, key: recipientKeyOf(recipient), partyId: party.partyId, name: m.name });
    }
  }
  if (plan.sharedChannel && (!onlyParties || onlyParties.size > 0)) {
    const recipient: Recipient = { kind: 'conversation', conversationKey: plan.sharedChannel.channel };
    add({ recipient, key: recipientKeyOf(recipient), partyId: null, name: null });
  }
  return [...out.values()];
}

/** The party ids a plan addresses. */
export function plannedPartyIds(plan: RecipientPlan): string[] {
  return plan.parties.map((p) => p.partyId);
}

/** Counts for the preview: parties, channels and personal chats. */
export function planCounts(plan: RecipientPlan): { parties: Counted[]; channels: number; personal: number; fallbacks: string[]; empty: string[] } {
  const all = recipientsOf(plan);
  return {
    parties: plan.parties.map(partyCounted),
    channels: all.filter((r) => r.recipient.kind === 'conversation').length,
    personal: all.filter((r) => r.recipient.kind === 'member').length,
    fallbacks: plan.parties.filter((p) => p.fallback).map((p) => p.name),
    empty: plan.parties.filter((p) => !p.channel && p.members.length === 0 && !plan.sharedChannel).map((p) => p.name),
  };
}
