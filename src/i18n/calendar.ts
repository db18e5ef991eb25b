import { defineStrings } from './catalog';

/** Meetings in Outlook calendars: the invitation's text and what the secretariat is told. */
export const calendar = defineStrings(
  {
    eventIntro: 'Kallelse till {body}. Svara i kallelsen från Länsledning Välfärd i Teams eller här i kalendern; ditt senaste svar gäller.',
    eventNoSubstitute: 'Ingen ersättare vid frånvaro: inbjudan gäller dig personligen. En vidarebefordrad inbjudan räknas inte som partens närvaro.',
    eventAgenda: 'Dagordning',
    eventMaterials: 'Handlingar',
    eventDeadline: 'Svara senast {deadline}.',
    eventOnline: 'Anslut digitalt: {url}',
  },
  {
    eventIntro: 'Meeting notice for {body}. Answer in the notice from Länsledning Välfärd in Teams or here in your calendar; your latest answer counts.',
    eventNoSubstitute: 'No substitute when absent: the invitation is for you personally. A forwarded invitation does not count as your party attending.',
    eventAgenda: 'Agenda',
    eventMaterials: 'Materials',
    eventDeadline: 'Answer by {deadline}.',
    eventOnline: 'Join online: {url}',
  },
);
