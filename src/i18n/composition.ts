import type { Locale } from '../config';
import type { CompositionPart } from '../directory/composition';
import { joinNames } from '../common/partyCounts';

const PARTS: Record<Locale, Record<CompositionPart, string>> = {
  sv: {
    education: 'utbildning (en ledamot som också sitter i skolchefsnätverket)',
    socialServices: 'socialtjänst (en ledamot som också sitter i socialchefsnätverket)',
    regionalHealthCare: 'regionens hälso- och sjukvård',
    municipalCoordinator: 'en samordnare från samverkanskansliet från kommunerna',
    regionalCoordinator: 'en samordnare från samverkanskansliet från regionen',
  },
  en: {
    education: 'education (a member who also sits in the skolchefsnätverk)',
    socialServices: 'social services (a member who also sits in the socialchefsnätverk)',
    regionalHealthCare: "the region's health care",
    municipalCoordinator: 'a coordinator from the secretariat from the municipalities',
    regionalCoordinator: 'a coordinator from the secretariat from the region',
  },
};

const LEAD: Record<Locale, string> = {
  sv: 'Beredningsorganet saknar enligt katalogen {parts}. Överenskommelsen: "representanter från utbildning, socialtjänst samt regionens hälso- och sjukvård" och samordnare "(minst en från kommunen och en från regionen)". Lägg till dem i katalogen.',
  en: 'According to the directory the preparation body lacks {parts}. The agreement: "representatives of education, social services and the region\'s health care" and coordinators "(at least one from the municipalities and one from the region)". Add them to the directory.',
};

/** The secretariat's warning when the beredningsorgan falls short of the agreement's composition, in both languages. */
export function compositionWarning(parts: readonly CompositionPart[]): Record<Locale, string> {
  const line = (l: Locale) => LEAD[l].replace('{parts}', joinNames(l, parts.map((p) => PARTS[l][p])));
  return { sv: line('sv'), en: line('en') };
}
