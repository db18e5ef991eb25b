import { systemClock } from '../../src/clock';
import { conversationKey, DirectoryRepo } from '../../src/directory/directoryRepo';
import type { ConversationDoc, Member, Party, Role } from '../../src/directory/model';
import { ELEVEN_PARTY_IDS } from '../../src/directory/seed';
import { runPool } from '../../src/delivery/pool';
import type { Recipient } from '../../src/delivery/types';
import { updateDoc } from '../../src/store/concurrency';
import type { Store } from '../../src/store/types';
import type { SeedWriter } from './seedWriter';
import type { TestUser } from '../support/activities';
import { BOT_ID, personalConversationId, personalSighting, TENANT_ID } from '../support/activities';

/**
 * The people of a bench run. Recipients sit in Länsledning (who receive broadcasts) and the first
 * `INVITEES` of them also in Utskott vuxna (the meeting of the RSVP burst); their chats go to the
 * connector that enforces Teams' limits. Help users sit in Utskott barn och unga only, so they are
 * never broadcast recipients; their chats go to the plain connector (turn replies are not what the
 * rate limits are measured on).
 */
export const INVITEES = 500;
export const HELP_USERS = 200;
export const MEETING_BODY = 'utskott-vuxna';

export interface BenchPerson {
  user: TestUser;
  partyId: string;
  bodies: string[];
  roles: Role[];
}

function uuid(kind: number, i: number): string {
  return `00000000-0000-4${kind.toString(16).padStart(3, '0')}-8000-${i.toString(16).padStart(12, '0')}`;
}

/** The secretariat member who creates meetings and broadcasts. */
export const SECRETARY: BenchPerson = {
  user: { aadObjectId: uuid(1, 1), name: 'Sara Sekreterare', locale: 'sv-SE' },
  partyId: 'region-gavleborg',
  bodies: ['samverkanskansli'],
  roles: ['secretariat', 'member'],
};

/** Recipient `i` (0-based): a Länsledning member of one of the eleven parties. */
export function recipient(i: number): BenchPerson {
  return {
    user: { aadObjectId: uuid(2, i), name: `Mottagare ${i}`, locale: i % 3 === 2 ? 'en-US' : 'sv-SE' },
    partyId: ELEVEN_PARTY_IDS[i % ELEVEN_PARTY_IDS.length]!,
    bodies: i < INVITEES ? ['lansledning', MEETING_BODY] : ['lansledning'],
    roles: ['member'],
  };
}

/** Help user `i`: a committee member. */
export function helpUser(i: number): BenchPerson {
  return {
    user: { aadObjectId: uuid(3, i), name: `Användare ${i}`, locale: 'sv-SE' },
    partyId: ELEVEN_PARTY_IDS[i % ELEVEN_PARTY_IDS.length]!,
    bodies: ['utskott-barn-unga'],
    roles: ['member'],
  };
}

/**
 * Preparer `i` of the beredningsorgan. They have not installed the app: the case bench submits
 * more cases in a minute than a year brings, and each notifies every preparer; without a chat the
 * outbox records those as failed without calling Teams, instead of queueing thousands of messages
 * behind Teams' per-conversation limits while the next benchmarks run.
 */
export const PREPARERS = 5;
export function preparer(i: number): BenchPerson {
  return {
    user: { aadObjectId: uuid(4, i), name: `Beredare ${i}`, locale: 'sv-SE' },
    partyId: ELEVEN_PARTY_IDS[i % ELEVEN_PARTY_IDS.length]!,
    bodies: ['beredningsorgan'],
    roles: ['preparer', 'member'],
  };
}

/** The Teams channel linked to a party. */
export function partyChannelId(partyId: string): string {
  return `19:bench-${partyId}@thread.tacv2`;
}

export function channelRecipient(partyId: string): Recipient {
  return { kind: 'conversation', conversationKey: conversationKey(partyChannelId(partyId)) };
}

export function memberRecipient(person: BenchPerson): Recipient {
  return { kind: 'member', aadObjectId: person.user.aadObjectId };
}

/**
 * Writes people (with `serviceUrl`, also their personal chats) into the directory as the bot has
 * them once the directory file is loaded and each has installed the app and written to it: the
 * member (linked to the chat, with the Teams language) and the conversation: the documents
 * `DirectoryRepo` keeps, written in batches (its own calls take eight operations per person).
 */
export async function seedPeople(write: SeedWriter, people: readonly BenchPerson[], serviceUrl: string | null): Promise<void> {
  const now = new Date().toISOString();
  const docs: (Member | ConversationDoc)[] = [];
  for (const p of people) {
    const conversationId = personalConversationId(p.user);
    const key = serviceUrl === null ? null : conversationKey(conversationId);
    const member: Member = {
      id: p.user.aadObjectId,
      pk: 'member',
      type: 'member',
      aadObjectId: p.user.aadObjectId,
      name: p.user.name,
      email: `${p.user.aadObjectId.slice(-6)}@example.se`,
      partyId: p.partyId,
      bodies: [...p.bodies].sort(),
      roles: [...p.roles].sort(),
      personalConversation: key,
      locale: p.user.locale?.startsWith('en') ? 'en' : 'sv',
      source: 'file',
      updatedAt: now,
    };
    docs.push(member);
    if (serviceUrl === null || key === null) continue;
    const conversation: ConversationDoc = {
      id: key,
      pk: 'conv',
      type: 'conversation',
      ...personalSighting(p.user, serviceUrl),
      gone: false,
      greetedAt: now,
      updatedAt: now,
    };
    docs.push(conversation);
  }
  await write('directory', docs);
}

/** A team channel per party, linked to the party (what `channel.link` leaves behind). */
export async function seedPartyChannels(store: Store, serviceUrl: string): Promise<void> {
  const directory = new DirectoryRepo(store.containers.directory, systemClock);
  await runPool(ELEVEN_PARTY_IDS, 11, async (partyId) => {
    const conversationId = partyChannelId(partyId);
    await directory.sawConversation({
      kind: 'channel',
      conversationId,
      serviceUrl,
      tenantId: TENANT_ID,
      botId: BOT_ID,
      botName: 'Länsledning Välfärd',
      userAadObjectId: null,
      teamId: `19:bench-team-${partyId}@thread.tacv2`,
      teamName: `Team ${partyId}`,
      channelName: 'Allmänt',
    });
    const key = conversationKey(conversationId);
    await updateDoc<Party, void>(store.containers.directory, 'party', partyId, (current) =>
      !current || current.channel === key ? { result: undefined } : { write: { ...current, channel: key }, result: undefined },
    );
  });
}
