import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { PEOPLE, type PersonKey } from '../../scripts/playground/roster';
import { ARTIFACTS, PERSONAL_CHAT } from './support/teamsClient';

const REMISS = 'Remiss om gemensam riktlinje för SIP';
const MEETING = 'Länsledningens möte i december';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const THEMES = ['default', 'dark', 'contrast'] as const;
const SCREENSHOT_FOR_README = join(__dirname, '..', '..', 'docs', 'images', 'tab.png');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** The tab "Översikt" as a person opens it on the bot's own server (local development: ?user=). */
async function openTab(context: Mocha.Context, person: PersonKey, view: string, theme = 'default'): Promise<Page> {
  const origin = new URL(context.session.playground.botEndpoint).origin;
  const page = await context.session.browser.context.newPage();
  await page.goto(`${origin}/tab/?user=${PEOPLE[person].aadObjectId}&theme=${theme}#${view}`);
  await page.locator('#section-title').waitFor();
  return page;
}

/** axe-core over the page as it is now: the WCAG 2.1 A and AA rules. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  // Run in the page (the test has no DOM types): the violations, with where each was found.
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
}

async function tabNames(page: Page): Promise<string[]> {
  return (await page.getByRole('tab').allTextContents()).map((t) => t.trim());
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/* The collaboration at a glance: the tab as the secretariat, a member and a preparer see it. */
describe('The tab "Översikt"', function () {
  this.bail(true);
  // Each open page holds a live stream; a browser opens only six connections to one host over
  // HTTP/1.1 (the service speaks HTTP/2 behind App Service), so each step closes its pages.
  const opened: Page[] = [];
  afterEach(async () => {
    for (const page of opened.splice(0)) await page.close();
  });

  it('gets a remiss to every party from Sara, so there is something per party to see', async function () {
    const sara = await this.session.client('sara');
    await sara.open(PERSONAL_CHAT);
    const form = await sara.ask('remiss', 'Skicka remissen');
    await sara.fill(form, 'Rubrik', REMISS);
    await sara.fill(form, 'Text (Markdown går bra: **fet**, listor, länkar)', 'Lämna synpunkter på förslaget till gemensam riktlinje.');
    await form.getByLabel('Svara senast').fill(DateTime.now().plus({ days: 21 }).toISODate());
    await sara.press(form, 'Skicka remissen');
    await sara.card(REMISS);
  });

  it("shows Sara every view and every party's rows, and downloads a table as CSV and as Excel", async function () {
    const page = await openTab(this, 'sara', 'dissemination');
    opened.push(page);
    assert.deepEqual(await tabNames(page), ['Möten', 'Utskick och remisser', 'Ärenden', 'Året']);
    const remiss = page.locator('table', { has: page.locator('caption', { hasText: REMISS }) });
    for (const party of ['Gävle kommun', 'Bollnäs kommun', 'Region Gävleborg', 'Ockelbo kommun']) {
      await remiss.getByRole('rowheader', { name: party, exact: true }).waitFor();
    }
    await shot(page, 'tab-01-sara-dissemination');

    const csvButton = page.getByRole('button', { name: `Ladda ner CSV: Svar per part: ${REMISS}` });
    const [csv] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
    const text = readFileSync((await csv.path()), 'utf8');
    assert.match(csv.suggestedFilename(), /^oversikt-dissemination-remiss-.+\.csv$/);
    assert.ok(text.startsWith('\uFEFFPart;Läge;När;I tid\r\n'), text.slice(0, 40));
    assert.match(text, /\r\nBollnäs kommun;Saknas;;\r\n/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Ladda ner Excel: Svar per part: ${REMISS}` }).click()]);
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
    assert.equal(readFileSync((await xlsx.path())).subarray(0, 2).toString(), 'PK', 'an Excel workbook (a zip)');
  });

  it("shows Anna of Gävle kommun her own party's rows and the totals, never another party's, and no cases", async function () {
    const page = await openTab(this, 'anna', 'dissemination');
    opened.push(page);
    assert.deepEqual(await tabNames(page), ['Möten', 'Utskick och remisser', 'Året']);
    const remiss = page.locator('table', { has: page.locator('caption', { hasText: REMISS }) });
    await remiss.getByRole('rowheader', { name: 'Gävle kommun', exact: true }).waitFor();
    await remiss.getByRole('rowheader', { name: 'Totalt', exact: true }).waitFor();
    assert.equal(await remiss.getByRole('row').count(), 3, 'the header, Gävle kommun and the total');
    for (const other of ['Bollnäs kommun', 'Region Gävleborg', 'Hudiksvalls kommun']) assert.equal(await page.getByText(other, { exact: true }).count(), 0, other);
    for (const name of ['Maria Ek', 'Johan Nord', 'Erik Sjöberg']) assert.equal(await page.getByText(name).count(), 0, name);
    await shot(page, 'tab-02-anna-dissemination');
    await page.goto(page.url().replace(/#.*$/, '#cases'));
    await page.locator('#section-title').waitFor();
    assert.notEqual(await page.locator('#section-title').textContent(), 'Ärenden', 'the cases view does not open for a member');
  });

  it('shows Petra of the beredningsorgan the cases: the pipeline as a chart with its table, and Anna\'s case', async function () {
    const page = await openTab(this, 'petra', 'cases');
    opened.push(page);
    assert.deepEqual(await tabNames(page), ['Möten', 'Utskick och remisser', 'Ärenden', 'Året']);
    await page.getByRole('img', { name: 'Diagram: Ärenden per läge. Samma uppgifter finns i tabellen bredvid.' }).waitFor();
    await page.getByRole('table', { name: 'Ärenden per läge' }).waitFor();
    await page.getByRole('cell', { name: 'Gemensam rutin för samordnad individuell plan' }).waitFor();
    await shot(page, 'tab-03-petra-cases');
  });

  it("updates Sara's open page within seconds when Anna changes her answer, without a reload", async function () {
    const page = await openTab(this, 'sara', 'meetings');
    opened.push(page);
    const row = page.locator('#t-upcoming tbody tr', { hasText: MEETING });
    const cells = async () => (await row.locator('td').allTextContents()).map((t) => t.trim());
    await page.getByText('Uppdateras automatiskt').waitFor();
    const before = await cells();
    const navigations = "performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin";
    const loads = await page.evaluate(navigations);
    const anna = await this.session.client('anna');
    await anna.open(PERSONAL_CHAT);
    const started = Date.now();
    await anna.press(await anna.card('Frånvaro anmäld'), 'Jag kommer');
    await page.bringToFront();
    // Watched from outside the page: its security policy allows no script the test would inject.
    let after = before;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && after.join('|') === before.join('|'); ) {
      await page.waitForTimeout(100);
      after = await cells();
    }
    // The cells after the meeting's name: body, starts, answer by, attending, absent, not answered, have read.
    assert.equal(Number(after[3]), Number(before[3]) + 1, `attending: ${before.join(' ')} → ${after.join(' ')}`);
    assert.equal(Number(after[4]), Number(before[4]) - 1, 'absent');
    assert.equal(await page.evaluate(navigations), loads, 'no reload');
    await page.getByRole('status').getByText(/^Uppdaterad \d\d\.\d\d$/).waitFor();
    console.log(`      figures: Anna's new answer was on Sara's open page ${Date.now() - started} ms after her press`);
    await shot(page, 'tab-04-sara-meetings-live');
  });

  it('works from the keyboard: the views are a tab list moved with the arrow keys, the downloads are buttons', async function () {
    const page = await openTab(this, 'sara', 'meetings');
    opened.push(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Hoppa till innehållet');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate("document.activeElement.getAttribute('role')"), 'tab');
    await page.keyboard.press('ArrowRight');
    await page.locator('#section-title', { hasText: 'Utskick och remisser' }).waitFor();
    assert.equal(await page.getByRole('tab', { selected: true }).textContent(), 'Utskick och remisser');
    await page.keyboard.press('End');
    await page.locator('#section-title', { hasText: 'Året' }).waitFor();
    await page.keyboard.press('Home');
    await page.locator('#section-title', { hasText: 'Möten' }).waitFor();
    // Tab moves into the view: the first scrollable table, then its download buttons.
    let reachedExport = false;
    for (let i = 0; i < 6 && !reachedExport; i++) {
      await page.keyboard.press('Tab');
      reachedExport = (await page.evaluate("document.activeElement.classList.contains('export')")) === true;
    }
    assert.ok(reachedExport, 'a download button is reached with Tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /^oversikt-meetings-.+\.csv$/);
  });

  it('has no WCAG 2.1 A or AA violation (axe-core) in any view, for each person, in the light, dark and high-contrast themes', async function () {
    this.timeout(300_000);
    const runs: string[] = [];
    const found: string[] = [];
    const views: [PersonKey, string[]][] = [
      ['sara', ['meetings', 'dissemination', 'cases', 'year']],
      ['anna', ['meetings', 'dissemination', 'year']],
      ['petra', ['cases']],
    ];
    for (const [person, ids] of views) {
      for (const theme of person === 'sara' ? THEMES : (['default'] as const)) {
        const page = await openTab(this, person, ids[0]!, theme);
        for (const id of ids) {
          if (id !== ids[0]) {
            await page.getByRole('tab', { name: { meetings: 'Möten', dissemination: 'Utskick och remisser', cases: 'Ärenden', year: 'Året' }[id]! }).click();
            await page.locator('#section-title', { hasText: { meetings: 'Möten', dissemination: 'Utskick och remisser', cases: 'Ärenden', year: 'Året' }[id]! }).waitFor();
          }
          for (const v of await axeViolations(page)) found.push(`${person}/${id}/${theme}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          runs.push(`${person}/${id}/${theme}`);
          if (person === 'sara' && id === 'year') await shot(page, `tab-05-sara-year-${theme}`);
        }
        await page.close();
      }
    }
    console.log(`      figures: axe-core ran over ${runs.length} views; ${found.length} violations`);
    assert.deepEqual(found, []);
    copyFileSync(join(ARTIFACTS, 'tab-01-sara-dissemination.png'), SCREENSHOT_FOR_README);
  });
});
