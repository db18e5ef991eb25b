import type { Body, BodyLevel, Party, PartyKind } from './model';

/**
 * The parties and bodies of the agreement (docs/domain.md §3–5), loaded into the directory on first
 * start. They are defaults: the secretariat may edit them later, and a restart never overwrites
 * an edit.
 */
interface PartySeed {
  id: string;
  name: string;
  kind: PartyKind;
  lansdel: string | null;
}

const PARTIES: PartySeed[] = [
  { id: 'region-gavleborg', name: 'Region Gävleborg', kind: 'region', lansdel: null },
  { id: 'bollnas', name: 'Bollnäs kommun', kind: 'municipality', lansdel: 'sodra-halsingland' },
  { id: 'gavle', name: 'Gävle kommun', kind: 'municipality', lansdel: 'gavle' },
  { id: 'hofors', name: 'Hofors kommun', kind: 'municipality', lansdel: 'vastra-gastrikland' },
  { id: 'hudiksvall', name: 'Hudiksvalls kommun', kind: 'municipality', lansdel: 'norra-halsingland' },
  { id: 'ljusdal', name: 'Ljusdals kommun', kind: 'municipality', lansdel: 'norra-halsingland' },
  { id: 'nordanstig', name: 'Nordanstigs kommun', kind: 'municipality', lansdel: 'norra-halsingland' },
  { id: 'ockelbo', name: 'Ockelbo kommun', kind: 'municipality', lansdel: 'vastra-gastrikland' },
  { id: 'ovanaker', name: 'Ovanåkers kommun', kind: 'municipality', lansdel: 'sodra-halsingland' },
  { id: 'sandviken', name: 'Sandvikens kommun', kind: 'municipality', lansdel: 'vastra-gastrikland' },
  { id: 'soderhamn', name: 'Söderhamns kommun', kind: 'municipality', lansdel: 'sodra-halsingland' },
  { id: 'hufb', name: 'Hälsinglands Utbildningsförbund', kind: 'federation', lansdel: null },
];

/** County parts (länsdelar) and their municipalities; the usual grouping, editable data (§4). */
export const LANSDELAR: Record<string, { name: string; municipalities: string[] }> = {
  'norra-halsingland': { name: 'Norra Hälsingland', municipalities: ['hudiksvall', 'nordanstig', 'ljusdal'] },
  'sodra-halsingland': { name: 'Södra Hälsingland', municipalities: ['bollnas', 'soderhamn', 'ovanaker'] },
  'vastra-gastrikland': { name: 'Västra Gästrikland', municipalities: ['sandviken', 'hofors', 'ockelbo'] },
  gavle: { name: 'Gävle', municipalities: ['gavle'] },
};

interface BodySeed {
  id: string;
  name: string;
  level: BodyLevel;
  lansdel?: string;
  forwardingTarget?: boolean;
}

const BODIES: BodySeed[] = [
  { id: 'natverk-valfard', name: 'Nätverk Välfärd', level: 'political' },
  { id: 'politiska-ledningsgruppen', name: 'Politiska ledningsgruppen', level: 'political' },
  ...Object.entries(LANSDELAR).map(([id, { name }]) => ({
    id: `styrgrupp-${id}`,
    name: `Styrgrupp ${name}`,
    level: 'political' as const,
    lansdel: id,
  })),
  { id: 'lansledning', name: 'Länsledning Välfärd', level: 'strategic' },
  { id: 'utskott-barn-unga', name: 'Utskott barn och unga', level: 'committee' },
  { id: 'utskott-vuxna', name: 'Utskott vuxna', level: 'committee' },
  { id: 'utskott-psykisk-halsa', name: 'Utskott psykisk hälsa', level: 'committee' },
  { id: 'beredningsorgan', name: 'Beredningsorgan', level: 'preparation' },
  { id: 'samverkanskansli', name: 'Samverkanskansli', level: 'secretariat' },
  { id: 'skolchefsnatverk', name: 'Skolchefsnätverket', level: 'network', forwardingTarget: true },
  { id: 'socialchefsnatverk', name: 'Socialchefsnätverket', level: 'network', forwardingTarget: true },
  { id: 'regiongrupp', name: 'Regiongruppen', level: 'network', forwardingTarget: true },
];

/** The eleven parties of the agreement: the region and the ten municipalities. */
export const ELEVEN_PARTY_IDS: readonly string[] = PARTIES.filter((p) => p.kind !== 'federation').map((p) => p.id);

export const WORKING_GROUP_PREFIX = 'arbetsgrupp-';
export const WORKING_GROUP_ID = /^arbetsgrupp-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function seedParties(): Party[] {
  return PARTIES.map((p) => ({
    id: p.id,
    pk: 'party',
    type: 'party',
    name: p.name,
    kind: p.kind,
    lansdel: p.lansdel,
    isParty: p.kind !== 'federation',
    receivesDissemination: true,
    channel: null,
  }));
}

export function seedBodies(): Body[] {
  return BODIES.map((b) => newBody(b.id, b.name, b.level, { lansdel: b.lansdel, forwardingTarget: b.forwardingTarget }));
}

export function newBody(
  id: string,
  name: string,
  level: BodyLevel,
  extra: { lansdel?: string | undefined; forwardingTarget?: boolean | undefined; permanent?: boolean; endsOn?: string | null } = {},
): Body {
  return {
    id,
    pk: 'body',
    type: 'body',
    name,
    level,
    lansdel: extra.lansdel ?? null,
    permanent: extra.permanent ?? level !== 'working-group',
    endsOn: extra.endsOn ?? null,
    forwardingTarget: extra.forwardingTarget ?? false,
    channel: null,
  };
}

/** Ids as docs/domain.md makes them: lower case, å/ä→a, ö→o, spaces→`-`. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
