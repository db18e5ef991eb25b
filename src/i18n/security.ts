import { defineStrings } from './catalog';

/** Why input that no verb accepts was refused (inbound guard), and the privacy commands. */
export const security = defineStrings(
  {
    forbiddenKey: 'fältet {field} har ett namn som inte är tillåtet',
    controlCharacter: 'fältet {field} innehåller osynliga styrtecken',
    brokenText: 'fältet {field} innehåller trasig text',
    tooLong: 'fältet {field} är längre än {max} tecken',
    tooDeep: 'fältet {field} är för djupt nästlat',
    tooMany: 'fältet {field} har för många delar',
    chatRefused:
      'Jag kan inte ta emot meddelandet: det innehåller osynliga styrtecken eller trasig text, eller är längre än {max} tecken. Inget har sparats.',
  },
  {
    forbiddenKey: 'the field {field} has a name that is not allowed',
    controlCharacter: 'the field {field} holds invisible control characters',
    brokenText: 'the field {field} holds broken text',
    tooLong: 'the field {field} is longer than {max} characters',
    tooDeep: 'the field {field} is nested too deeply',
    tooMany: 'the field {field} has too many parts',
    chatRefused:
      'I cannot take this message: it holds invisible control characters or broken text, or is longer than {max} characters. Nothing was saved.',
  },
);
