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
