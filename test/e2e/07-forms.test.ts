import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import type { Locator } from 'playwright-core';
import { PERSONAL_CHAT, WELCOME } from './support/teamsClient';

const REMISS = 'Remiss om gemensam rutin för samordnad individuell plan';
const CANCELLED = 'Extra möte om vinterberedskapen';
const NOTES_MEETING = 'Avstämning om vinterberedskapen';

/** Today in Swedish local time, and a start a minute or two from now (notes can be sent once it has started). */
function soon(): { date: string; start: string; end: string; startsAt: DateTime } {
  const startsAt = DateTime.now().setZone('Europe/Stockholm').plus({ minutes: 2 }).startOf('minute');
  return { date: startsAt.toISODate()!, start: startsAt.toFormat('H:mm'), end: startsAt.plus({ hours: 1 }).toFormat('H:mm'), startsAt };
}

/*
 * The forms' unhappy paths as people meet them: a refused answer comes back in the same card and can
 * be given again from it; a second press sends nothing twice; a cancellation asks first, with a
 * reason; and the secretariat's status card shows new answers without a press.
 */
describe('Forms, refusals and live status', function () {
  this.bail(true);

  it('starts with Anna and Maria having the bot in their personal chats', async function () {
    for (const person of ['anna', 'maria'] as const) {
      const client = await this.session.client(person);
      await client.open(PERSONAL_CHAT);
      await client.card(WELCOME);
    }
  });

  it('lets Sara send a remiss to Gävle kommun and Region Gävleborg: her status card counts 0 answers', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const form = await sara.ask('remiss', 'Ny remiss eller förfrågan');
    await sara.fill(form, 'Rubrik', REMISS);
    await sara.fill(form, 'Text (Markdown går bra: **fet**, listor, länkar)', 'Förslaget till gemensam rutin skickas på remiss till parterna.');
    await pickDate(form, DateTime.now().setZone('Europe/Stockholm').plus({ days: 14 }));
    await sara.chooseOnly(form, 'Till parterna', ['Gävle kommun', 'Region Gävleborg']);
    await sara.press(form, 'Skicka remissen');
    const status = await sara.card('Remiss – läget');
    await status.getByText('Av 2 parter: 0 har svarat · 0 har avstått · 2 har inte svarat', { exact: false }).waitFor();
    await status.getByText('Påminnelse 1 av 2', { exact: false }).waitFor();
    await sara.screenshot('status-remiss-0-answers', status);
  });

  it("refuses Anna's empty answer in the same card, which she then answers from", async function () {
    const anna = await this.session.client('anna');
    await anna.open(PERSONAL_CHAT);
    const cards = await anna.cardCount();
    const remiss = await anna.card(REMISS);
    await anna.press(remiss, /^Svara$/);
    // Spaces pass the card's own check; the bot refuses them and says so beside the field.
    await anna.fill(remiss, 'Svar för Gävle kommun', '   ');
    await anna.press(remiss, 'Skicka svar');
    const refused = await anna.card('Skriv partens svar.');
    await refused.getByText(REMISS).waitFor();
    assert.equal(await anna.cardCount(), cards, 'the refusal came back in the same card; no new message');
    await anna.screenshot('remiss-answer-refused', refused);

    const again = await anna.card(REMISS);
    if ((await again.getByRole('textbox', { name: 'Svar för Gävle kommun', exact: true }).count()) === 0) await anna.press(again, /^Svara$/);
    await anna.fill(again, 'Svar för Gävle kommun', 'Gävle kommun tillstyrker förslaget.');
    await anna.press(again, 'Skicka svar');
    const answered = await anna.card('Svar lämnat för Gävle kommun av Anna Holm');
    await answered.getByText(REMISS).waitFor();
    assert.equal(await anna.cardCount(), cards, 'answered in the same card');
  });

  it("shows Anna's answer on Sara's status card without a press", async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const status = await sara.card('Av 2 parter: 1 har svarat · 0 har avstått · 1 har inte svarat');
    await status.getByText('Gävle kommun tillstyrker förslaget.').waitFor();
    await sara.screenshot('status-remiss-1-answer', status);
  });

  it("shows Maria's answer for Region Gävleborg too: the card counts both", async function () {
    const maria = await this.session.client('maria');
    await maria.open(PERSONAL_CHAT);
    const remiss = await maria.card(REMISS);
    await maria.press(remiss, /^Svara$/);
    await maria.fill(remiss, 'Svar för Region Gävleborg', 'Regionen tillstyrker med en synpunkt om uppföljningen.');
    await maria.press(remiss, 'Skicka svar');
    await maria.card('Svar lämnat för Region Gävleborg av Maria Ek');

    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const status = await sara.card('Av 2 parter: 2 har svarat · 0 har avstått · 0 har inte svarat');
    await status.getByText('Alla parter har svarat eller avstått.').first().waitFor();
    await sara.screenshot('status-remiss-many-answers', status);
  });

  it('asks Sara to confirm a cancellation, with the reason the members read', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const form = await sara.ask('nytt möte', 'Skicka kallelsen');
    await sara.fill(form, 'Rubrik', CANCELLED);
    await sara.fill(form, 'Plats', 'Regionhuset, Gävle');
    await sara.press(form, 'Skicka kallelsen');
    const status = await sara.card(CANCELLED);
    await status.getByText('Läget för mötet').waitFor();
    await status.getByText('0 kommer · 0 frånvarande · 4 har inte svarat', { exact: false }).waitFor();
    await sara.screenshot('status-meeting-0-answers', status);

    await sara.press(status, 'Ställ in mötet …');
    const confirm = await sara.card('Vill du ställa in mötet?');
    await confirm.getByText('Det går inte att ångra.', { exact: false }).waitFor();
    await sara.fill(confirm, 'Anledning (visas för ledamöterna)', 'Ordföranden är sjuk; mötet flyttas till nästa fredag.');
    await sara.press(confirm, 'Ställ in och meddela alla');
    const cancelled = await sara.card('Mötet är inställt. Skäl: Ordföranden är sjuk; mötet flyttas till nästa fredag.');
    await cancelled.getByText(CANCELLED).waitFor();

    const anna = await this.session.client('anna');
    await anna.open(PERSONAL_CHAT);
    const notice = await anna.card(CANCELLED);
    await notice.getByText('Ordföranden är sjuk; mötet flyttas till nästa fredag.', { exact: false }).waitFor();
    assert.equal(await notice.getByRole('button', { name: 'Lägg till i kalendern' }).count(), 0, 'a cancelled meeting offers no calendar entry');
  });

  it("shows Anna's and Maria's answers on Sara's meeting status card without a press", async function () {
    this.timeout(240_000);
    const when = soon();
    notesMeetingStartsAt = when.startsAt;
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const form = await sara.ask('nytt möte', 'Skicka kallelsen');
    await sara.fill(form, 'Rubrik', NOTES_MEETING);
    await pickDate(form, when.startsAt);
    await typeTime(form, /^Starttid/, when.start);
    await typeTime(form, /^Sluttid/, when.end);
    await sara.fill(form, 'Plats', 'Regionhuset, Gävle');
    await sara.press(form, 'Skicka kallelsen');
    if (when.startsAt.weekday !== 5) {
      const ask = await sara.card('Jag bekräftar att mötet ska hållas en annan dag än fredag');
      await ask.getByRole('checkbox', { name: 'Jag bekräftar att mötet ska hållas en annan dag än fredag' }).check();
      await sara.press(ask, 'Skicka kallelsen');
    }
    const status = await sara.card(NOTES_MEETING);
    await status.getByText('0 kommer · 0 frånvarande · 4 har inte svarat', { exact: false }).waitFor();

    // Each answer shows on Sara's card without a press: one, then two (many) who come.
    const answers = [
      { person: 'anna', count: '1 kommer · 0 frånvarande · 3 har inte svarat', shot: 'status-meeting-1-answer' },
      { person: 'maria', count: '2 kommer · 0 frånvarande · 2 har inte svarat', shot: 'status-meeting-many-answers' },
    ] as const;
    for (const { person, count, shot } of answers) {
      const member = await this.session.client(person);
      await member.open(PERSONAL_CHAT);
      await member.press(await member.card(NOTES_MEETING), 'Jag kommer');
      await member.card('Ditt svar: du kommer.');
      await sara.open(PERSONAL_CHAT);
      await sara.screenshot(shot, await sara.card(count));
    }
  });

  it('sends the notes once when Sara presses "Skicka till ledamöterna" twice', async function () {
    this.timeout(300_000);
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const status = await sara.card(NOTES_MEETING);
    // Notes can be sent once the meeting has started.
    await new Promise((resolve) => setTimeout(resolve, untilNotesMeetingStarted()));
    await sara.press(status, 'Uppdatera');
    const now = await sara.card(NOTES_MEETING);
    await sara.press(now, 'Anteckningar och beslut');
    const form = await sara.card('Skicka till ledamöterna');
    await sara.fill(form, 'Anteckningar', 'Läget i beredskapen gicks igenom.');
    await sara.fill(form, 'Beslut (ett per rad)', 'Beredskapsplanen gäller från 1 januari.');
    // Two presses before the card has answered (a double click does the same in Teams).
    await form.getByRole('button', { name: 'Skicka till ledamöterna' }).evaluate((button: { click(): void }) => {
      button.click();
      button.click();
    });
    await sara.card(/Anteckningar och beslut skickas till/);

    const anna = await this.session.client('anna');
    await anna.open(PERSONAL_CHAT);
    const notes = () => anna.cards('Anteckningar och beslut').filter({ hasText: NOTES_MEETING }).filter({ hasText: 'Beredskapsplanen gäller från 1 januari.' });
    await notes().first().waitFor();
    // Give a second copy time to arrive, if one were sent.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    assert.equal(await notes().count(), 1, 'Anna got the notes once');
    assert.equal(await anna.cards('Rättad version').count(), 0, 'the first copy is not a corrected version');
  });
});

