import { strict as assert } from 'node:assert';
import { PERSONAL_CHAT } from './support/teamsClient';

const MEETING = 'Länsledningens möte i december';
const AGENDA = ['Mötets öppnande', 'Handlingsplan 2027', 'Övriga frågor'];
const MATERIALS = [
  { title: 'Förslag till handlingsplan 2027', url: 'https://example.se/handlingsplan-2027.pdf' },
  { title: 'Uppföljning av välfärdsstrategin', url: 'https://example.se/uppfoljning.pdf' },
];

/* A meeting notice from the secretariat, answered by the members for themselves: no substitutes. */
describe('A meeting notice', function () {
  this.bail(true);

  it('is sent by Sara from the form card, with agenda and materials, to Länsledning', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const form = await sara.ask('nytt möte', 'Skicka kallelsen');
    await sara.fill(form, 'Rubrik', MEETING);
    await sara.fill(form, 'Plats', 'Regionhuset, Gävle');
    await sara.fill(form, 'Dagordning (en punkt per rad)', AGENDA.join('\n'));
    await sara.fill(form, 'Handlingar (en per rad: rubrik | länk)', MATERIALS.map((m) => `${m.title} | ${m.url}`).join('\n'));
    await sara.press(form, 'Skicka kallelsen');
    const status = await sara.card('Läget för mötet');
    await status.getByText('Kallelsen skickas till 4 ledamöter.').waitFor();
    await status.getByText('0 kommer · 0 frånvarande · 4 har inte svarat', { exact: false }).waitFor();
    await sara.screenshot('05-notice-sent', status);
  });

  it('reaches Anna in Swedish, with the agenda and links to the materials', async function () {
    const anna = await this.session.client('anna');
    await anna.open(PERSONAL_CHAT);
    const notice = await anna.card(MEETING);
    await notice.getByText('Kallelse', { exact: true }).waitFor();
    for (const item of AGENDA) await notice.getByRole('listitem').filter({ hasText: item }).waitFor();
    for (const { title, url } of MATERIALS) assert.equal(await notice.getByRole('link', { name: title }).getAttribute('href'), url);
    await notice.getByText('Ingen ersättare vid frånvaro', { exact: false }).waitFor();
    await anna.screenshot('06-notice', notice);
  });

  it('turns into the absence card, in place, when Anna cannot come: no substitute is sent', async function () {
    const anna = await this.session.client('anna');
    const cards = await anna.cardCount();
    await anna.press(await anna.card(MEETING), 'Jag kan inte komma');
    const absent = await anna.card('Frånvaro anmäld');
    await absent.getByText('Enligt överenskommelsen skickas ingen ersättare vid frånvaro.', { exact: false }).waitFor();
    await absent.getByText('Du får ändå dagordningen och handlingarna', { exact: false }).waitFor();
    assert.equal(await anna.cardCount(), cards, 'the notice changed in place; no new message');
    assert.equal(await anna.cards('Jag kan inte komma').count(), 0, 'the notice with the answer buttons was replaced');
    await anna.screenshot('07-rsvp-absent', absent);
  });

  it('lets Maria mark the papers read and say she comes, on her own notice', async function () {
    const maria = await this.session.client('maria');
    await maria.open(PERSONAL_CHAT);
    const cards = await maria.cardCount();
    await maria.press(await maria.card(MEETING), 'Jag har läst handlingarna');
    await maria.card('Du har läst handlingarna.');
    await maria.press(await maria.card(MEETING), 'Jag kommer');
    const notice = await maria.card('Ditt svar: du kommer.');
    await notice.getByText('Du har läst handlingarna.').waitFor();
    assert.equal(await maria.cardCount(), cards, 'the notice changed in place; no new message');
    await maria.screenshot('08-read-and-attend', notice);
  });

  it("shows Sara everyone's answers on her status card", async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    await sara.press(await sara.card('Läget för mötet'), 'Uppdatera');
    const status = await sara.card('1 kommer · 1 frånvarande · 2 har inte svarat · 1 av 4 har läst');
    await status.getByText('Anna Holm', { exact: false }).first().waitFor();
    await sara.screenshot('09-meeting-status', status);
  });
});
