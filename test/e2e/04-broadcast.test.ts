import { GAVLE_CHANNEL } from './support/teamsClient';

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
});
