import { AppError } from '../errors';
import type { Member, Role } from '../directory/model';
import type { Stored } from '../store/types';
import type { TurnInfo } from './featureApp';

/** The actor's directory entry; acting without one is refused. */
export function requireMember(turn: TurnInfo): Stored<Member> {
  const member = turn.actor.member;
  if (!member) throw new AppError('NOT_IN_DIRECTORY');
  return member;
}

/** The actor's directory entry, if it holds one of `roles`. */
export function requireRole(turn: TurnInfo, ...roles: Role[]): Stored<Member> {
  const member = requireMember(turn);
  if (!roles.some((r) => member.roles.includes(r))) throw new AppError('FORBIDDEN');
  return member;
}

export function hasRole(turn: TurnInfo, role: Role): boolean {
  return turn.actor.member?.roles.includes(role) ?? false;
}

/** A member of the beredningsorgan (by role or by body) prepares cases. */
export function isPreparer(member: Pick<Member, 'roles' | 'bodies'>): boolean {
  return member.roles.includes('preparer') || member.bodies.includes('beredningsorgan');
}

/**
 * What a member may see of the collaboration's work: one rule for the cards (status cards, the
 * case queue) and the tab. The secretariat sees every party's rows and people; everyone else sees
 * their own party's rows and the collaboration's totals, never another party's individuals; the
 * beredningsorgan and the secretariat see the case queue.
 */
export interface Sight {
  allParties: boolean;
  party: string;
  caseQueue: boolean;
}

export function sightOf(member: Pick<Member, 'roles' | 'bodies' | 'partyId'>): Sight {
  const secretariat = member.roles.includes('secretariat');
  return { allParties: secretariat, party: member.partyId, caseQueue: secretariat || isPreparer(member) };
}

/** Whether a row about `party` (null: about no party in particular, e.g. a total) is shown. */
export function seesParty(sight: Sight, party: string | null): boolean {
  return party === null || sight.allParties || party === sight.party;
}

/** The actor's entry if their sight allows `what` (every party's status, the case queue). */
export function requireSight(turn: TurnInfo, what: 'allParties' | 'caseQueue'): Stored<Member> {
  const member = requireMember(turn);
  if (!sightOf(member)[what]) throw new AppError('FORBIDDEN');
  return member;
}
