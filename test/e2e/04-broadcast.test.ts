import { strict as assert } from 'node:assert';
import { GAVLE_CHANNEL, PERSONAL_CHAT } from './support/teamsClient';

const DECISION = 'Beslut om gemensam handlingsplan 2027';

/* Dissemination to the parties' channels: a channel is linked to its party by the secretariat. */
describe('Broadcasting to a party channel', function () {
  this.bail(true);

  it('lets Sara link the Gävle kommun channel to Gävle kommun from inside the channel', async function () {
    const sara = await this.session.client('sara');
    await sara.open(GAVLE_CHANNEL);
    const form = await sara.askInChannel('koppla kanal', 'Koppla den här kanalen');
    await sara.choose(form, 'Part', 'Gävle kommun');
    await sara.press(form, 'Koppla kanalen');
    const done = sara.page.getByText('Kanalen är nu kopplad till', { exact: false }).last();
    await done.waitFor();
    await sara.screenshot('12-channel-linked', done);
  });

  it('lets Anna of Gävle kommun ask the bot in that channel', async function () {
    // Each Playground has its own copy of the team: the bot writes to a channel where it last heard it.
    const anna = await this.session.client('anna');
    await anna.open(GAVLE_CHANNEL);
    await anna.askInChannel('hjälp', 'Det här kan du göra');
  });

  it('lets Sara send a decision to the Gävle kommun channel after a preview', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const form = await sara.ask('utskick', 'Nytt utskick till parterna');
    await sara.fill(form, 'Rubrik', DECISION);
    await sara.fill(
      form,
      'Text (Markdown går bra: **fet**, listor, länkar)',
      'Länsledning Välfärd har beslutat om den gemensamma handlingsplanen för 2027. Ta med beslutet till er organisation.',
    );
    await sara.chooseOnly(form, 'Till vilka parter', ['Gävle kommun']);
    await form.getByRole('radio', { name: 'Parternas kanaler (personliga chattar där kanal saknas)' }).check();
    await sara.press(form, 'Förhandsgranska');
    const preview = await sara.card('Förhandsgranskning');
    await preview.getByText('1 part: 1 kanal och 0 personliga chattar', { exact: false }).waitFor();
    await sara.screenshot('13-broadcast-preview', preview);
    await sara.press(preview, 'Skicka nu');
    await sara.card('Status för utskick');
  });

  it('is acknowledged by Anna for Gävle kommun in the channel, in place', async function () {
    const anna = await this.session.client('anna');
    await anna.open(GAVLE_CHANNEL);
    const message = await anna.card(DECISION);
    await message.getByText('Beslut', { exact: true }).waitFor();
    const cards = await anna.cardCount();
    await anna.press(message, 'Mottaget och fört vidare');
    const acknowledged = await anna.card('Gävle kommun: mottaget och fört vidare av Anna Holm');
    await acknowledged.getByText(DECISION).waitFor();
    assert.equal(await anna.cardCount(), cards, 'the message changed in place; no new message');
    await anna.screenshot('14-broadcast-acknowledged', acknowledged);
  });

  it("shows the acknowledgement on Sara's status card", async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    await sara.press(await sara.card('Status för utskick'), 'Uppdatera');
    const status = await sara.card('Kvitterat: 1 av 1 part.');
    await status.getByText('Kvitterat av Anna Holm', { exact: false }).waitFor();
    await sara.screenshot('15-broadcast-status', status);
  });
});
