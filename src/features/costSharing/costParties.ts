import type { AppDeps } from '../../deps';
import type { Party } from '../../directory/model';
import { AppError } from '../../errors';

/** The region and the ten municipalities a cost is split between, the municipalities by name. */
export async function costParties(deps: Pick<AppDeps, 'directory'>): Promise<{ region: Party; municipalities: Party[] }> {
  const parties = await deps.directory.parties();
  const region = parties.find((p) => p.kind === 'region');
  const municipalities = parties.filter((p) => p.kind === 'municipality').sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  if (!region) throw new AppError('NOT_FOUND');
  return { region, municipalities };
}
