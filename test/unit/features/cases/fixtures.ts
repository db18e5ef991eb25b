import { newCase } from '../../../../src/features/cases/newCase';
import type { CaseDoc, Intake } from '../../../../src/features/cases/model';
import type { Mover, TransitionRules } from '../../../../src/features/cases/workflowRules';
import { ELEVEN_PARTY_IDS } from '../../../../src/directory/seed';

export const ELEVEN = ELEVEN_PARTY_IDS;

export const SUBMITTER = { aadObjectId: 'member-gavle', name: 'Gustav Gävle', partyId: 'gavle' };

export const mover = (
  aadObjectId: string,
  name: string,
  roles: { preparer?: boolean; secretariat?: boolean } = {},
  partyId: string | null = null,
): Mover => ({
  aadObjectId,
  name,
  isPreparer: roles.preparer ?? false,
  isSecretariat: roles.secretariat ?? false,
  partyId,
});

export const PETRA = mover('preparer-petra', 'Petra Beredare', { preparer: true }, 'hudiksvall');
export const PER = mover('preparer-per', 'Per Beredare', { preparer: true }, 'bollnas');
export const SARA = mover('secretariat-sara', 'Sara Sekreterare', { secretariat: true }, 'region-gavleborg');
export const GUSTAV = mover(SUBMITTER.aadObjectId, SUBMITTER.name, {}, 'gavle');
export const OTHER_MEMBER = mover('member-sandviken', 'Sonja Sandviken', {}, 'sandviken');
/** A member of a party no dispute in these tests involves. */
export const OUTSIDER = mover('member-ockelbo', 'Olle Ockelbo', {}, 'ockelbo');

export const NOW = new Date('2026-11-20T09:00:00Z');

export const RULES: TransitionRules = {
  now: NOW,
  placementLevels: ['lansledning', 'utskott-vuxna', 'utskott-barn-unga', 'natverk-valfard', 'styrgrupp-gavle', 'parties'],
  eleven: ELEVEN,
};

export const INTAKE: Intake = {
  title: 'Gemensam rutin för SIP vid utskrivning',
  description: 'Kommunerna och regionen arbetar olika med SIP vid utskrivning.',
  caseType: 'proposal',
  area: 'vard-omsorg',
  perspectives: ['forebyggande'],
  vulnerableGroups: false,
  parties: ['gavle', 'sandviken'],
  wishedDate: null,
  links: [],
  dispute: null,
};

export function receivedCase(intake: Intake = INTAKE): CaseDoc {
  return newCase(intake, SUBMITTER, { caseId: 'LV-2026-0042', year: 2026, seq: 42 }, new Date('2026-11-16T08:30:00Z'));
}

export function dispute(involved: readonly string[], principled: boolean): Intake {
  return { ...INTAKE, caseType: 'dispute', dispute: { involved: [...involved], principled } };
}
