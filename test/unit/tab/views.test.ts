import assert from 'node:assert/strict';
import type { Block, DashboardProvider, DashboardSectionId, Table } from '../../../src/kit/dashboard';
import { seesParty, sightOf } from '../../../src/kit/permissions';
import { ManualClock } from '../../../src/clock';
import { loadAssets, pageWeight } from '../../../src/tab/assets';
import { barChartSvg, scaleMax } from '../../../src/tab/charts';
import { sheetName, tableCsv, tableXlsx } from '../../../src/tab/export';
import ExcelJS from 'exceljs';
import { ChangeHub } from '../../../src/tab/live';
import { formatValue, renderSection } from '../../../src/tab/render';
import { applySight, DashboardViews, inAgreementOrder } from '../../../src/tab/views';

const member = (roles: ('secretariat' | 'chair' | 'preparer' | 'member')[], partyId = 'gavle', bodies: string[] = []) => ({ roles, partyId, bodies });

const table: Table = {
  id: 'meeting-m-1',
  caption: 'Svar per part: <Möte & "år">',
  columns: [
    { label: 'Part', kind: 'text' },
    { label: 'Kommer', kind: 'count' },
    { label: 'Närvaro', kind: 'percent' },
  ],
  rows: [
    { party: 'gavle', cells: ['Gävle kommun', 3, 75] },
    { party: 'ockelbo', cells: ['Ockelbo kommun', 1, 33.3] },
    { party: null, total: true, cells: ['Totalt', 4, 57.1] },
  ],
  empty: 'Ingen är kallad.',
};
const blocks: Block[] = [
  { kind: 'heading', text: 'Möte', note: '2 kallade' },
  { kind: 'chart', table, chart: { category: 0, series: [2], stacked: false, unit: 'percent' } },
];

describe('the tab: who sees what (one rule with the cards)', () => {
  it('gives the secretariat every party, a preparer (by role or by body) the case queue, and everyone their own party', () => {
    assert.deepEqual(sightOf(member(['secretariat'], 'region-gavleborg')), { allParties: true, party: 'region-gavleborg', caseQueue: true });
    assert.deepEqual(sightOf(member(['preparer', 'member'], 'hudiksvall')), { allParties: false, party: 'hudiksvall', caseQueue: true });
    assert.deepEqual(sightOf(member(['member'], 'sandviken', ['beredningsorgan'])), { allParties: false, party: 'sandviken', caseQueue: true });
    assert.deepEqual(sightOf(member(['chair', 'member'])), { allParties: false, party: 'gavle', caseQueue: false });
  });

  it("keeps a member's own party's rows and the totals, and drops every other party's rows and people", () => {
    const sight = sightOf(member(['member']));
    const seen = applySight(blocks, sight);
    const rows = seen.flatMap((b) => (b.kind === 'chart' ? b.table.rows.map((r) => r.cells[0]) : []));
    assert.deepEqual(rows, ['Gävle kommun', 'Totalt']);
    assert.equal(seesParty(sight, 'ockelbo'), false);
    assert.equal(seesParty(sight, null), true);
    assert.equal(applySight(blocks, sightOf(member(['secretariat']))).flatMap((b) => (b.kind === 'chart' ? b.table.rows : [])).length, 3);
    assert.equal((blocks[1] as Extract<Block, { kind: 'chart' }>).table.rows.length, 3, 'the built section itself is untouched');
  });

  it('opens a section only when every provider of it allows the viewer, and builds it once for all viewers until a write', async () => {
    let builds = 0;
    const provider = (visible: DashboardProvider['visible']): DashboardProvider => ({
      visible,
      build: () => {
        builds += 1;
        return Promise.resolve(blocks);
      },
    });
    const providers = new Map<DashboardSectionId, DashboardProvider[]>([
      ['meetings', [provider(() => true)]],
      ['cases', [provider((s) => s.caseQueue)]],
    ]);
    const hub = new ChangeHub(5);
    const views = new DashboardViews(providers, { directory: { parties: () => Promise.resolve([]) }, clock: new ManualClock('2026-12-01T08:00:00Z') }, hub);
    const gavle = sightOf(member(['member']));
    assert.deepEqual(views.sectionsFor(gavle), ['meetings']);
    assert.deepEqual(views.sectionsFor(sightOf(member(['preparer']))), ['meetings', 'cases']);
    assert.equal(await views.section('cases', gavle, 'sv'), undefined);
    await views.section('meetings', gavle, 'sv');
    await views.section('meetings', sightOf(member(['secretariat'])), 'sv');
    assert.equal(builds, 1);
    hub.changed('meetings');
    await views.section('meetings', gavle, 'sv');
    assert.equal(builds, 2);
    hub.changed('inbox');
    await views.section('meetings', gavle, 'sv');
    assert.equal(builds, 2, 'the inbox is not shown, so its writes change nothing');
    hub.stop();
  });

  it('orders the parties as the agreement lists them', () => {
    const ordered = inAgreementOrder([
      { id: 'hufb', name: 'Hälsinglands Utbildningsförbund', kind: 'federation' as const },
      { id: 'ockelbo', name: 'Ockelbo kommun', kind: 'municipality' as const },
      { id: 'region-gavleborg', name: 'Region Gävleborg', kind: 'region' as const },
      { id: 'bollnas', name: 'Bollnäs kommun', kind: 'municipality' as const },
    ]);
    assert.deepEqual(ordered.map((p) => p.id), ['region-gavleborg', 'bollnas', 'ockelbo', 'hufb']);
  });
});

