/** The case intake form as a member fills it in (`case.submit`'s data), with any field changed. */
export function intakeForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Gemensam rutin för SIP vid utskrivning',
    description: 'Kommunerna och regionen arbetar olika med SIP vid utskrivning från slutenvården.',
    type: 'proposal',
    area: 'vard-omsorg',
    perspectives: 'halsoframjande',
    vulnerableGroups: 'false',
    parties: 'gavle,sandviken',
    wishedDate: '',
    links: '',
    involved: '',
    principled: 'false',
    ...overrides,
  };
}
