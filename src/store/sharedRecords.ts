/**
 * Records that one feature writes and others read: the index each feature keeps of its items
 * (meetings, cases, broadcasts and remisser), which the annual report counts and the
 * data-protection export walks, and the introductions with their stall checks, which the export
 * and removal of a person look for. The writing feature owns the documents; their keys are here
 * so that a reader needs no import of the writer.
 */

/** Partition of the meetings container that lists every meeting. */
export const MEETING_INDEX_PK = 'meeting-index';
/** Partition of the cases container that lists every case (one summary each). */
export const CASE_INDEX_PK = 'case-index';
/** Partition of the dissemination container that lists every broadcast and remiss. */
export const DISSEMINATION_INDEX_PK = 'index';
/** Partition of the directory container that holds the introductions, one per newcomer (id: their AAD object id). */
export const INTRODUCTION_PK = 'intro';
/** Job kind of an introduction's stall check; its payload names the checklist (the newcomer). */
export const INTRODUCTION_STALL_JOB = 'onboarding.stall';
/** Days without progress before an introduction's stall check reminds the coordinator. */
export const INTRODUCTION_STALL_DAYS = 14;
