import { defineStrings } from './catalog';

/**
 * Strings of the forms every feature gets from the kit: the summary above a refused form and the
 * problem beside each field. They speak of what the person sees (the field's label, its text),
 * never of the field's internal name.
 */
export const forms = defineStrings(
  {
    summary: 'Formuläret skickades inte. Rätta det som är markerat och skicka igen. Inget har sparats.',
    summaryUnmarked: 'Det gick inte. Inget har sparats.',
    required: 'Fyll i det här fältet.',
    tooLong: 'Texten är för lång: högst {max, number} tecken är tillåtet, och här står {length, number} tecken. Korta den.',
    tooShort: 'Texten är för kort: skriv minst {min, number} tecken.',
    tooMany: 'Här får stå högst {max, plural, one {# rad} other {# rader}}.',
    notADate: 'Skriv ett datum, till exempel 2027-01-29, 29/1 2027 eller 29 januari 2027.',
    notATime: 'Skriv en tid, till exempel 09.30.',
    dateInPast: 'Datumet har redan passerat. Välj ett kommande datum.',
    endBeforeStart: 'Slutet måste komma efter början.',
    notAnOption: 'Välj ett av alternativen.',
    notAnAddress: 'Skriv en fullständig webbadress som börjar med https://.',
    notANumber: 'Skriv ett tal, till exempel 12,5.',
    notAWholeNumber: 'Skriv ett heltal.',
    identityNumber:
      'Här stod ett personnummer eller samordningsnummer. Det är borttaget ur texten, eftersom uppgifter om enskilda personer inte får lämnas här. Läs igenom texten och skicka igen.',
    tooLargeForTeams: 'Texten gör meddelandet för stort för Teams. Korta den med ungefär {over, number} tecken och skicka igen.',
    unreadable: 'Texten innehåller tecken som inte kan sparas, till exempel dolda styrtecken. Skriv eller klistra in den på nytt.',
    invalid: 'Det här kunde inte tas emot. Kontrollera det och skicka igen.',
    unplaced: 'Kortet innehöll något som inte kunde tas emot. Öppna formuläret på nytt om det händer igen.',
    maskedNumber: '[nummer borttaget]',
    stillRunning: 'Ditt förra tryck på knappen behandlas fortfarande. Vänta en liten stund; det görs bara en gång.',
  },
  {
    summary: 'The form was not sent. Correct what is marked and send it again. Nothing has been saved.',
    summaryUnmarked: 'That did not go through. Nothing has been saved.',
    required: 'Fill in this field.',
    tooLong: 'The text is too long: at most {max, plural, one {# character is} other {# characters are}} allowed, and this has {length, plural, one {# character} other {# characters}}. Shorten it.',
    tooShort: 'The text is too short: write at least {min, plural, one {# character} other {# characters}}.',
    tooMany: 'At most {max, plural, one {# line is} other {# lines are}} allowed here.',
    notADate: 'Enter a date, for example 2027-01-29, 29/1/2027 or 29 January 2027.',
    notATime: 'Enter a time, for example 09:30.',
    dateInPast: 'That date has passed. Choose a date to come.',
    endBeforeStart: 'The end must come after the start.',
    notAnOption: 'Choose one of the options.',
    notAnAddress: 'Enter a full web address starting with https://.',
    notANumber: 'Enter a number, for example 12.5.',
    notAWholeNumber: 'Enter a whole number.',
    identityNumber:
      'A personal identity number or coordination number was here. It has been removed from the text, because details of individuals may not be given here. Read the text through and send it again.',
    tooLargeForTeams: 'The text makes the message too large for Teams. Shorten it by about {over, plural, one {# character} other {# characters}} and send it again.',
    unreadable: 'The text holds characters that cannot be saved, such as hidden control characters. Type or paste it again.',
    invalid: 'This could not be accepted. Check it and send it again.',
    unplaced: 'The card held something that could not be accepted. Open the form again if this happens again.',
    maskedNumber: '[number removed]',
    stillRunning: 'Your previous press of the button is still being handled. Wait a moment; it is done only once.',
  },
);
