import type { Block, Cell, ColumnKind, DashboardSectionId, Table } from '../kit/dashboard';
import type { Locale } from '../config';
import { t } from '../i18n';
import { barChartSvg } from './charts';
import { domId, escapeHtml } from './html';

const s = (locale: Locale, key: Parameters<typeof t<'dashboard'>>[2], values?: Record<string, string | number>) => t(locale, 'dashboard', key, values);

/** A value as it reads in the locale: "1 234", "73,5 %" (a non-breaking space) / "73.5%", "–" for none. */
export function formatValue(value: Cell, kind: ColumnKind, locale: Locale): string {
  if (value === null || value === '') return s(locale, 'noValue');
  if (typeof value === 'string') return value;
  const number = value.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  if (kind === 'percent') return locale === 'sv' ? `${number}\u00a0%` : `${number}%`;
  return number;
}

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['count', 'percent', 'hours', 'days']);

function tableHtml(section: DashboardSectionId, table: Table, locale: Locale): string {
  const id = domId('t', table.id);
  if (table.rows.length === 0) {
    return `<p class="empty" id="${id}">${escapeHtml(table.caption)}: ${escapeHtml(table.empty)}</p>`;
  }
  const cell = (value: Cell, column: number, header: boolean): string => {
    const kind = table.columns[column]?.kind ?? 'text';
    const cls = NUMERIC.has(kind) ? ' class="num"' : '';
    const text = escapeHtml(formatValue(value, kind, locale));
    return header ? `<th scope="row"${cls}>${text}</th>` : `<td${cls}>${text}</td>`;
  };
  const row = (cells: readonly Cell[]) => `<tr>${cells.map((v, i) => cell(v, i, i === 0)).join('')}</tr>`;
  const body = table.rows.filter((r) => !r.total);
  const totals = table.rows.filter((r) => r.total);
  const head = table.columns
    .map((c) => `<th scope="col"${NUMERIC.has(c.kind) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`)
    .join('');
  const exports = (['csv', 'xlsx'] as const)
    .map((format) => {
      const label = s(locale, format === 'csv' ? 'exportCsv' : 'exportXlsx');
      return `<button type="button" class="export" data-section="${section}" data-table="${escapeHtml(table.id)}" data-format="${format}" aria-label="${escapeHtml(
        s(locale, 'exportLabel', { format: label, caption: table.caption }),
      )}">${escapeHtml(label)}</button>`;
    })
    .join('');
  return [
    `<div class="table-wrap" role="region" aria-labelledby="${id}-caption" tabindex="0">`,
    `<table id="${id}"><caption id="${id}-caption">${escapeHtml(table.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${body.map((r) => row(r.cells)).join('')}</tbody>`,
    totals.length > 0 ? `<tfoot>${totals.map((r) => row(r.cells)).join('')}</tfoot>` : '',
    '</table></div>',
    `<div class="exports">${exports}</div>`,
  ].join('');
}

/** A section's blocks as HTML: headings, text, tables with their download buttons, charts beside their tables. */
export function renderSection(section: DashboardSectionId, blocks: readonly Block[], locale: Locale): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`<h3>${escapeHtml(block.text)}</h3>`);
        if (block.note) out.push(`<p class="note">${escapeHtml(block.note)}</p>`);
        break;
      case 'text':
        out.push(`<p>${escapeHtml(block.text)}</p>`);
        break;
      case 'table':
        out.push(`<div class="block">${tableHtml(section, block.table, locale)}</div>`);
        break;
      case 'chart': {
        const id = domId('c', block.table.id);
        const chart =
          block.table.rows.length === 0
            ? ''
            : `<figure class="chart" id="${id}">${barChartSvg(block.table, block.chart, {
                id,
                label: s(locale, 'chartLabel', { caption: block.table.caption }),
                format: (value, kind) => formatValue(value, kind, locale),
              })}</figure>`;
        out.push(`<div class="block chart-block">${chart}<div class="chart-table">${tableHtml(section, block.table, locale)}</div></div>`);
        break;
      }
    }
  }
  return out.join('\n');
}
