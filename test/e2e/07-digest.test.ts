import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { Locator } from 'playwright-core';
import { GAVLE_CHANNEL, PERSONAL_CHAT, type TeamsClient } from './support/teamsClient';

const MEETING = 'Länsledningens extra möte om handlingsplanen';
const DECISIONS = ['Handlingsplan 2027 fastställs', 'Kommunerna och regionen utser var sin kontaktperson för SIP'];
/** The remiss Sara sent to every party in 05-tab: still open, so it is on each party's digest. */
const REMISS = 'Remiss om gemensam riktlinje för SIP';
const GAVLE_DIGEST = 'Att ta med hem – Gävle kommun';

/**
 * Notes are written once a meeting has begun, and a meeting is called for a time still to come: so
 * this one starts a minute or two from now (whole minutes, as the form's time field takes them),
 * in Swedish time, whatever the day; a day other than Friday is confirmed on the form.
 */
function meetingTimes(now = DateTime.now().setZone('Europe/Stockholm')) {
  const startsAt = now.plus({ seconds: 90 }).endOf('minute').plus({ milliseconds: 1 });
  const endsAt = startsAt.plus({ hours: 1 });
  return { startsAt, endsAt };
}

/** Types a date or a time into a card's picker (a combo box that takes typed text) and leaves it, as a person does. */
async function type(card: Locator, label: string, value: string): Promise<void> {
  const field = card.getByRole('combobox', { name: label, exact: true });
  await field.fill(value);
  await field.press('Tab');
}

/** Sara's status card of this meeting (her chat also holds the December meeting's). */
function statusCard(sara: TeamsClient): Locator {
  return sara.cards('Läget för mötet').filter({ hasText: MEETING }).last();
}

/** A party's row on the secretariat's digest status: its name and what it has taken home. */
function partyRow(card: Locator, party: string): Locator {
  return card.locator('.ac-container').filter({ hasText: party }).last();
}

/**
 * One item's row on a digest card: the innermost block with the item's text and its "Taget hem"
 * button (the renderer marks a column set by no class of its own).
 */
function digestItem(card: Locator, text: string): Locator {
  return card
    .locator('div')
    .filter({ has: card.page().getByText(text, { exact: true }) })
    .filter({ has: card.page().getByRole('button', { name: 'Taget hem' }) })
    .last();
}

/*
 * After a Länsledning meeting, each party gets a digest of what to take home, in its channel and
 * its members' chats; a member ticks an item "taken home" and the secretariat sees it per party.
 */
