import type { CaseDoc, Intake, PersonRef } from './model';

/** A case as submitted: received, in the shared preparer queue, with its first event. */
export function newCase(
  intake: Intake,
  submitter: PersonRef & { partyId: string },
  number: { caseId: string; year: number; seq: number },
  now: Date,
): CaseDoc {
  const at = now.toISOString();
  const { dispute, ...fields } = intake;
  return {
    id: 'case',
    pk: number.caseId,
    type: 'case',
    ...number,
    ...fields,
    dispute: dispute ? { ...dispute, confirmedPrincipled: null, settleBy: null } : null,
    submitter,
    state: 'received',
    level: null,
    holder: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    lastEvent: {
      seq: 1,
      kind: 'submit',
      from: null,
      to: 'received',
      level: null,
      actor: { aadObjectId: submitter.aadObjectId, name: submitter.name },
      at,
      comment: null,
    },
  };
}
