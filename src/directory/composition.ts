import type { Member, Party } from './model';

/** The body that prepares cases, and the bodies whose membership says what a member of it represents. */
export const PREPARATION_BODY = 'beredningsorgan';
const SECRETARIAT_BODY = 'samverkanskansli';
const EDUCATION_NETWORK = 'skolchefsnatverk';
const SOCIAL_NETWORK = 'socialchefsnatverk';

/**
 * What the agreement asks of the beredningsorgan: "representanter från utbildning, socialtjänst
 * samt regionens hälso- och sjukvård. Dessutom ingår samordnare från samverkanskansli (minst en
 * från kommunen och en från regionen)".
 */
export const COMPOSITION = ['education', 'socialServices', 'regionalHealthCare', 'municipalCoordinator', 'regionalCoordinator'] as const;
export type CompositionPart = (typeof COMPOSITION)[number];

/**
 * The parts of that composition the directory cannot show among the beredningsorgan's members.
 * The directory does not record a person's field, so it is read from what it does record: a
 * coordinator sits in the samverkanskansli (or has the secretariat role); education is a member
 * who also sits in the skolchefsnätverk, social services one in the socialchefsnätverk; regional
 * health care is a member from the region who is not its coordinator. (docs/domain.md §6)
 */
export function compositionShortfalls(members: readonly Pick<Member, 'partyId' | 'bodies' | 'roles'>[], parties: readonly Pick<Party, 'id' | 'kind'>[]): CompositionPart[] {
  const kindOf = new Map(parties.map((p) => [p.id, p.kind]));
  const inBody = members.filter((m) => m.bodies.includes(PREPARATION_BODY));
  const coordinator = (m: (typeof inBody)[number]) => m.bodies.includes(SECRETARIAT_BODY) || m.roles.includes('secretariat');
  const fromRegion = (m: (typeof inBody)[number]) => kindOf.get(m.partyId) === 'region';
  const has: Record<CompositionPart, boolean> = {
    education: inBody.some((m) => m.bodies.includes(EDUCATION_NETWORK)),
    socialServices: inBody.some((m) => m.bodies.includes(SOCIAL_NETWORK)),
    regionalHealthCare: inBody.some((m) => fromRegion(m) && !coordinator(m)),
    municipalCoordinator: inBody.some((m) => coordinator(m) && kindOf.get(m.partyId) === 'municipality'),
    regionalCoordinator: inBody.some((m) => coordinator(m) && fromRegion(m)),
  };
  return COMPOSITION.filter((part) => !has[part]);
}
