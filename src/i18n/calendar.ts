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
    noticeHint:
      'Inbjudan finns också i din Outlook-kalender. Svara här eller i Outlook – det senaste svaret gäller. Svaret i kortet syns inte i din kalender: kalendern följer kortet, du behöver inte svara två gånger.',
    statusPending: 'Kalender: inbjudan och Teams-mötet skapas i Outlook; kallelsen skickas när de finns.',
    statusReady: 'Kalender: inbjudan finns i ledamöternas Outlook; svar där räknas.',
    statusReadyTeams: 'Kalender: inbjudan med Teams-möte finns i ledamöternas Outlook; svar där räknas.',
    statusFailed: 'Kalender: Outlook kunde inte uppdateras ({problem}). Kallelsen gick ändå ut.',
    noteTentativeHeading: 'Preliminärt svar i Outlook',
    noteTentative: '{name} svarade preliminärt på {title} ({when}) i Outlook. Det räknas som ej svarat tills hen svarar ja eller nej.',
    noteForwardedHeading: 'Vidarebefordrad kallelse',
    noteForwarded:
      'Inbjudan till {title} ({when}) har vidarebefordrats till {name} ({email}), som inte är kallad. Ingen ersättare vid frånvaro: det räknas inte som partens närvaro.',
    buttonStatus: 'Visa läget',
    heldNoticeBanner: 'Mötet är sparat. Teams-mötet och inbjudan skapas i Outlook; sedan går kallelsen med länken till {n, plural, one {den kallade} other {de # kallade}}.',
  },
  {
    eventIntro: 'Meeting notice for {body}. Answer in the notice from Länsledning Välfärd in Teams or here in your calendar; your latest answer counts.',
    eventNoSubstitute: 'No substitute when absent: the invitation is for you personally. A forwarded invitation does not count as your party attending.',
    eventAgenda: 'Agenda',
    eventMaterials: 'Materials',
    eventDeadline: 'Answer by {deadline}.',
    eventOnline: 'Join online: {url}',
    noticeHint:
      "The invitation is in your Outlook calendar too. Answer here or in Outlook – your latest answer counts. An answer on the card does not show in your calendar: the calendar follows the card, so you need not answer twice.",
    statusPending: 'Calendar: the invitation and the Teams meeting are being made in Outlook; the notice goes out once they exist.',
    statusReady: "Calendar: the invitation is in the members' Outlook; answers there count.",
    statusReadyTeams: "Calendar: the invitation with a Teams meeting is in the members' Outlook; answers there count.",
    statusFailed: 'Calendar: Outlook could not be updated ({problem}). The notice went out all the same.',
    noteTentativeHeading: 'Tentative answer in Outlook',
    noteTentative: '{name} answered {title} ({when}) tentatively in Outlook. It counts as not answered until they say yes or no.',
    noteForwardedHeading: 'Forwarded invitation',
    noteForwarded:
      "The invitation to {title} ({when}) was forwarded to {name} ({email}), who is not invited. No substitute when absent: it does not count as the party's attendance.",
    buttonStatus: 'Show status',
    heldNoticeBanner: 'The meeting is saved. The Teams meeting and the invitation are being made in Outlook; then the notice goes with the link to {n, plural, one {the one person invited} other {the # people invited}}.',
  },
);
