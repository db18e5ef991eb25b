import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { Locale } from '../config';
import { recipientKey } from '../delivery/deliveryDoc';
import type { Recipient, RecipientResolver, ResolvedRecipient } from '../delivery/types';
import { queryAll, updateDoc } from '../store/concurrency';
import type { Doc, DocContainer, Stored } from '../store/types';
import type { Body, ConversationDoc, Member, MemberChangeListener, Party, Role } from './model';

/** What the last load of `DIRECTORY_FILE` held. */
interface FileStateDoc extends Doc {
  type: 'directory-file-state';
  entries: Record<string, string>;
}

const FILE_STATE_ID = 'directory-file-state';

/** A conversation as seen on an incoming activity, before it is stored. */
export type ConversationSighting = Omit<ConversationDoc, 'id' | 'pk' | 'type' | 'gone' | 'greetedAt' | 'updatedAt'>;

/**
 * A conversation as recorded, and the entry of the member whose personal chat it is when that was
 * read on the way (null: read, and there is none; undefined: not read, or changed since).
 */
export interface SeenConversation {
  conversation: ConversationDoc;
  member: Stored<Member> | null | undefined;
}

/** The stable document id of a Teams conversation id (which may hold characters Cosmos ids refuse). */
export function conversationKey(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 40);
}

/** Parties, bodies, members and conversation references, over the `directory` container. */
export class DirectoryRepo implements RecipientResolver {
  private readonly listeners: MemberChangeListener[] = [];
  // Conversations this instance recorded lately, with their member linked: a busy chat's turns
  // skip the two reads that would find nothing to write.
  private readonly recentlySeen = new Map<string, { doc: ConversationDoc; at: number }>();

  constructor(
    private readonly container: DocContainer,
    private readonly clock: Clock,
  ) {}

  /** Called after every member write or removal, with the entry before and after. */
  onMemberChange(listener: MemberChangeListener): void {
    this.listeners.push(listener);
  }

  member(aadObjectId: string): Promise<Stored<Member> | undefined> {
    return this.container.read<Member>('member', aadObjectId);
  }

  members(): Promise<Stored<Member>[]> {
    return queryAll<Member>(this.container, 'member', "c.type = 'member'", {}, { orderBy: 'c.name' });
  }

  membersOfBody(bodyId: string): Promise<Stored<Member>[]> {
    return queryAll<Member>(this.container, 'member', 'ARRAY_CONTAINS(c.bodies, @body)', { body: bodyId }, { orderBy: 'c.name' });
  }

  membersOfParty(partyId: string): Promise<Stored<Member>[]> {
    return queryAll<Member>(this.container, 'member', 'c.partyId = @party', { party: partyId }, { orderBy: 'c.name' });
  }

  membersWithRole(role: Role): Promise<Stored<Member>[]> {
    return queryAll<Member>(this.container, 'member', 'ARRAY_CONTAINS(c.roles, @role)', { role }, { orderBy: 'c.name' });
  }

  party(id: string): Promise<Stored<Party> | undefined> {
    return this.container.read<Party>('party', id);
  }

  parties(): Promise<Stored<Party>[]> {
    return queryAll<Party>(this.container, 'party', "c.type = 'party'", {}, { orderBy: 'c.id' });
  }

  body(id: string): Promise<Stored<Body> | undefined> {
    return this.container.read<Body>('body', id);
  }

  bodies(): Promise<Stored<Body>[]> {
    return queryAll<Body>(this.container, 'body', "c.type = 'body'", {}, { orderBy: 'c.id' });
  }

