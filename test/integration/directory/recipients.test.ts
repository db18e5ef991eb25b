import assert from 'node:assert/strict';
import { systemClock } from '../../../src/clock';
import { recipientKey } from '../../../src/delivery/deliveryDoc';
import type { Recipient } from '../../../src/delivery/types';
import { DirectoryRepo, conversationKey } from '../../../src/directory/directoryRepo';
import type { ConversationSighting } from '../../../src/directory/directoryRepo';
import type { MemoryCosmos } from '../../support/memoryCosmos';
import { startMemoryCosmos } from '../../support/memoryCosmos';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

function sighting(conversationId: string, kind: 'personal' | 'channel', user: string | null): ConversationSighting {
  return {
    kind,
    conversationId,
    serviceUrl: SERVICE_URL,
    tenantId: 'tenant',
    botId: '28:bot',
    botName: 'Länsledning Välfärd',
    userAadObjectId: user,
    teamId: kind === 'channel' ? '19:team@thread.tacv2' : null,
    teamName: null,
    channelName: null,
  };
}

describe('the directory answering where messages go, a page of recipients at a time', () => {
  let cosmos: MemoryCosmos;
  let directory: DirectoryRepo;
  const recipients: Recipient[] = [];

  before(async () => {
    cosmos = await startMemoryCosmos();
    directory = new DirectoryRepo((await cosmos.open()).containers.directory, systemClock);
    // 150 members (more than one query's worth of ids), every third without the bot installed,
    // one whose chat Teams answered 403; a channel, a gone channel and two unknowns.
    for (let i = 0; i < 150; i++) {
      const aadObjectId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await directory.putMember({ aadObjectId, name: `Person ${i}`, email: `p${i}@example.se`, partyId: 'gavle', bodies: ['lansledning'], roles: ['member'], source: 'file' });
      if (i % 3 !== 0) await directory.sawConversation(sighting(`a:chat-${i}`, 'personal', aadObjectId));
      recipients.push({ kind: 'member', aadObjectId });
    }
    await directory.markGone(conversationKey('a:chat-1'), 'http 403');
    await directory.sawConversation(sighting('19:open@thread.tacv2', 'channel', null));
    await directory.sawConversation(sighting('19:closed@thread.tacv2', 'channel', null));
    await directory.markGone(conversationKey('19:closed@thread.tacv2'), 'http 404');
    recipients.push(
      { kind: 'conversation', conversationKey: conversationKey('19:open@thread.tacv2') },
      { kind: 'conversation', conversationKey: conversationKey('19:closed@thread.tacv2') },
      { kind: 'conversation', conversationKey: conversationKey('19:never@thread.tacv2') },
      { kind: 'member', aadObjectId: '00000000-0000-4000-8000-999999999999' },
    );
  });

  after(() => cosmos.close());

  it('gives for each recipient the same answer as asking one by one', async () => {
    const together = await directory.resolveMany(recipients);
    assert.equal(together.size, recipients.length);
    for (const recipient of recipients) {
      assert.deepEqual(together.get(recipientKey(recipient)), await directory.resolve(recipient), JSON.stringify(recipient));
    }
  });

  it('tells apart a chat to write to, no chat yet, a gone chat and someone unknown', async () => {
    const together = await directory.resolveMany(recipients);
    const reasons = [...together.values()].map((r) => (r.ok ? `ok:${r.conversation.kind}` : r.reason));
    const count = (what: string): number => reasons.filter((r) => r === what).length;
    assert.equal(count('ok:personal'), 99);
    assert.equal(count('ok:channel'), 1);
    assert.equal(count('not-installed'), 50);
    assert.equal(count('gone'), 2);
    assert.equal(count('unknown-conversation'), 1);
    assert.equal(count('unknown-member'), 1);
  });

  it('takes a chat that Teams refused as open again once its person writes to the bot', async () => {
    const recipient: Recipient = { kind: 'member', aadObjectId: '00000000-0000-4000-8000-000000000002' };
    await directory.sawConversation(sighting('a:chat-2', 'personal', recipient.aadObjectId));
    await directory.markGone(conversationKey('a:chat-2'), 'http 403');
    assert.deepEqual(await directory.resolve(recipient), { ok: false, reason: 'gone' });
    await directory.sawConversation(sighting('a:chat-2', 'personal', recipient.aadObjectId));
    const again = await directory.resolve(recipient);
    assert.ok(again.ok && again.conversation.conversationId === 'a:chat-2', JSON.stringify(again));
  });
});
