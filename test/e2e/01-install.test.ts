import { strict as assert } from 'node:assert';
import { GAVLE_CHANNEL, PERSONAL_CHAT, WELCOME } from './support/teamsClient';

/*
 * The bot in a real Teams-like client: Microsoft 365 Agents Playground, one per person, in headless
 * Chromium. Opening a person's Teams installs the bot in their personal chat, as Teams does.
 */
describe('Installing the bot in Teams', function () {
  this.bail(true);

  it('greets Sara of the secretariat in Swedish in her personal chat', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const welcome = await sara.card(WELCOME);
    await welcome.getByText('Kallelser med dagordning och handlingar', { exact: false }).waitFor();
    await welcome.getByText('ingen ersättare vid frånvaro', { exact: false }).waitFor();
    await sara.screenshot('01-welcome', welcome);
  });

  it('greets the members and the preparer too, each in their own Teams', async function () {
    for (const person of ['anna', 'maria', 'petra'] as const) {
      const client = await this.session.client(person);
      await client.open(PERSONAL_CHAT);
      const welcome = await client.card(WELCOME);
      assert.equal(await welcome.getByText('finns inte i katalogen', { exact: false }).count(), 0, `${client.name} is in the directory`);
    }
    const anna = await this.session.client('anna');
    await anna.screenshot('02-welcome-member', await anna.card(WELCOME));
  });

  it('shows Sara what the secretariat can do when she types "hjälp"', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const help = await sara.ask('hjälp', 'Det här kan du göra');
    await help.getByText('Dina roller: samverkanskansli').waitFor();
    await help.getByText('koppla kanal').waitFor();
    // Opening the chat sent both an installationUpdate and a conversationUpdate: one welcome only.
    assert.equal(await sara.cards(WELCOME).count(), 1, 'Sara is greeted once');
    await sara.screenshot('03-help', help);
  });

  it('greets the team in its channel when it is added to the team', async function () {
    const sara = await this.session.client('sara');
    await sara.open(GAVLE_CHANNEL);
    const welcome = await sara.card(WELCOME);
    await sara.screenshot('04-team-welcome', welcome);
  });
});