  /** Creates a party or body document unless one exists: seed data never overwrites an edit. */
  async ensure(doc: Party | Body): Promise<boolean> {
    if (await this.container.read(doc.pk, doc.id)) return false;
    try {
      await this.container.create(doc);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'conflict') return false;
      throw err;
    }
  }

  /**
   * Writes a member when it is new or differs in the fields given; the conversation link and
   * locale the bot learned are kept. Returns whether anything was written. With `expectedEtag`,
   * the write happens only if the entry is still that version (`undefined` result otherwise).
   */
  async putMember(
    input: Pick<Member, 'aadObjectId' | 'name' | 'email' | 'partyId' | 'bodies' | 'roles' | 'source'>,
    options: { expectedEtag?: string | null; initialLoad?: boolean } = {},
  ): Promise<boolean> {
    let before: Stored<Member> | undefined;
    let after: Member | undefined;
    const written = await updateDoc<Member, boolean>(this.container, 'member', input.aadObjectId, (current) => {
      if (options.expectedEtag !== undefined && (current?._etag ?? null) !== options.expectedEtag) throw new StaleMemberError();
      if (current && sameMember(current, input)) return { result: false };
      const next: Member = {
        id: input.aadObjectId,
        pk: 'member',
        type: 'member',
        aadObjectId: input.aadObjectId,
        name: input.name,
        email: input.email,
        partyId: input.partyId,
        bodies: [...input.bodies].sort(),
        roles: [...input.roles].sort(),
        personalConversation: current?.personalConversation ?? null,
        locale: current?.locale ?? null,
        source: input.source,
        updatedAt: this.clock.now().toISOString(),
      };
      before = current;
      after = current ? { ...current, ...next } : next;
      return { write: after, result: true };
    });
    if (written) await this.notify({ before, after, initialLoad: options.initialLoad ?? false });
    return written;
  }

  /** Removes a member (only that version, with `expectedEtag`); false when there was none. */
  async removeMember(aadObjectId: string, options: { expectedEtag?: string } = {}): Promise<boolean> {
    let before: Stored<Member> | undefined;
    const removed = await updateDoc<Member, boolean>(this.container, 'member', aadObjectId, (current) => {
      if (options.expectedEtag !== undefined && current?._etag !== options.expectedEtag) throw new StaleMemberError();
      if (!current) return { result: false };
      before = current;
      return { delete: true, result: true };
    });
    if (removed) await this.notify({ before, after: undefined, initialLoad: false });
    return removed;
  }

  /** Per member, a hash of the entry the last load of `DIRECTORY_FILE` held. */
  async lastFileLoad(): Promise<Record<string, string>> {
    return (await this.container.read<FileStateDoc>('settings', FILE_STATE_ID))?.entries ?? {};
  }

  async recordFileLoad(entries: Record<string, string>): Promise<void> {
    await this.container.upsert<FileStateDoc>({ id: FILE_STATE_ID, pk: 'settings', type: 'directory-file-state', entries });
  }

  conversation(key: string): Promise<Stored<ConversationDoc> | undefined> {
    return this.container.read<ConversationDoc>('conv', key);
  }

  /**
   * Records where the bot can write later. Writes only when the conversation is new or its
   * address changed; links a personal chat to its member.
   */
  async sawConversation(seen: ConversationSighting): Promise<SeenConversation> {
    const key = conversationKey(seen.conversationId);
    const at = this.clock.now().getTime();
    const recent = this.recentlySeen.get(key);
    if (recent && at - recent.at < SEEN_TTL_MS && sameAddress(recent.doc, seen)) return { conversation: recent.doc, member: undefined };
    const now = this.clock.now().toISOString();
    const doc = await updateDoc<ConversationDoc, Stored<ConversationDoc> | ConversationDoc>(this.container, 'conv', key, (current) => {
      if (current && !current.gone && sameAddress(current, seen)) return { result: current };
      const next: ConversationDoc = {
        ...(current ?? { greetedAt: null }),
        ...seen,
        id: key,
        pk: 'conv',
        type: 'conversation',
        gone: false,
        greetedAt: current?.greetedAt ?? null,
        updatedAt: now,
      };
      return { write: next, result: next };
    });
    const member = seen.kind === 'personal' && seen.userAadObjectId ? await this.linkPersonalChat(seen.userAadObjectId, key) : undefined;
    this.remember(key, doc, at);
    return { conversation: doc, member };
  }

  /** Marks the conversation greeted; true only for the one caller that did it (greet once). */
  /** Links a team channel (by its conversation key) to a party or a body. */
  async linkChannel(target: Party | Body, channelKey: string): Promise<void> {
    await updateDoc<Party | Body, void>(this.container, target.pk, target.id, (current) =>
      current ? { write: { ...current, channel: channelKey }, result: undefined } : { result: undefined },
    );
  }

  async markGreeted(key: string): Promise<boolean> {
    this.recentlySeen.delete(key);
    return updateDoc<ConversationDoc, boolean>(this.container, 'conv', key, (current) => {
      if (!current || current.greetedAt) return { result: false };
      return { write: { ...current, greetedAt: this.clock.now().toISOString() }, result: true };
    });
  }

  async setMemberLocale(aadObjectId: string, locale: Locale): Promise<void> {
    await updateDoc<Member, void>(this.container, 'member', aadObjectId, (current) =>
      !current || current.locale === locale ? { result: undefined } : { write: { ...current, locale }, result: undefined },
    );
  }

  async resolve(recipient: Recipient): Promise<ResolvedRecipient> {
    const member = recipient.kind === 'member' ? await this.member(recipient.aadObjectId) : undefined;
    const key = recipient.kind === 'conversation' ? recipient.conversationKey : member?.personalConversation;
    const conversation = key ? await this.conversation(key) : undefined;
    return addressOf(recipient, member, () => conversation);
  }

  async resolveMany(recipients: readonly Recipient[]): Promise<Map<string, ResolvedRecipient>> {
    const memberIds = [...new Set(recipients.flatMap((r) => (r.kind === 'member' ? [r.aadObjectId] : [])))];
    const members = new Map((await this.byIds<Member>('member', memberIds)).map((m) => [m.aadObjectId, m]));
    const keys = new Set(recipients.map((r) => (r.kind === 'conversation' ? r.conversationKey : members.get(r.aadObjectId)?.personalConversation)));
    keys.delete(undefined);
    keys.delete(null);
    const conversations = new Map((await this.byIds<ConversationDoc>('conv', [...keys] as string[])).map((c) => [c.id, c]));
    const out = new Map<string, ResolvedRecipient>();
    for (const recipient of recipients) {
      const member = recipient.kind === 'member' ? members.get(recipient.aadObjectId) : undefined;
      out.set(recipientKey(recipient), addressOf(recipient, member, (key) => conversations.get(key)));
    }
    return out;
  }

  async markGone(key: string, reason: string): Promise<void> {
    void reason;
    this.recentlySeen.delete(key);
    await updateDoc<ConversationDoc, void>(this.container, 'conv', key, (current) =>
      !current || current.gone
        ? { result: undefined }
        : { write: { ...current, gone: true, updatedAt: this.clock.now().toISOString() }, result: undefined },
    );
  }

  // Documents of one partition by id, a query per 100 ids.
  private async byIds<T extends Doc>(pk: string, ids: readonly string[]): Promise<Stored<T>[]> {
    const out: Stored<T>[] = [];
    for (let i = 0; i < ids.length; i += BY_IDS_CHUNK) {
      out.push(...(await queryAll<T>(this.container, pk, 'ARRAY_CONTAINS(@ids, c.id)', { ids: ids.slice(i, i + BY_IDS_CHUNK) })));
    }
    return out;
  }

  private async notify(change: Parameters<MemberChangeListener>[0]): Promise<void> {
    this.recentlySeen.clear();
    for (const listener of this.listeners) await listener(change);
  }

  private remember(key: string, doc: ConversationDoc, at: number): void {
    if (this.recentlySeen.size >= SEEN_MAX) {
      for (const [k, v] of this.recentlySeen) if (at - v.at >= SEEN_TTL_MS) this.recentlySeen.delete(k);
      if (this.recentlySeen.size >= SEEN_MAX) this.recentlySeen.clear();
    }
    this.recentlySeen.set(key, { doc, at });
  }

  // The member entry as read when it needed no change (null: there is none), else undefined.
  private async linkPersonalChat(aadObjectId: string, key: string): Promise<Stored<Member> | null | undefined> {
    return updateDoc<Member, { entry: Stored<Member> | null | undefined }>(this.container, 'member', aadObjectId, (current) =>
      !current || current.personalConversation === key
        ? { result: { entry: current ?? null } }
        : { write: { ...current, personalConversation: key }, result: { entry: undefined } },
    ).then((r) => r.entry);
  }
}

