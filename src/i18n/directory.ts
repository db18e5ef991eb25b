import { defineStrings } from './catalog';

export const directory = defineStrings(
  {
    linkTitle: 'Koppla den här kanalen',
    linkIntro: 'Välj vilken part eller vilket organ kanalen tillhör. Utskick till dem postas då här.',
    linkParty: 'Part',
    linkBody: 'Organ',
    linkNone: '(ingen)',
    linkSubmit: 'Koppla kanalen',
    linkDone: 'Kanalen är nu kopplad till **{name}**. Kallelser och utskick till dem postas här.',
    linkOnlyInChannel: 'Kanaler kopplas inifrån den kanal som ska kopplas. Skriv kommandot i kanalen.',
    linkChooseOne: 'välj antingen en part eller ett organ',
    linkUnknown: 'okänd part eller okänt organ',
    commandLink: 'Kopplar en Teams-kanal till en part eller ett organ.',
  },
  {
    linkTitle: 'Link this channel',
    linkIntro: 'Choose the party or body this channel belongs to. Messages to them are then posted here.',
    linkParty: 'Party',
    linkBody: 'Body',
    linkNone: '(none)',
    linkSubmit: 'Link the channel',
    linkDone: 'The channel is now linked to **{name}**. Notices and messages to them are posted here.',
    linkOnlyInChannel: 'Channels are linked from inside the channel to link. Type the command in the channel.',
    linkChooseOne: 'choose either a party or a body',
    linkUnknown: 'unknown party or body',
    commandLink: 'Links a Teams channel to a party or a body.',
  },
);