describe('The digest after a Länsledning meeting', function () {
  this.bail(true);
  let startsAt: DateTime;

  it('is called by Sara for a time a minute or two from now, confirming a day other than Friday as the form asks', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const times = meetingTimes();
    startsAt = times.startsAt;
    const form = await sara.ask('nytt möte', 'Skicka kallelsen');
    await sara.fill(form, 'Rubrik', MEETING);
    await type(form, 'Datum', times.startsAt.toISODate()!);
    await type(form, 'Starttid', times.startsAt.toFormat('HH:mm'));
    await type(form, 'Sluttid', times.endsAt.toFormat('HH:mm'));
    if (times.endsAt.toISODate() !== times.startsAt.toISODate()) await type(form, 'Slutdatum (om mötet pågår flera dagar)', times.endsAt.toISODate()!);
    await sara.fill(form, 'Plats', 'Regionhuset, Gävle');
    await sara.fill(form, 'Dagordning (en punkt per rad)', 'Handlingsplan 2027');
    await sara.press(form, 'Skicka kallelsen');

    const confirm = sara.page.getByRole('checkbox', { name: 'Jag bekräftar att mötet ska hållas en annan dag än fredag' });
    await confirm.or(statusCard(sara)).first().waitFor();
    if (await confirm.isVisible()) {
      // The form came back with what she typed and the warning: she ticks the box and sends it again.
      const again = sara.cards('Skicka kallelsen').last();
      await again.getByText('Kryssa i rutan längst ned om mötet ändå ska vara den dagen', { exact: false }).waitFor();
      assert.equal(await again.getByRole('textbox', { name: 'Rubrik', exact: true }).inputValue(), MEETING);
      await confirm.check();
      await sara.press(again, 'Skicka kallelsen');
    }
    await statusCard(sara).getByText('Kallelsen skickas till 4 ledamöter.').waitFor();
  });

  it('lets Sara send the notes with two decisions once the meeting has begun, and tells her the digest goes to "11 parter och" HUFB', async function () {
    this.timeout(240_000);
    await sleep(Math.max(0, startsAt.toMillis() - Date.now()) + 2_000);
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    await sara.press(statusCard(sara), 'Uppdatera');
    await sara.press(statusCard(sara), 'Anteckningar och beslut');
    const form = await sara.card('Skicka till ledamöterna');
    await sara.fill(form, 'Beslut (ett per rad)', DECISIONS.join('\n'));
    await sara.fill(form, 'Anteckningar', 'Länsledningen gick igenom förslaget till handlingsplan och fastställde den.');
    await sara.press(form, 'Skicka till ledamöterna');
    const status = statusCard(sara);
    await status.getByText('Sammandraget går till 11 parter och Hälsinglands Utbildningsförbund', { exact: false }).waitFor();
    await sara.press(status, 'Sammandrag per part');
    const digests = await sara.card('Sammandrag per part');
    await digests.getByText('Parter som tagit hem allt: 0 av 11 parter.').waitFor();
    await partyRow(digests, 'Gävle kommun').getByText('Taget hem: 0 av 3 punkter').waitFor();
    await sara.screenshot('16-digest-status-before', digests);
  });

  it("reaches Gävle kommun's channel with the decisions and the open remiss, and Anna ticks a decision taken home, in place", async function () {
    const anna = await this.session.client('anna');
    await anna.open(GAVLE_CHANNEL);
    const digest = await anna.card(GAVLE_DIGEST);
    for (const decision of DECISIONS) await digest.getByText(decision, { exact: true }).waitFor();
    await digest.getByText(REMISS, { exact: true }).waitFor();
    await digest.getByText(/^Svara senast /).waitFor();
    await digest.getByText('Taget hem: 0 av 3 punkter').waitFor();
    assert.equal(await digest.getByRole('button', { name: 'Taget hem' }).count(), 3, 'each item has its button');
    const cards = await anna.cardCount();
    await anna.press(digestItem(digest, DECISIONS[0]!), 'Taget hem');
    const ticked = await anna.card('Taget hem: 1 av 3 punkter');
    await ticked.getByText('✓ Taget hem av Anna Holm', { exact: false }).waitFor();
    assert.equal(await ticked.getByRole('button', { name: 'Taget hem' }).count(), 2, 'the ticked item has no button left; the other two keep theirs');
    await digestItem(ticked, DECISIONS[1]!).waitFor();
    assert.equal(await anna.cardCount(), cards, 'the digest changed in place; no new message');
    await anna.screenshot('17-digest-ticked', ticked);
  });

  it("reaches Maria of Region Gävleborg in her own chat, with her party's digest", async function () {
    const maria = await this.session.client('maria');
    await maria.open(PERSONAL_CHAT);
    const digest = await maria.card('Att ta med hem – Region Gävleborg');
    for (const decision of DECISIONS) await digestItem(digest, decision).waitFor();
    assert.equal(await digest.getByRole('button', { name: 'Taget hem' }).count(), 3, "Gävle kommun's tick is not Region Gävleborg's");
  });

  it("shows Gävle kommun's tick on Sara's digest status", async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    await sara.press(await sara.card('Sammandrag per part'), 'Uppdatera');
    const digests = await sara.card('Taget hem: 1 av 3 punkter');
    await partyRow(digests, 'Gävle kommun').getByText('Taget hem: 1 av 3 punkter').waitFor();
    await digests.getByText('Parter som tagit hem allt: 0 av 11 parter.').waitFor();
    await sara.screenshot('18-digest-status-after', digests);
  });
});