const BY_IDS_CHUNK = 100;
// How long a conversation recorded here is taken as still recorded (another instance may mark it
// gone meanwhile: it is written again at most this long after), and how many are kept.
const SEEN_TTL_MS = 60_000;
const SEEN_MAX = 10_000;

// Where a recipient's messages go, from the member entry (for a personal chat) and the conversation.
function addressOf(
  recipient: Recipient,
  member: Member | undefined,
  conversationOf: (key: string) => ConversationDoc | undefined,
): ResolvedRecipient {
  if (recipient.kind === 'conversation') {
    const conversation = conversationOf(recipient.conversationKey);
    if (!conversation) return { ok: false, reason: 'unknown-conversation' };
    return conversation.gone ? { ok: false, reason: 'gone' } : { ok: true, conversation, locale: null };
  }
  if (!member) return { ok: false, reason: 'unknown-member' };
  const conversation = member.personalConversation ? conversationOf(member.personalConversation) : undefined;
  if (!conversation) return { ok: false, reason: 'not-installed' };
  return conversation.gone ? { ok: false, reason: 'gone' } : { ok: true, conversation, locale: member.locale };
}

/** The member entry changed since the card or preview that wanted to change it was made. */
export class StaleMemberError extends Error {
  constructor() {
    super('the member entry changed meanwhile');
    this.name = 'StaleMemberError';
  }
}

function sameMember(current: Member, input: Pick<Member, 'name' | 'email' | 'partyId' | 'bodies' | 'roles'>): boolean {
  return (
    current.name === input.name &&
    current.email === input.email &&
    current.partyId === input.partyId &&
    [...input.bodies].sort().join() === current.bodies.join() &&
    [...input.roles].sort().join() === current.roles.join()
  );
}

function sameAddress(current: ConversationDoc, seen: ConversationSighting): boolean {
  return (
    current.serviceUrl === seen.serviceUrl &&
    current.botId === seen.botId &&
    current.kind === seen.kind &&
    current.tenantId === seen.tenantId &&
    current.userAadObjectId === seen.userAadObjectId &&
    current.teamId === seen.teamId
  );
}
