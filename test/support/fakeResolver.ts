import type { Locale } from '../../src/config';
import type { ConversationDoc, ConversationKind } from '../../src/directory/model';
import type { Recipient, RecipientResolver, ResolvedRecipient } from '../../src/delivery/types';

/** A directory in memory that answers the outbox's recipient questions, for delivery tests. */
export class FakeResolver implements RecipientResolver {
  readonly conversations = new Map<string, ConversationDoc>();
  readonly gone: { conversationKey: string; reason: string }[] = [];
  private readonly members = new Map<string, { conversationKey: string | null; locale: Locale | null }>();

  constructor(private readonly serviceUrl: string) {}

  /** A member with a personal chat (`a:<aadObjectId>`), or without one when not installed. */
  addMember(aadObjectId: string, options: { installed?: boolean; locale?: Locale } = {}): Recipient {
    let conversationKey: string | null = null;
    if (options.installed ?? true) {
      conversationKey = `personal:${aadObjectId}`;
      this.conversations.set(conversationKey, this.conversation(conversationKey, 'personal', `a:${aadObjectId}`, aadObjectId));
    }
    this.members.set(aadObjectId, { conversationKey, locale: options.locale ?? null });
    return { kind: 'member', aadObjectId };
  }

  /** A linked team channel (`19:<name>@thread.tacv2`). */
  addChannel(name: string): Recipient {
    const conversationKey = `channel:${name}`;
    this.conversations.set(conversationKey, this.conversation(conversationKey, 'channel', `19:${name}@thread.tacv2`, null));
    return { kind: 'conversation', conversationKey };
  }

  /** Teams' conversation id of a recipient. */
  conversationIdOf(recipient: Recipient): string {
    const key = recipient.kind === 'member' ? this.members.get(recipient.aadObjectId)?.conversationKey : recipient.conversationKey;
    const conversation = key ? this.conversations.get(key) : undefined;
    if (!conversation) throw new Error(`no conversation for ${JSON.stringify(recipient)}`);
    return conversation.conversationId;
  }

  resolve(recipient: Recipient): Promise<ResolvedRecipient> {
    if (recipient.kind === 'conversation') {
      const conversation = this.conversations.get(recipient.conversationKey);
      if (!conversation) return Promise.resolve({ ok: false, reason: 'unknown-conversation' });
      if (conversation.gone) return Promise.resolve({ ok: false, reason: 'gone' });
      return Promise.resolve({ ok: true, conversation, locale: null });
    }
    const member = this.members.get(recipient.aadObjectId);
    if (!member) return Promise.resolve({ ok: false, reason: 'unknown-member' });
    const conversation = member.conversationKey ? this.conversations.get(member.conversationKey) : undefined;
    if (!conversation) return Promise.resolve({ ok: false, reason: 'not-installed' });
    if (conversation.gone) return Promise.resolve({ ok: false, reason: 'gone' });
    return Promise.resolve({ ok: true, conversation, locale: member.locale });
  }

  markGone(conversationKey: string, reason: string): Promise<void> {
    this.gone.push({ conversationKey, reason });
    const conversation = this.conversations.get(conversationKey);
    if (conversation) this.conversations.set(conversationKey, { ...conversation, gone: true });
    return Promise.resolve();
  }

  private conversation(key: string, kind: ConversationKind, conversationId: string, user: string | null): ConversationDoc {
    return {
      id: key,
      pk: 'conv',
      type: 'conversation',
      kind,
      conversationId,
      serviceUrl: this.serviceUrl,
      tenantId: 'tenant-1',
      botId: '28:bot',
      botName: 'Länsledning',
      userAadObjectId: user,
      teamId: kind === 'channel' ? '19:team@thread.tacv2' : null,
      teamName: null,
      channelName: null,
      gone: false,
      greetedAt: null,
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
  }
}