let notesMeetingStartsAt: DateTime | undefined;
/** Milliseconds until the notes meeting has started (and a moment more). */
function untilNotesMeetingStarted(): number {
  return Math.max(0, (notesMeetingStartsAt?.toMillis() ?? Date.now()) - Date.now()) + 2_000;
}

/**
 * Picks a day in a card's date field from the Playground's calendar (it takes no typed text). The
 * day is looked up in the month shown first: the current month for the days this walk picks.
 */
async function pickDate(card: Locator, day: DateTime, nth = 0): Promise<void> {
  const page = card.page();
  await card.getByPlaceholder('Select a date...').nth(nth).click();
  const calendar = page.getByRole('grid').first();
  await calendar.waitFor();
  const today = DateTime.now().setZone('Europe/Stockholm');
  if (day.month !== today.month) await page.getByRole('button', { name: /next month/i }).first().click();
  await calendar.getByRole('button', { name: new RegExp(`^${day.day}(\\D|$)`) }).first().click();
}

/** Types a time (`9:05`) into a card's time field, which the Playground shows as a combo box that takes text. */
async function typeTime(card: Locator, label: RegExp, time: string): Promise<void> {
  const field = card.getByLabel(label).first();
  await field.click();
  await field.fill(time);
  await field.press('Enter');
}
