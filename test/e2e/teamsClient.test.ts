import { strict as assert } from 'node:assert';
import { PEOPLE, TEAM } from '../../scripts/playground/roster';
import { startSession, type Session } from './support/session';
import type { Place } from './support/teamsClient';

const PERSONAL: Place = { kind: 'personal' };
const GAVLE_CHANNEL: Place = { kind: 'channel', team: TEAM.name, name: TEAM.channel.name };

/*
 * The bot in a real Teams-like client: Microsoft 365 Agents Playground, one per person, in headless
 * Chromium. The steps build on each other, as a working day would: the first failure stops the rest.
 */
describe('In Teams (Microsoft 365 Agents Playground)', function () {
  this.bail(true);
  let session: Session;

  before(async function () {
    this.timeout(180_000);
    session = await startSession(['sara', 'anna']);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await session?.screenshotAll(`failed-${this.currentTest.title}`);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.stop();
  });

  it('installs for Sara of the secretariat, who is welcomed in Swedish in her personal chat', async () => {
    const sara = await session.client('sara');
    await sara.open(PERSONAL);
    const welcome = await sara.card('Välkommen till Länsledning Välfärds bot');
    await welcome.getByText('Kallelser med dagordning och handlingar', { exact: false }).waitFor();
    await welcome.getByText('ingen ersättare vid frånvaro', { exact: false }).waitFor();
    await sara.screenshot('01-welcome', welcome);
  });

  it(`installs for ${PEOPLE.anna.givenName}, a member of Länsledning for Gävle kommun, who is welcomed too`, async () => {
    const anna = await session.client('anna');
    await anna.open(PERSONAL);
    const welcome = await anna.card('Välkommen till Länsledning Välfärds bot');
    assert.equal(await welcome.getByText('finns inte i katalogen', { exact: false }).count(), 0, 'Anna is in the directory');
    await anna.screenshot('02-welcome-member', welcome);
  });

  it('shows Sara what the secretariat can do when she types "hjälp"', async () => {
    const sara = await session.client('sara');
    await sara.open(PERSONAL);
    const help = await sara.ask('hjälp', 'Det här kan du göra');
    await help.getByText('samverkanskansli', { exact: false }).waitFor();
    await help.getByText('koppla kanal').waitFor();
    await sara.screenshot('03-help', help);
  });

  it('is added to the team, and Sara links the Gävle kommun channel to Gävle kommun', async () => {
    const sara = await session.client('sara');
    await sara.open(GAVLE_CHANNEL);
    await sara.card('Välkommen till Länsledning Välfärds bot');
    const form = await sara.askInChannel('koppla kanal', 'Koppla den här kanalen');
    await sara.choose(form, 'Part', 'Gävle kommun');
    await sara.press(form, 'Koppla kanalen');
    await sara.page.getByText('Kanalen är nu kopplad till', { exact: false }).last().waitFor();
    await sara.screenshot('04-channel-linked');
  });
});
