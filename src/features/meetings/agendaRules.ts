import { PREPARATION_BODY } from '../../directory/composition';
import type { Doc } from '../../store/types';

/** Items proposed by the parties for a body's next meeting live in one partition of the meetings container. */
export const AGENDA_PK = 'agenda-items';

/** The body that prepares cases (docs/domain.md §6): its draft agenda also lists the open cases. */
export { PREPARATION_BODY };

/**
 * An item a party's member proposed "Inför nästa möte" (id `item:<form id>`: one per form, so a
 * second press or a retry stores nothing new). It lands on the secretariat's draft agenda for the
 * body's next meeting, and on the beredning's draft agenda when it is a case.
 */
export interface AgendaItemDoc extends Doc {
  type: 'agenda-item';
  bodyId: string;
  bodyName: string;
  /** The body's next meeting when it was proposed; null when none was called yet. */
  meetingId: string | null;
  partyId: string;
  partyName: string;
  proposedBy: { aadObjectId: string; name: string };
  title: string;
  text: string;
  /** A matter for the beredningsorgan to prepare, not only a point to raise. */
  isCase: boolean;
  createdAt: string;
}

export const agendaItemId = (formId: string): string => `item:${formId}`;

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;

/** What is wrong with a proposal, by field; empty when it may be stored. */
export function proposalProblems(input: { title: string; text: string }): { field: 'title' | 'text'; problem: 'required' | 'tooLong' }[] {
  const problems: { field: 'title' | 'text'; problem: 'required' | 'tooLong' }[] = [];
  if (input.title.trim().length === 0) problems.push({ field: 'title', problem: 'required' });
  else if (input.title.length > TITLE_MAX) problems.push({ field: 'title', problem: 'tooLong' });
  if (input.text.length > TEXT_MAX) problems.push({ field: 'text', problem: 'tooLong' });
  return problems;
}

/** An open case as the beredning's draft agenda lists it. */
export interface OpenCase {
  caseId: string;
  title: string;
  state: string;
  partyId: string;
  createdAt: string;
}

/** The case states that still wait for the beredningsorgan: not yet placed, closed or withdrawn. */
const AWAITING_PREPARATION = new Set(['received', 'preparing', 'returned']);

export interface DraftAgenda {
  items: AgendaItemDoc[];
  cases: OpenCase[];
}

/**
 * A body's draft agenda for its next meeting: the items proposed for it (for that meeting, or
 * before any meeting was called), oldest first. The beredningsorgan's also lists every item
 * proposed as a case, whichever body it was proposed to, and the cases waiting for preparation.
 */
export function draftAgenda(bodyId: string, nextMeetingId: string | null, items: readonly AgendaItemDoc[], cases: readonly OpenCase[]): DraftAgenda {
  const forMeeting = (i: AgendaItemDoc) => i.meetingId === null || i.meetingId === nextMeetingId;
  const chosen =
    bodyId === PREPARATION_BODY ? items.filter((i) => i.isCase || (i.bodyId === bodyId && forMeeting(i))) : items.filter((i) => i.bodyId === bodyId && forMeeting(i));
  return {
    items: [...chosen].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    cases: bodyId === PREPARATION_BODY ? cases.filter((c) => AWAITING_PREPARATION.has(c.state)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : [],
  };
}
