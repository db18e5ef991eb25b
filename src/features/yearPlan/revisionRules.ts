import type { Doc } from '../../store/types';

/**
 * A revision of the agreement ("revideras … årligen"; the agreement lists its own: "reviderades
 * och godkändes av Länsledning Valfärd februari 2025") and where each party stands with it: who
 * approved it for the party, and when the party signed. Id `revision:<form id>` in the `annual` partition.
 */
export interface RevisionDoc extends Doc {
  type: 'agreement-revision';
  pk: 'annual';
  title: string;
  /** `YYYY-MM-DD`: the day Länsledning approved the revision. */
  approvedOn: string;
  parties: Record<string, PartyStanding>;
  createdAt: string;
  createdBy: string;
}

export interface PartyStanding {
  /** Who approved it for the party, as written down (e.g. "Kommunfullmäktige 2025-03-12 § 45"). */
  approvedBy: string;
  /** `YYYY-MM-DD` once the party has signed. */
  signedOn: string | null;
  recordedBy: string;
  recordedAt: string;
}

export const revisionId = (formId: string): string => `revision:${formId}`;

/** Days between reminders to the secretariat while parties have not signed. */
export const REVISION_REMINDER_DAYS = 30;

/** The parties (of those given) that have not signed the revision yet, in the order given. */
export function unsigned<P extends { id: string }>(revision: Pick<RevisionDoc, 'parties'>, parties: readonly P[]): P[] {
  return parties.filter((p) => !revision.parties[p.id]?.signedOn);
}
