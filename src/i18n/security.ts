import { defineStrings } from './catalog';

/** Why input that no verb accepts was refused (inbound guard), and the privacy commands. */
export const security = defineStrings(
  {
    forbiddenKey: 'fältet {field} har ett namn som inte är tillåtet',
    controlCharacter: 'fältet {field} innehåller osynliga styrtecken',
    brokenText: 'fältet {field} innehåller trasig text',
    tooLong: 'fältet {field} är längre än {max, number} tecken',
    tooDeep: 'fältet {field} är för djupt nästlat',
    tooMany: 'fältet {field} har för många delar',
    chatRefused:
      'Jag kan inte ta emot meddelandet: det innehåller osynliga styrtecken eller trasig text, eller är längre än {max, number} tecken. Inget har sparats.',
    menuButton: 'Personuppgifter',
    formTitle: 'Personuppgifter om en medlem',
    formIntro: 'Registerutdrag: allt som finns sparat om medlemmen, som JSON. Ta bort: personuppgifterna om en medlem som har slutat; partens beslut och svar finns kvar.',
    formQuery: 'Namn eller e-postadress',
    formExport: 'Registerutdrag',
    formErase: 'Ta bort personuppgifterna…',
    whoMissing: 'skriv namnet eller e-postadressen',
    whoNone: 'ingen i katalogen matchar',
    whoMany: 'flera matchar – skriv e-postadressen: {names}',
    exportReady: 'Utdraget för **{name}** kan hämtas här en gång inom {minutes, plural, one {# minut} other {# minuter}}: {url}\n\nLänken fungerar för den som har den; dela den inte. Behöver du utdraget igen, be om en ny länk.',
    eraseTitle: 'Ta bort en medlems personuppgifter',
    eraseIntro:
      '**{name}** ({email}, {party}) förekommer i {records, plural, one {# sparad post} other {# sparade poster}}. Katalogposten, den personliga chatten med boten och loggen över behandlade meddelanden tas bort. Möten, ärenden, kvittenser och svar finns kvar med "Tidigare ledamot ({party})" i stället för namnet. Det går inte att ångra. Ta också bort personen ur katalogfilen om hen finns där.',
    eraseButton: 'Ta bort personuppgifterna',
    eraseDone: 'Klart. {deleted, plural, one {# post togs} other {# poster togs}} bort och {rewritten, plural, one {# post visar} other {# poster visar}} nu "{marker}".',
    eraseGone: 'Personen finns inte längre i katalogen. Inget har sparats.',
  },
  {
    forbiddenKey: 'the field {field} has a name that is not allowed',
    controlCharacter: 'the field {field} holds invisible control characters',
    brokenText: 'the field {field} holds broken text',
    tooLong: 'the field {field} is longer than {max, plural, one {# character} other {# characters}}',
    tooDeep: 'the field {field} is nested too deeply',
    tooMany: 'the field {field} has too many parts',
    chatRefused:
      'I cannot take this message: it holds invisible control characters or broken text, or is longer than {max, plural, one {# character} other {# characters}}. Nothing was saved.',
    menuButton: 'Personal data',
    formTitle: 'Personal data about a member',
    formIntro: "Export: everything stored about the member, as JSON. Remove: the personal data of a member who has left; their party's decisions and answers are kept.",
    formQuery: 'Name or email address',
    formExport: 'Export',
    formErase: 'Remove the personal data…',
    whoMissing: 'write the name or email address',
    whoNone: 'nobody in the directory matches',
    whoMany: 'several match – write the email address: {names}',
    exportReady: 'The export for **{name}** can be downloaded here once within {minutes, plural, one {# minute} other {# minutes}}: {url}\n\nThe link works for whoever has it; do not share it. If you need the export again, ask for a new link.',
    eraseTitle: "Remove a member's personal data",
    eraseIntro:
      '**{name}** ({email}, {party}) appears in {records, plural, one {# stored record} other {# stored records}}. The directory entry, the personal chat with the bot and the log of processed messages are removed. Meetings, cases, acknowledgements and answers are kept with "Former member ({party})" instead of the name. This cannot be undone. Also remove the person from the directory file if they are in it.',
    eraseButton: 'Remove the personal data',
    eraseDone: 'Done. {deleted, plural, one {# record was} other {# records were}} removed and {rewritten, plural, one {# record now shows} other {# records now show}} "{marker}".',
    eraseGone: 'The person is no longer in the directory. Nothing was saved.',
  },
);
