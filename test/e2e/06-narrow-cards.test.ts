import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type Browser } from './support/browser';
import { NARROW_CARD_PX, brokenWords, prepareRenderer, sampleCards } from './support/narrowCards';
import { ARTIFACTS } from './support/teamsClient';

const STATUS_CARDS = ['meeting-status', 'broadcast-status', 'remiss-status', 'year-plan-report', 'case-list'];

/*
 * Teams shows a card as narrow as a phone in portrait. Every template, with its sample data in
 * both languages, is rendered by the Adaptive Cards renderer at that width: no word may break
 * inside itself ("Komme|r", "Frånvar|o"), as it did in the five-column status tables.
 */
describe('Cards at the narrowest width Teams shows', function () {
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it(`break no word across lines at ${NARROW_CARD_PX} px, in Swedish and English`, async () => {
    const page = await browser.context.newPage();
    await prepareRenderer(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    const broken: string[] = [];
    for (const sample of sampleCards()) {
      for (const word of await brokenWords(page, sample.card)) broken.push(`${sample.template} (${sample.locale}): ${word}`);
      if (STATUS_CARDS.includes(sample.template)) {
        await page.locator('#card').screenshot({ path: join(ARTIFACTS, `narrow-${sample.template}-${sample.locale}.png`) });
      }
    }
    assert.deepEqual(broken, []);
  });

  it('finds a broken word when a column is too narrow for its header (the check can fail)', async () => {
    const page = await browser.context.newPage();
    await prepareRenderer(page);
    const header = (text: string) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text, weight: 'Bolder', wrap: true }] });
    const table = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Table', columns: [{ width: 3 }, { width: 1 }, { width: 1 }, { width: 1 }, { width: 1 }], rows: [{ type: 'TableRow', cells: ['Part', 'Kommer', 'Frånvaro', 'Ej svar', 'Läst'].map(header) }] }],
    };
    assert.ok((await brokenWords(page, table)).includes('Frånvaro'));
    const cut = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Påminnelsen skickas till alla ledamöter som inte har svarat på kallelsen' }] };
    assert.deepEqual(await brokenWords(page, cut), ['clipped: Påminnelsen skickas till alla ledamöter som inte har svarat på kallelsen']);
  });
});
