import type { DirectoryEntry } from '../../src/directory/directoryFile';

/**
 * The people, team, channels and group chat of the Playground: one source for both the bot's
 * directory file and each person's Playground config, so the object ids always match.
 */
export interface Person {
  /** Short key used on the command line and in file names. */
  key: PersonKey;
  /** Teams user id (`from.id`). */
  teamsId: string;
  /** Entra ID object id (`from.aadObjectId`): the key the bot looks people up by. */
  aadObjectId: string;
  givenName: string;
  surname: string;
  /** What the person does, shown when the Playground starts. */
  title: string;
  directory: Omit<DirectoryEntry, 'aadObjectId' | 'name' | 'email'>;
}

export const PERSON_KEYS = ['sara', 'petra', 'anna', 'erik', 'maria', 'johan'] as const;
export type PersonKey = (typeof PERSON_KEYS)[number];

const person = (
  key: PersonKey,
  n: number,
  givenName: string,
  surname: string,
  title: string,
  directory: Person['directory'],
): Person => ({
  key,
  teamsId: `29:lv-playground-${key}`,
  aadObjectId: `7b0e5c1a-3d4f-4e21-9c6a-00000000a00${n}`,
  givenName,
  surname,
  title,
  directory,
});

/** Six people: the Playground's config holds the current user and exactly five others. */
export const PEOPLE: Readonly<Record<PersonKey, Person>> = {
  sara: person('sara', 1, 'Sara', 'Lind', 'samordnare, samverkanskansliet (secretariat)', {
    partyId: 'region-gavleborg',
    bodies: ['samverkanskansli'],
    roles: ['secretariat'],
  }),
  petra: person('petra', 2, 'Petra', 'Berg', 'beredningsorganet, Sandvikens kommun (preparer)', {
    partyId: 'sandviken',
    bodies: ['beredningsorgan', 'utskott-vuxna'],
    roles: ['preparer', 'member'],
  }),
  anna: person('anna', 3, 'Anna', 'Holm', 'socialchef, Gävle kommun (member of Länsledning)', {
    partyId: 'gavle',
    bodies: ['lansledning', 'socialchefsnatverk'],
    roles: ['member'],
  }),
  erik: person('erik', 4, 'Erik', 'Sjöberg', 'ordförande, Hudiksvalls kommun (chair of Länsledning)', {
    partyId: 'hudiksvall',
    bodies: ['lansledning'],
    roles: ['chair', 'member'],
  }),
  maria: person('maria', 5, 'Maria', 'Ek', 'hälso- och sjukvårdsdirektör, Region Gävleborg (member)', {
    partyId: 'region-gavleborg',
    bodies: ['lansledning', 'regiongrupp'],
    roles: ['member'],
  }),
  johan: person('johan', 6, 'Johan', 'Nord', 'skolchef, Bollnäs kommun (member of Länsledning)', {
    partyId: 'bollnas',
    bodies: ['lansledning', 'skolchefsnatverk'],
    roles: ['member'],
  }),
};

export const TENANT_ID = '5d1c9a7e-0b3f-4c2d-8e6a-00000000c001';
export const BOT = { id: '28:lv-playground-bot', name: 'Länsledning Välfärd' } as const;
export const TEAM = {
  id: '19:lv-playground-team@thread.tacv2',
  name: 'Länsledning Välfärd',
  aadGroupId: '5d1c9a7e-0b3f-4c2d-8e6a-00000000c002',
  /** The Playground allows one channel beside General. */
  channel: { id: '19:lv-playground-gavle@thread.tacv2', name: 'Gävle kommun' },
} as const;
export const GROUP_CHAT = { id: '19:lv-playground-beredning@thread.v2', name: 'Beredningsorganet' } as const;

export function fullName(p: Person): string {
  return `${p.givenName} ${p.surname}`;
}

function emailOf(p: Person): string {
  const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return `${ascii(p.givenName)}.${ascii(p.surname)}@${p.directory.partyId}.example.se`;
}

/** The bot's `DIRECTORY_FILE` for the Playground's people. */
export function directoryFile(): { members: DirectoryEntry[] } {
  return {
    members: PERSON_KEYS.map((key) => {
      const p = PEOPLE[key];
      return { aadObjectId: p.aadObjectId, name: fullName(p), email: emailOf(p), ...p.directory };
    }),
  };
}

function playgroundUser(p: Person) {
  return {
    id: p.teamsId,
    name: fullName(p),
    userPrincipleName: emailOf(p),
    aadObjectId: p.aadObjectId,
    givenName: p.givenName,
    surname: p.surname,
    email: emailOf(p),
  };
}

/** The tab "Översikt" opened as `key`, on the bot's own server (its `/api/messages` endpoint's origin). */
export function tabLink(botEndpoint: string, key: PersonKey): string {
  return `${new URL(botEndpoint).origin}/tab/?user=${PEOPLE[key].aadObjectId}`;
}

/** The personal chat of `key` with the bot, fixed so a test can name it. */
export function personalChatId(key: PersonKey): string {
  return `a:lv-playground-personal-${key}`;
}

/**
 * The Playground config (`.m365agentsplayground.yml`, schema 0.1.1) for one person's client:
 * that person is the current user, the other five are the users of the team and group chat.
 * JSON is valid YAML, so it is written as JSON.
 */
export function playgroundConfig(key: PersonKey): object {
  return {
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: BOT,
    currentUser: playgroundUser(PEOPLE[key]),
    users: PERSON_KEYS.filter((k) => k !== key).map((k) => playgroundUser(PEOPLE[k])),
    personalChat: { id: personalChatId(key) },
    groupChat: GROUP_CHAT,
    team: { id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId, channels: [TEAM.channel] },
  };
}
