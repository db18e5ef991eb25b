import type { Member } from './model';

/**
 * Which memberships start an introduction (docs/domain.md §12): the directory's administration
 * says so when it saves a member, and the introductions start one.
 */

/** Bodies whose newcomers are introduced: Länsledning and its committees. */
export function isIntroBody(bodyId: string): boolean {
  return bodyId === 'lansledning' || bodyId.startsWith('utskott-');
}

/** The introduction bodies a member joins with this change (none when nothing new). */
export function joinedIntroBodies(before: Pick<Member, 'bodies'> | undefined, after: Pick<Member, 'bodies'> | undefined): string[] {
  if (!after) return [];
  const had = new Set(before?.bodies ?? []);
  return after.bodies.filter((b) => isIntroBody(b) && !had.has(b));
}
