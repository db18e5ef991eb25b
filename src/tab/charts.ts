import type { BarChart, Cell, Table } from '../kit/dashboard';
import { escapeHtml } from './html';

/** How a value reads in a chart label and a table cell. */
export type ValueFormat = (value: Cell, kind: Table['columns'][number]['kind']) => string;

const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 64;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const GROUP_GAP = 12;
const TOP = 28;
const SERIES_CLASSES = 4;

/** Where the axis' gridlines go: quarters of the scale. */
function ticks(max: number): number[] {
  return [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
}

/** The top of the scale: 100 for shares, else four gridline steps of 1, 2 or 5 × 10ⁿ that reach the largest value. */
export function scaleMax(values: readonly number[], unit: BarChart['unit']): number {
  if (unit === 'percent') return 100;
  const largest = Math.max(0, ...values);
  if (largest <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(largest / 4));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((v) => 4 * v >= largest)!;
  return 4 * step;
}

/**
 * A horizontal bar chart as inline SVG, drawn from a table: one group per row (its first column
 * names it), one bar per series column, the value written at the end of each bar. Colours come from
 * the page's theme (classes, no inline styles); the chart is an image with a name, and the table
 * beside it carries the same figures for screen readers and keyboard users.
 */
export function barChartSvg(table: Table, chart: BarChart, options: { id: string; label: string; format: ValueFormat }): string {
  const seriesCount = chart.series.length;
  const groupHeight = seriesCount * BAR_HEIGHT + (seriesCount - 1) * BAR_GAP;
  const rows = table.rows;
  const values = rows.flatMap((r) => chart.series.map((c) => r.cells[c])).filter((v): v is number => typeof v === 'number');
  const max = scaleMax(values, chart.unit);
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const legendHeight = seriesCount > 1 ? 22 : 0;
  const height = TOP + legendHeight + rows.length * (groupHeight + GROUP_GAP) + 8;
  const x = (v: number) => LABEL_WIDTH + (Math.max(0, v) / max) * plotWidth;
  const parts: string[] = [];
  parts.push(
    `<svg class="bar-chart" role="img" aria-labelledby="${options.id}-title" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${options.id}-title">${escapeHtml(options.label)}</title>`,
  );
  for (const tick of ticks(max)) {
    const tx = x(tick).toFixed(1);
    parts.push(`<line class="grid" x1="${tx}" x2="${tx}" y1="${TOP - 6}" y2="${height - 8}"/>`);
    parts.push(`<text class="tick" x="${tx}" y="${TOP - 10}" text-anchor="middle">${escapeHtml(options.format(tick, chart.unit === 'percent' ? 'percent' : 'count'))}</text>`);
  }
  if (seriesCount > 1) {
    let lx = LABEL_WIDTH;
    chart.series.forEach((column, i) => {
      const name = table.columns[column]?.label ?? '';
      parts.push(`<rect class="bar s${i % SERIES_CLASSES}" x="${lx}" y="${TOP}" width="12" height="12"/>`);
      parts.push(`<text class="legend" x="${lx + 16}" y="${TOP + 10}">${escapeHtml(name)}</text>`);
      lx += 24 + name.length * 7;
    });
  }
  rows.forEach((row, r) => {
    const top = TOP + legendHeight + r * (groupHeight + GROUP_GAP);
    const name = String(row.cells[chart.category] ?? '');
    parts.push(
      `<text class="category${row.total ? ' total' : ''}" x="${LABEL_WIDTH - 8}" y="${top + groupHeight / 2 + 5}" text-anchor="end">${escapeHtml(name.length > 28 ? `${name.slice(0, 27)}…` : name)}</text>`,
    );
    chart.series.forEach((column, i) => {
      const value = row.cells[column];
      const y = top + i * (BAR_HEIGHT + BAR_GAP);
      const kind = table.columns[column]?.kind ?? 'count';
      if (typeof value === 'number') {
        const w = Math.max(0, x(value) - LABEL_WIDTH);
        parts.push(`<rect class="bar s${i % SERIES_CLASSES}" x="${LABEL_WIDTH}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}"/>`);
      }
      const end = typeof value === 'number' ? x(value) : LABEL_WIDTH;
      parts.push(`<text class="value" x="${(end + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 4}">${escapeHtml(options.format(value ?? null, kind))}</text>`);
    });
  });
  parts.push(`<line class="axis" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH}" y1="${TOP - 6}" y2="${height - 8}"/>`);
  parts.push('</svg>');
  return parts.join('');
}
