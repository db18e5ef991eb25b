import assert from 'node:assert/strict';
import type { DestinationStream } from 'pino';
import { ManualClock } from '../../../src/clock';
import { actorPseudonym } from '../../../src/log';
import { ACTORS, DIRECTORY_ENTRIES } from './actors';
import { startGuardedApp, type GuardedApp } from './harness';
import { fixtureContext, newBroadcast, type FixtureContext } from './verbFixtures';

const MATS = ACTORS.member.entry!;
const SIV = ACTORS.secretariat.entry!;
const MINUTE = 60_000;

function capture(): DestinationStream & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

/** The link a text or card holds, pointed at the test server. */
function linkIn(text: string, app: GuardedApp, nth = 0): string {
  const found = [...text.matchAll(/https?:\/\/[^\s/]+\/downloads\/[A-Za-z0-9._-]+/g)].map((m) => m[0]);
  assert.ok(found[nth], `no link in: ${text.slice(0, 300)}`);
  return found[nth].replace(/^https?:\/\/[^/]+/, app.bot.url);
}

/** What a signed link says about itself (its payload is readable; only its signature is secret). */
function payloadOf(url: string): Record<string, unknown> {
  const token = url.split('/downloads/')[1]!;
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('download links: data exports work once, CSV links a day at most, nothing typed in a URL, every download logged', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;
  let clock: ManualClock;
  let logs: DestinationStream & { lines: string[] };

  beforeEach(async () => {
    clock = new ManualClock('2026-12-01T08:00:00Z');
    logs = capture();
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0', LOG_LEVEL: 'info', RETENTION_LINK_DAYS: '2' }, clock, logDestination: logs });
    ctx = fixtureContext(app, clock);
  });
  afterEach(async () => {
    await app.stop();
  });

  const downloadLines = () => logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'download');

  it('a personal-data export link works once: the second download, and the loser of two at once, are told it was used', async () => {
    const first = linkIn((await ctx.press('secretariat', 'privacy.export', { query: MATS.email })).text, app);
    assert.equal(payloadOf(first).p, undefined, 'the link names a record, not the member');
    assert.ok(!first.includes(MATS.aadObjectId));
    const served = await fetch(first);
    assert.equal(served.status, 200);
    assert.equal(((await served.json()) as { member: { email: string } }).member.email, MATS.email);
    const again = await fetch(first);
    assert.equal(again.status, 404);
    assert.match(await again.text(), /Länken har redan använts/);

    const second = linkIn((await ctx.press('secretariat', 'privacy.export', { query: MATS.email })).text, app);
    const racing = await Promise.all([fetch(second), fetch(second), fetch(second)]);
    assert.deepEqual(racing.map((r) => r.status).sort(), [200, 404, 404], 'one of three downloads at once gets the file');
  });

  it('a personal-data export link expires after 15 minutes unused', async () => {
    const link = linkIn((await ctx.press('secretariat', 'privacy.export', { query: MATS.email })).text, app);
    clock.advance(16 * MINUTE);
    assert.equal((await fetch(link)).status, 404);
  });

  it("the directory export's two links work once each", async () => {
    const card = (await ctx.press('secretariat', 'member.export', {})).raw;
    for (const nth of [0, 1]) {
      const link = linkIn(card, app, nth);
      assert.equal((await fetch(link)).status, 200);
      assert.equal((await fetch(link)).status, 404);
    }
  });

  it('a data export is refused behind a link that does not work once, however it was made', async () => {
    const reusable = app.bot.app.deps.links.url('personal-data', { aadObjectId: MATS.aadObjectId }, 15 * MINUTE, SIV.aadObjectId);
    assert.equal((await fetch(reusable.replace(/^https?:\/\/[^/]+/, app.bot.url))).status, 404);
  });

  it('a CSV link works at most a day, whatever it says; the card shown again has a fresh one', async () => {
    const { broadcastId } = await newBroadcast(ctx);
    const status = (await ctx.press('secretariat', 'broadcast.status', { broadcastId })).raw;
    const link = linkIn(status, app);
    assert.ok((payloadOf(link).e as number) - clock.now().getTime() <= 24 * 60 * MINUTE, 'it says a day at most');
    assert.equal((await fetch(link)).status, 200);
    assert.equal((await fetch(link)).status, 200, 'a CSV link may be used again within its day');
    const older = app.bot.app.deps.links.url('broadcast-log', { broadcastId }, 7 * 24 * 60 * MINUTE);
    clock.advance(25 * 60 * MINUTE);
    assert.equal((await fetch(link)).status, 404, 'after a day');
    assert.equal((await fetch(older.replace(/^https?:\/\/[^/]+/, app.bot.url))).status, 404, 'a link made for a week works a day');
    const fresh = linkIn((await ctx.press('secretariat', 'broadcast.status', { broadcastId })).raw, app);
    assert.equal((await fetch(fresh)).status, 200);
  });

  it('puts nothing a person typed in a URL: the cost calculator link holds the amount and date, not what the cost is for', async () => {
    const what = 'Utbildningsdag om SIP för nya chefer';
    await ctx.press('secretariat', 'cost.keySave', { effectiveFrom: '2026-01-01', note: '', ...(await weights(ctx)) });
    const card = (await ctx.press('member', 'cost.split', { amount: '100000', what, kind: 'project', date: '2026-12-01' })).raw;
    const link = linkIn(card, app);
    assert.deepEqual(payloadOf(link).p, { amount: '100000', date: '2026-12-01' });
    assert.equal((await fetch(link)).status, 200);
    assert.throws(() => app.bot.app.deps.links.url('cost-split', { what }, MINUTE), /not an id, date or choice/);
  });

  it('keeps the record of an export link (who made it, when it was used; no content) until RETENTION_LINK_DAYS after it expired', async () => {
    linkIn((await ctx.press('secretariat', 'privacy.export', { query: MATS.email })).text, app);
    const records = async () => (await app.dump(['directory'])).filter((d) => d.type === 'download-link');
    const [record] = await records();
    assert.ok(record);
    assert.deepEqual(Object.keys(record.params as object), ['aadObjectId']);
    assert.equal(record.madeFor, actorPseudonym(SIV.aadObjectId));
    const nightly = app.handlers.get('privacy.inboxSweep')!;
    const night = () => nightly({}, { jobId: 'sweep', runAt: clock.now(), attempt: 1 });
    clock.advance(24 * 60 * MINUTE);
    await night();
    assert.equal((await records()).length, 1, 'a day after it expired');
    clock.advance(2 * 24 * 60 * MINUTE);
    await night();
    assert.equal((await records()).length, 0, 'two days after');
  });

  it('logs every download, served or refused: which link, made for whom, the outcome; never the token or what the file held', async () => {
    const link = linkIn((await ctx.press('secretariat', 'privacy.export', { query: MATS.email })).text, app);
    await fetch(link);
    await fetch(link);
    await fetch(`${app.bot.url}/downloads/not-a-token`);
    const lines = downloadLines();
    assert.deepEqual(
      lines.map((l) => l.outcome),
      ['served', 'used', 'invalid'],
    );
    assert.equal(lines[0]!.kind, 'personal-data');
    assert.equal(lines[0]!.madeFor, actorPseudonym(SIV.aadObjectId));
    assert.equal(lines[0]!.link, lines[1]!.link, 'the same link, named the same way');
    assert.ok(typeof lines[0]!.client === 'string');
    const token = link.split('/downloads/')[1]!;
    const all = logs.lines.join('\n');
    assert.ok(!all.includes(token) && !all.includes(token.split('.')[1]!), 'the token is not logged');
    assert.ok(!all.includes(MATS.email), "the file's content is not logged");
  });
});

async function weights(ctx: FixtureContext): Promise<Record<string, string>> {
  const parties = await ctx.app.bot.app.deps.directory.parties();
  return Object.fromEntries(parties.filter((p) => p.kind === 'municipality').map((p, i) => [`w_${p.id}`, String(10 + i)]));
}
