import type { Body } from '../../directory/model';
import { PARTIES_LEVEL } from './model';

const PLACEMENT_BODY = /^(lansledning|natverk-valfard|utskott-[a-z0-9-]+|arbetsgrupp-[a-z0-9-]+|styrgrupp-[a-z0-9-]+)$/;

/**
 * Where a prepared case may be placed (docs/domain.md §8): Länsledning, a committee, a working group
 * (not one that has ended), Nätverk Välfärd, a länsdel's steering group, or back to the parties.
 * Politiska ledningsgruppen is not among them: disputes reach it only through `routeDispute`.
 */
export function placementLevels(bodies: readonly Pick<Body, 'id' | 'endsOn' | 'forwardingTarget'>[], today: string): string[] {
  const ids = bodies
    .filter((b) => !b.forwardingTarget && PLACEMENT_BODY.test(b.id) && (b.endsOn === null || b.endsOn >= today))
    .map((b) => b.id);
  return [...ids, PARTIES_LEVEL];
}

/** The order levels are offered in: Länsledning first, then committees, groups, networks. */
export function levelRank(id: string): number {
  const order = ['lansledning', 'utskott-', 'arbetsgrupp-', 'natverk-valfard', 'styrgrupp-', PARTIES_LEVEL];
  const index = order.findIndex((prefix) => id === prefix || (prefix.endsWith('-') && id.startsWith(prefix)));
  return index === -1 ? order.length : index;
}
