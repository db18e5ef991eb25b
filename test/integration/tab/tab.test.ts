import assert from 'node:assert/strict';
import http, { type IncomingHttpHeaders } from 'node:http';
import ExcelJS from 'exceljs';
import { summaryOf } from '../../../src/features/cases/caseRepo';
import type { CaseDoc } from '../../../src/features/cases/model';
import { MEETING_INDEX_PK, rsvpId, type RsvpDoc } from '../../../src/features/meetings/model';
import { queryAll } from '../../../src/store/concurrency';
import { cardAction } from '../../support/activities';
import { seedCollaborationYear } from '../../support/collaborationData';
import { startTestApp, type TestApp } from '../../support/testApp';
import { NOT_GAVLE_NAMES, SEED_MEMBERS, TAB_ENTRIES, TAB_MEMBER, TAB_OTHER, TAB_PREPARER, TAB_SECRETARY } from './tabPeople';

/** A GET that keeps the body as sent (fetch would inflate it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** The file as it is, byte-order mark included (fetch's text() drops it). */
const withBom = (bytes: ArrayBuffer) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

const FORMULA_TITLE = '=HYPERLINK("http://example.invalid","klicka")';

describe('the tab over HTTP, local development (sign-in off, ?user=)', () => {
  let app: TestApp;
  const get = (path: string, user: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}${path.includes('?') ? '&' : '?'}${user ? `user=${user}` : ''}`, { headers });
  const section = async (id: string, user: string) => {
    const res = await get(`/tab/api/sections/${id}`, user);
    return { status: res.status, etag: res.headers.get('etag'), html: res.ok ? ((await res.json()) as { html: string }).html : '' };
  };

  before(async function () {
    this.timeout(120_000);
    app = await startTestApp({ members: TAB_ENTRIES });
    await seedCollaborationYear(app.app.deps.store, {
      now: new Date(),
      members: SEED_MEMBERS,
      organizer: TAB_SECRETARY.entry,
      meetings: 6,
      upcoming: 2,
      broadcasts: 4,
      remisser: 3,
      cases: 12,
    });
    const odd: CaseDoc = { ...(await app.app.deps.store.containers.cases.read<CaseDoc>('LV-' + new Date().getFullYear() + '-0001', 'case'))!, title: FORMULA_TITLE };
    await app.app.deps.store.containers.cases.upsert(summaryOf(odd));
  });
  after(() => app.stop());

  it('serves the page and its files, scripts and styles within 150 kB compressed, with a content security policy', async () => {
    const page = await fetch(`${app.url}/tab/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'; style-src 'self'.*frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    assert.match(await page.text(), /<script src="assets\/teams-js\.js" defer><\/script>/);
    let compressed = 0;
    for (const file of ['app.js', 'app.css', 'teams-js.js']) {
      const res = await rawGet(`${app.url}/tab/assets/${file}`, { 'accept-encoding': 'gzip' });
      assert.equal(res.status, 200, file);
      assert.equal(res.headers['content-encoding'], 'gzip', file);
      compressed += res.body.length;
    }
    assert.ok(compressed <= 150 * 1024, `${compressed} bytes`);
    assert.equal((await fetch(`${app.url}/tab/assets/..%2F..%2Fpackage.json`)).status, 404);
    console.log(`      figures: the page's scripts and styles weigh ${(compressed / 1024).toFixed(1)} kB as sent (gzip), of 150 kB allowed`);
  });

  it('asks for a person when none is named, and refuses someone not in the directory, with no data', async () => {
    const none = await get('/tab/api/sections/meetings', undefined);
    assert.equal(none.status, 401);
    assert.match(((await none.json()) as { message: string }).message, /\?user=<aadObjectId>/);
    const stranger = await get('/tab/api/sections/meetings', '7ab00000-0000-4000-8000-0000000000ff');
    assert.equal(stranger.status, 403);
    assert.doesNotMatch(await stranger.text(), /html|Gävle kommun/);
  });

  it('shows the secretariat every party, its people and the cases', async () => {
    const me = (await (await get('/tab/api/me', TAB_SECRETARY.user.aadObjectId)).json()) as { sections: { id: string }[]; scope: string };
    assert.deepEqual(me.sections.map((s) => s.id), ['meetings', 'dissemination', 'cases', 'year']);
    assert.equal(me.scope, 'Du ser alla parter.');
    const meetings = await section('meetings', TAB_SECRETARY.user.aadObjectId);
    for (const party of ['Gävle kommun', 'Ockelbo kommun', 'Sandvikens kommun', 'Region Gävleborg']) assert.ok(meetings.html.includes(party), party);
    assert.ok(NOT_GAVLE_NAMES.some((name) => meetings.html.includes(name)), 'names of absentees of other parties');
    assert.equal((await section('cases', TAB_SECRETARY.user.aadObjectId)).status, 200);
  });

  it("shows a member their own party's rows and the totals, never another party's rows or people, and no cases", async () => {
    const me = (await (await get('/tab/api/me', TAB_MEMBER.user.aadObjectId)).json()) as { sections: { id: string }[] };
    assert.deepEqual(me.sections.map((s) => s.id), ['meetings', 'dissemination', 'year']);
    for (const id of ['meetings', 'dissemination', 'year']) {
      const { html } = await section(id, TAB_MEMBER.user.aadObjectId);
      assert.ok(html.includes('Gävle kommun'), `${id}: own party`);
      assert.ok(html.includes('Totalt'), `${id}: the totals`);
      for (const other of ['Ockelbo kommun', 'Sandvikens kommun']) assert.ok(!html.includes(`>${other}<`), `${id}: shows ${other}`);
      for (const name of NOT_GAVLE_NAMES) assert.ok(!html.includes(name), `${id}: shows ${name}`);
    }
    const cases = await section('cases', TAB_MEMBER.user.aadObjectId);
    assert.equal(cases.status, 403);
  });

  it('shows a preparer the cases: the pipeline, ages, levels and the open cases', async () => {
    const { status, html } = await section('cases', TAB_PREPARER.user.aadObjectId);
    assert.equal(status, 200);
    assert.match(html, /Ärenden per läge/);
    assert.match(html, /Öppna ärenden efter ålder/);
    assert.match(html, /Placerade ärenden per nivå/);
    assert.match(html, /role="img" aria-labelledby="c-pipeline-title"/);
    assert.ok(html.includes('&#39;') || html.includes('=HYPERLINK'), 'the odd title is shown, escaped');
    assert.doesNotMatch(html, /<script/);
  });

  it('answers 304 to a page that already has the section, and shows a new answer within seconds through the live stream', async () => {
    const member = TAB_MEMBER.user.aadObjectId;
    const first = await section('meetings', member);
    const again = await get('/tab/api/sections/meetings', member, { 'if-none-match': first.etag! });
    assert.equal(again.status, 304);

    const controller = new AbortController();
    const stream = await fetch(`${app.url}/tab/api/events?user=${member}`, { signal: controller.signal });
    assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    const changed = (async () => {
      while (!/event: changed/.test(seen)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        seen += chunk.value;
      }
    })();
    const index = await queryAll<{ id: string; startsAt: string; type: string; pk: string }>(app.app.deps.store.containers.meetings, MEETING_INDEX_PK, "c.type = 'meeting-index'", {}, { orderBy: 'c.startsAt DESC' });
    const upcoming = index[0]!.id;
    const earlier = await app.app.deps.store.containers.meetings.read<RsvpDoc>(upcoming, rsvpId(TAB_OTHER.user.aadObjectId));
    const response = earlier?.response === 'attend' ? 'absent' : 'attend';
    const started = Date.now();
    const res = await app.post(cardAction(TAB_OTHER.user, { serviceUrl: app.connector.serviceUrl }, 'meeting.rsvp', { meetingId: upcoming, response }));
    assert.equal(res.status, 200);
    await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error(`no change event; got ${seen}`)), 5_000))]);
    const after = await get('/tab/api/sections/meetings', member, { 'if-none-match': first.etag! });
    assert.equal(after.status, 200, 'the section changed');
    console.log(`      figures: a new answer reached the open page's stream ${Date.now() - started} ms after it was given`);
    controller.abort();
  });

  it('downloads a table as CSV and as an Excel workbook, with the formula rule, as the viewer sees it', async () => {
    const exportUrl = async (user: string, table: string, format: string, sectionId = 'cases') => {
      const res = await fetch(`${app.url}/tab/api/export?user=${user}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ section: sectionId, table, format }),
      });
      return { status: res.status, url: res.ok ? ((await res.json()) as { url: string }).url : '' };
    };
    const csvLink = await exportUrl(TAB_PREPARER.user.aadObjectId, 'open', 'csv');
    const csv = await fetch(csvLink.url.replace(/^https?:\/\/[^/]+/, app.url));
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition') ?? '', /oversikt-cases-open-\d{4}-\d{2}-\d{2}\.csv/);
    const text = withBom(await csv.arrayBuffer());
    assert.ok(text.startsWith('\uFEFFÄrende;Rubrik;Läge;'), text.slice(0, 60));
    assert.ok(text.includes(`"'=HYPERLINK(""http://example.invalid"",""klicka"")"`), 'the formula is neutralised');

    const xlsxLink = await exportUrl(TAB_PREPARER.user.aadObjectId, 'open', 'xlsx');
    const xlsx = await fetch(xlsxLink.url.replace(/^https?:\/\/[^/]+/, app.url));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, 'Ärende');
    const titles = sheet.getColumn(2).values.filter((v): v is string => typeof v === 'string');
    assert.ok(titles.includes(`'${FORMULA_TITLE}`), 'the formula is neutralised in the workbook');
    assert.equal(typeof sheet.getCell('D2').value, 'number', 'ages stay numbers');

    // A member may not export the cases, and gets only their own party in the year's attendance.
    assert.equal((await exportUrl(TAB_MEMBER.user.aadObjectId, 'open', 'csv')).status, 403);
    const own = await exportUrl(TAB_MEMBER.user.aadObjectId, 'year-attendance', 'csv', 'year');
    const attendance = withBom(await (await fetch(own.url.replace(/^https?:\/\/[^/]+/, app.url))).arrayBuffer());
    assert.deepEqual(
      attendance.replace(/\r\n$/, '').split('\r\n').map((line) => line.split(';')[0]),
      ['\uFEFFPart', 'Gävle kommun', 'Totalt'],
    );
  });
});
