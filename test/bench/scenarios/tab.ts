import { existsSync } from 'node:fs';
import { seedCollaborationYear, type SeedPerson } from '../../support/collaborationData';
import { ELEVEN_PARTY_IDS } from '../../../src/directory/seed';
import { CHROMIUM, launchBrowser } from '../../e2e/support/browser';
import type { BenchContext } from '../context';
import { median } from './startup';
import { SECRETARY } from '../population';

/** A year of the collaboration: Länsledning's members of the eleven parties, three each. */
const YEAR = { meetings: 48, upcoming: 4, broadcasts: 40, remisser: 12, cases: 150 };
const RUNS = 15;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function ok(url: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  await res.arrayBuffer();
}

/**
 * The tab "Översikt" with a year of data: what a page asks for to show its first view (the page,
 * its three files, who the viewer is, the Meetings view) as one sequence over loopback, cold (the
 * view not yet built) and warm, against the bot's own /healthz in the same process; then the same
 * in Chromium, from navigation until the view is on screen. The secretariat's view: the largest.
 */
export async function tabPhase(ctx: BenchContext): Promise<void> {
  const members: SeedPerson[] = ELEVEN_PARTY_IDS.flatMap((partyId, p) =>
    [0, 1, 2].map((i) => ({
      aadObjectId: `00000000-0000-4aaa-8000-${String(p * 10 + i).padStart(12, '0')}`,
      name: `Ledamot ${partyId} ${i + 1}`,
      email: `ledamot.${partyId}.${i + 1}@example.se`,
      partyId,
    })),
  );
  const organizer = { aadObjectId: SECRETARY.user.aadObjectId, name: SECRETARY.user.name, email: 'sara@example.se', partyId: SECRETARY.partyId };
  const seedStarted = Date.now();
  const { documents } = await seedCollaborationYear(ctx.store, { now: new Date(), members, organizer, ...YEAR, parallel: 32 });
  process.stdout.write(`    tab: seeded ${documents} documents in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s\n`);

  const base = ctx.bot.url;
  const user = `user=${SECRETARY.user.aadObjectId}`;
  const gzip = { 'accept-encoding': 'gzip' };
  const firstView = async (section = 'meetings') => {
    await ok(`${base}/tab/?${user}`, gzip);
    await Promise.all(['app.js', 'app.css', 'teams-js.js'].map((f) => ok(`${base}/tab/assets/${f}`, gzip)));
    await ok(`${base}/tab/api/me?${user}`);
    await ok(`${base}/tab/api/sections/${section}?${user}`);
  };
  const healthz: number[] = [];
  for (let i = 0; i < RUNS; i++) healthz.push(await timed(() => ok(`${base}/healthz`)));
  const cold = await timed(() => firstView());
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await timed(() => firstView()));
  const coldYear = await timed(() => ok(`${base}/tab/api/sections/year?${user}`));
  const coldDissemination = await timed(() => ok(`${base}/tab/api/sections/dissemination?${user}`));
  const coldCases = await timed(() => ok(`${base}/tab/api/sections/cases?${user}`));
  const baseline = median(healthz);
  const note = `${YEAR.meetings} held meetings of ${members.length} members, ${YEAR.broadcasts} broadcasts, ${YEAR.remisser} remisser, ${YEAR.cases} cases`;
  ctx.figures.add('The tab Översikt', 'first view over HTTP, cold (page, 3 files, me, Meetings)', Math.round(cold), 'ms', { baseline, target: { kind: 'below', max: 1000 }, note });
  ctx.figures.add('The tab Översikt', 'first view over HTTP, warm, median', Math.round(median(warm)), 'ms', { baseline, target: { kind: 'below', max: 1000 } });
  ctx.figures.add('The tab Översikt', 'the year view, cold (every held meeting and message)', Math.round(coldYear), 'ms', { baseline, target: { kind: 'below', max: 1000 } });
  ctx.figures.add('The tab Översikt', 'the Dissemination view, cold', Math.round(coldDissemination), 'ms', { baseline });
  ctx.figures.add('The tab Översikt', 'the Cases view, cold', Math.round(coldCases), 'ms', { baseline });
  ctx.details.tab = { healthzMs: healthz, coldMs: cold, warmMs: warm, documents };

  if (!existsSync(CHROMIUM)) {
    ctx.pending.push(`the tab in Chromium: ${CHROMIUM} is not installed`);
    return;
  }
  const browser = await launchBrowser();
  try {
    const rendered: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.context.newPage();
      const started = performance.now();
      await page.goto(`${base}/tab/?${user}#meetings`);
      await page.locator('#section-title').waitFor();
      rendered.push(performance.now() - started);
      await page.close();
    }
    ctx.figures.add('The tab Översikt', 'first view rendered in Chromium (navigation until the view is on screen), median of 5', Math.round(median(rendered)), 'ms', {
      baseline,
      target: { kind: 'below', max: 1000 },
    });
  } finally {
    await browser.close();
  }
}
