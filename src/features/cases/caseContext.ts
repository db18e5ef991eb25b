import type { TurnInfo } from '../../kit/featureApp';
import { isPreparer } from '../../kit/permissions';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import { isoDate } from '../../dates/dates';
import type { Member } from '../../directory/model';
import { ELEVEN_PARTY_IDS } from '../../directory/seed';
import type { Names } from './labels';
import { placementLevels } from './levelRules';
import type { ViewContext } from './caseCards';
import type { Mover } from './workflowRules';

export { isPreparer };

export function moverOf(member: Pick<Member, 'aadObjectId' | 'name' | 'roles' | 'bodies' | 'partyId'>): Mover {
  return {
    aadObjectId: member.aadObjectId,
    name: member.name,
    isPreparer: isPreparer(member),
    isSecretariat: member.roles.includes('secretariat'),
    partyId: member.partyId,
  };
}

/** What views and rules need from the directory: names, and where cases may be placed. */
export interface CaseSetting {
  names: Names;
  levels: string[];
  eleven: readonly string[];
  parties: { id: string; name: string; isParty: boolean }[];
}

/**
 * Reads the parties and (unless only parties are needed, as at intake) the bodies. Each is one
 * directory query; intake skips the bodies because a new case has no level yet.
 */
export async function loadSetting(deps: Pick<AppDeps, 'directory'>, now: Date, need: 'parties' | 'all' = 'all'): Promise<CaseSetting> {
  const [parties, bodies] = await Promise.all([deps.directory.parties(), need === 'all' ? deps.directory.bodies() : Promise.resolve([])]);
  const eleven = parties.filter((p) => p.isParty).map((p) => p.id);
  return {
    names: {
      parties: new Map(parties.map((p) => [p.id, p.name])),
      bodies: new Map(bodies.map((b) => [b.id, b.name])),
    },
    levels: placementLevels(bodies, isoDate(now)),
    eleven: eleven.length > 0 ? eleven : ELEVEN_PARTY_IDS,
    parties: parties.map((p) => ({ id: p.id, name: p.name, isParty: p.isParty })),
  };
}

export function viewContext(setting: CaseSetting, locale: Locale, now: Date): ViewContext {
  return { locale, now, names: setting.names, levels: setting.levels, eleven: setting.eleven };
}

export function turnView(setting: CaseSetting, turn: TurnInfo): ViewContext {
  return viewContext(setting, turn.actor.locale, turn.now);
}