describe('the tab: the page it draws', () => {
  it('draws tables with captions, column and row headers, totals in the footer and escaped text', () => {
    const html = renderSection('meetings', blocks, 'sv');
    assert.match(html, /<caption id="t-meeting-m-1-caption">Svar per part: &lt;Möte &amp; &quot;år&quot;&gt;<\/caption>/);
    assert.match(html, /<th scope="col" class="num">Kommer<\/th>/);
    assert.match(html, /<tbody><tr><th scope="row">Gävle kommun<\/th><td class="num">3<\/td><td class="num">75\u00a0%<\/td><\/tr>/);
    assert.match(html, /<tfoot><tr><th scope="row">Totalt<\/th><td class="num">4<\/td><td class="num">57,1\u00a0%<\/td><\/tr><\/tfoot>/);
    assert.match(html, /aria-label="Ladda ner Excel: Svar per part: &lt;Möte &amp; &quot;år&quot;&gt;"/);
    assert.doesNotMatch(html, /<Möte/);
    const empty = renderSection('meetings', [{ kind: 'table', table: { ...table, rows: [] } }], 'en');
    assert.match(empty, /<p class="empty"[^>]*>Svar per part: &lt;Möte &amp; &quot;år&quot;&gt;: Ingen är kallad\.<\/p>/);
    assert.doesNotMatch(empty, /button/, 'nothing to download');
  });

  it('draws a chart as a named SVG image beside its table, a bar per value scaled to 100 for shares', () => {
    const svg = barChartSvg(table, { category: 0, series: [2], stacked: false, unit: 'percent' }, { id: 'c-x', label: 'Diagram: närvaro', format: (v, k) => formatValue(v, k, 'sv') });
    assert.match(svg, /^<svg class="bar-chart" role="img" aria-labelledby="c-x-title"/);
    assert.match(svg, /<title id="c-x-title">Diagram: närvaro<\/title>/);
    assert.equal((svg.match(/<rect class="bar s0"/g) ?? []).length, 3);
    assert.match(svg, /width="282\.0"/, '75 % of the 376 px plot');
    assert.match(svg, />33,3\u00a0%</);
    assert.doesNotMatch(svg, /style=/, 'colours come from the theme');
    assert.deepEqual([scaleMax([3], 'count'), scaleMax([37], 'count'), scaleMax([120], 'count'), scaleMax([1], 'percent')], [4, 40, 200, 100]);
  });

  it('writes numbers the way each language does, and "–" for no value', () => {
    assert.equal(formatValue(1234.5, 'count', 'sv'), '1\u00a0234,5');
    assert.equal(formatValue(1234.5, 'count', 'en'), '1,234.5');
    assert.equal(formatValue(12.5, 'percent', 'en'), '12.5%');
    assert.equal(formatValue(null, 'hours', 'sv'), '–');
  });
});

describe('the tab: exports', () => {
  it('writes the CSV with the one CSV writer, formula rule included, and the workbook with the same rule, numbers as numbers', async () => {
    const csv = tableCsv({ ...table, rows: [{ party: 'gavle', cells: ['=HYPERLINK("x")', -3, null] }] });
    assert.equal(csv, '\uFEFFPart;Kommer;Närvaro\r\n"\'=HYPERLINK(""x"")";-3;\r\n');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableXlsx({ ...table, rows: [{ party: 'gavle', cells: ['@SUM(A1)', 7, 12.5] }] })) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.deepEqual([sheet.getCell('A2').value, sheet.getCell('B2').value, sheet.getCell('C2').value], ["'@SUM(A1)", 7, 12.5]);
    assert.equal(sheet.name, 'Svar per part <Möte & "år">');
    assert.equal(sheetName('Svar per part: [Möte]/år?'), 'Svar per part Möte år');
    assert.equal(sheetName('x'.repeat(40)).length, 31);
  });

  it("keeps the page's scripts and styles within 150 kB compressed", () => {
    const weight = pageWeight(loadAssets());
    console.log(`      figures: ${weight.files.map((f) => `${f.name} ${(f.gzip / 1024).toFixed(1)} kB`).join(', ')}; ${(weight.gzipTotal / 1024).toFixed(1)} kB gzip in all`);
    assert.ok(weight.gzipTotal <= 150 * 1024, `${weight.gzipTotal} bytes`);
  });
});
