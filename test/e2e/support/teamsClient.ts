import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { PlaygroundClient } from '../../../scripts/playground/launch';
import { BOT, fullName, PEOPLE, TEAM, type Person } from '../../../scripts/playground/roster';

export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** The places in the Playground's left rail, named as a person sees them. */
export type Place = { kind: 'personal' } | { kind: 'groupChat'; name: string } | { kind: 'channel'; team: string; name: string };

export const PERSONAL_CHAT: Place = { kind: 'personal' };
export const GAVLE_CHANNEL: Place = { kind: 'channel', team: TEAM.name, name: TEAM.channel.name };

/** The bot's greeting on install. */
export const WELCOME = 'Välkommen till Länsledning Välfärds bot';

/**
 * One person's Teams client: their Playground in a browser tab. Everything is found the way a person
 * finds it, by visible text and roles, and every wait is on something appearing on screen.
 */
export class TeamsClient {
  private constructor(
    readonly page: Page,
    readonly person: Person,
  ) {}

  static async open(context: BrowserContext, client: PlaygroundClient): Promise<TeamsClient> {
    const page = await context.newPage();
    await page.goto(client.url);
    const person = PEOPLE[client.person];
    await page.getByRole('toolbar').getByText(fullName(person), { exact: true }).waitFor();
    return new TeamsClient(page, person);
  }

  get name(): string {
    return fullName(this.person);
  }

  /** Opens a chat or channel from the left rail. */
  async open(place: Place): Promise<void> {
    await this.page.bringToFront();
    const name = place.kind === 'personal' ? 'Personal Chat' : place.kind === 'groupChat' ? place.name : `${place.team} - ${place.name}`;
    await this.page.getByRole('treeitem', { name, exact: true }).click();
  }

  /** Every Adaptive Card in the open conversation that shows `text`. */
  cards(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text });
  }

  /** How many cards the open conversation shows. */
  cardCount(): Promise<number> {
    return this.page.locator('.ac-adaptiveCard').count();
  }

  /** Waits until a card with `text` is on screen and returns the newest such card. */
  async card(text: string | RegExp): Promise<Locator> {
    const card = this.cards(text).last();
    await card.waitFor();
    return card;
  }

  /**
   * Runs `action` and waits for one more card with `text` than there was before: a new message,
   * not an older one that happens to match.
   */
  async newCard(text: string | RegExp, action: () => Promise<void>): Promise<Locator> {
    const before = await this.cards(text).count();
    await action();
    const card = this.cards(text).nth(before);
    await card.waitFor();
    return card;
  }

  /** Types a message in a chat's compose box (in a channel: a reply to the newest post) and sends it. */
  async say(text: string): Promise<void> {
    await this.page.bringToFront();
    await this.page.getByRole('textbox').last().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Starts a new post in the open channel that @mentions the bot, as Teams requires for a bot to hear it. */
  async post(text: string): Promise<void> {
    await this.page.bringToFront();
    await this.page.getByRole('textbox').first().click();
    await this.page.keyboard.type(`@${BOT.name.slice(0, 4)}`);
    await this.page.getByRole('listbox', { name: 'Typeahead menu' }).getByRole('menuitem', { name: BOT.name }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /** Sends `text` and returns the bot's new card that shows `expected`. */
  async ask(text: string, expected: string | RegExp): Promise<Locator> {
    return this.newCard(expected, () => this.say(text));
  }

  /** Starts a channel post with `text` and returns the bot's new card that shows `expected`. */
  async askInChannel(text: string, expected: string | RegExp): Promise<Locator> {
    return this.newCard(expected, () => this.post(text));
  }

  /** Presses a card's button. */
  async press(card: Locator, title: string | RegExp): Promise<void> {
    await this.page.bringToFront();
    await card.getByRole('button', { name: title }).click();
  }

  /** Picks `option` in a card's choice list (rendered as a combo box, as in Teams). */
  async choose(card: Locator, label: string, option: string): Promise<void> {
    await this.page.bringToFront();
    await card.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Ticks exactly `options` in a card's multi-select list (a menu of check boxes), then closes it. */
  async chooseOnly(card: Locator, label: string, options: readonly string[]): Promise<void> {
    await this.page.bringToFront();
    await card.getByRole('combobox', { name: label, exact: true }).click();
    const items = this.page.getByRole('menu').getByRole('menuitemcheckbox');
    await items.first().waitFor();
    const names = (await items.allTextContents()).map((n) => n.trim());
    for (const name of names) {
      const item = this.page.getByRole('menu').getByRole('menuitemcheckbox', { name, exact: true });
      const checked = (await item.getAttribute('aria-checked')) === 'true';
      if (checked !== options.includes(name)) await item.click();
    }
    for (const name of options) {
      await this.page.getByRole('menu').getByRole('menuitemcheckbox', { name, exact: true, checked: true }).waitFor();
    }
    await this.page.keyboard.press('Escape');
  }

  /** Types into a card's text field. */
  async fill(card: Locator, label: string, value: string): Promise<void> {
    await this.page.bringToFront();
    await card.getByRole('textbox', { name: label, exact: true }).fill(value);
  }

  /** Saves what the person sees under test/e2e/artifacts, with `focus` scrolled into view. */
  async screenshot(name: string, focus?: Locator): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.bringToFront();
    if (focus) await focus.scrollIntoViewIfNeeded();
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
