import type { Locale } from '../../config';
import { t } from '../../i18n';
import type { Area, CaseEvent, CaseState, CaseType, EventKind, Perspective } from './model';
import { PARTIES_LEVEL } from './model';
import type { Who } from './workflowRules';

export type CasesKey = Parameters<typeof t<'cases'>>[2];

const TYPE_KEYS: Record<CaseType, CasesKey> = {
  question: 'typeQuestion',
  proposal: 'typeProposal',
  remiss: 'typeRemiss',
  deviation: 'typeDeviation',
  dispute: 'typeDispute',
};

const AREA_KEYS: Record<Area, CasesKey> = {
  'barn-unga-far-illa': 'areaBarnUnga',
  funktionsnedsattning: 'areaFunktionsnedsattning',
  'missbruk-beroende': 'areaMissbruk',
  'vard-omsorg': 'areaVardOmsorg',
};

const PERSPECTIVE_KEYS: Record<Perspective, CasesKey> = {
  halsoframjande: 'perspectiveHalsoframjande',
  forebyggande: 'perspectiveForebyggande',
  behandlande: 'perspectiveBehandlande',
  rehabiliterande: 'perspectiveRehabiliterande',
};

const STATE_KEYS: Record<CaseState | 'void', CasesKey> = {
  received: 'stateReceived',
  preparing: 'statePreparing',
  returned: 'stateReturned',
  placed: 'statePlaced',
  closed: 'stateClosed',
  withdrawn: 'stateWithdrawn',
  void: 'stateVoid',
};

const EVENT_KEYS: Record<EventKind, CasesKey> = {
  submit: 'eventSubmit',
  take: 'eventTake',
  release: 'eventRelease',
  return: 'eventReturn',
  complete: 'eventComplete',
  place: 'eventPlace',
  answer: 'eventAnswer',
  escalate: 'eventEscalate',
  close: 'eventClose',
  withdraw: 'eventWithdraw',
};

const WHO_KEYS: Record<Who, CasesKey> = {
  preparer: 'whoPreparer',
  holder: 'whoHolder',
  submitter: 'whoSubmitter',
  secretariat: 'whoSecretariat',
  involved: 'whoInvolved',
};

/** Names of parties and bodies from the directory, by id. */
export interface Names {
  parties: ReadonlyMap<string, string>;
  bodies: ReadonlyMap<string, string>;
}

export const typeLabel = (locale: Locale, type: CaseType) => t(locale, 'cases', TYPE_KEYS[type]);
export const areaLabel = (locale: Locale, area: Area) => t(locale, 'cases', AREA_KEYS[area]);
export const perspectiveLabel = (locale: Locale, p: Perspective) => t(locale, 'cases', PERSPECTIVE_KEYS[p]);
export const stateLabel = (locale: Locale, state: CaseState | 'void') => t(locale, 'cases', STATE_KEYS[state]);

export function levelLabel(locale: Locale, level: string, names: Names): string {
  return level === PARTIES_LEVEL ? t(locale, 'cases', 'levelParties') : (names.bodies.get(level) ?? level);
}

export function partyList(ids: readonly string[], names: Names): string {
  return ids.map((id) => names.parties.get(id) ?? id).join(', ');
}

/** One line saying what happened in a step. */
export function eventText(locale: Locale, event: CaseEvent, names: Names): string {
  return t(locale, 'cases', EVENT_KEYS[event.kind], {
    actor: event.actor.name,
    level: event.level ? levelLabel(locale, event.level, names) : '',
  });
}

/** "only the preparation body or the secretariat can do this". */
export function whoText(locale: Locale, who: readonly Who[]): string {
  return t(locale, 'cases', 'forbiddenMove', {
    who: who.map((w) => t(locale, 'cases', WHO_KEYS[w])).join(t(locale, 'cases', 'whoOr')),
  });
}
