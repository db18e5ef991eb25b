import { PERSONAL_CHAT } from './support/teamsClient';

const CASE = 'Gemensam rutin för samordnad individuell plan';

/* A case to the preparation body, sent through the in-chat form (task modules do not work in the Playground). */
describe('A case', function () {
  this.bail(true);

  it('is submitted by Anna through the form card and gets its number', async function () {
    const anna = await this.session.client('anna');
    await anna.open(PERSONAL_CHAT);
    const form = await anna.ask('ärende', 'Skicka ärendet');
    await form.getByText('Gävle kommun').waitFor();
    await anna.fill(form, 'Rubrik', CASE);
    await anna.fill(form, 'Beskrivning', 'Kommunerna och regionen arbetar olika med SIP. Vi föreslår att beredningsorganet tar fram en gemensam rutin.');
    await anna.choose(form, 'Typ av ärende', 'Förslag');
    await anna.choose(form, 'Samverkansområde', 'Behov av vård och omsorg');
    await form.getByRole('checkbox', { name: 'Perspektiv Förebyggande' }).check();
    await anna.press(form, 'Skicka ärendet');
    const receipt = await anna.card('har skickats till beredningsorganet');
    await receipt.getByText(/LV-\d{4}-\d{4}/).first().waitFor();
    await anna.screenshot('10-case-submitted', receipt);
  });

  it('reaches Petra of the beredningsorgan, who can take it', async function () {
    const petra = await this.session.client('petra');
    await petra.open(PERSONAL_CHAT);
    const queued = await petra.card(CASE);
    await queued.getByText('Anna Holm, Gävle kommun').waitFor();
    await queued.getByRole('button', { name: 'Jag bereder detta' }).waitFor();
    await petra.screenshot('11-case-to-preparer', queued);
  });
});
