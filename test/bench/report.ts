import { readFileSync, writeFileSync } from 'node:fs';
import type { Figure } from './figures';
import type { MachineInfo } from './machine';

/** Everything a run writes to `test/bench/results.json`. */
export interface BenchResults {
  machine: MachineInfo;
  /** How the bot under test was run. */
  botCommand: string;
  durationS: number;
  figures: Figure[];
  /** Per-scenario details: latency runs, broadcasts, store operation breakdowns. */
  details: Record<string, unknown>;
  /** Figures the issue asks for that this run could not take, and what they wait on. */
  pending: string[];
}

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

export function formatNumber(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (unit === '' && Number.isInteger(value)) return String(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cells(f: Figure): string[] {
  return [
    f.name,
    `${formatNumber(f.value, f.unit)}${f.unit ? ` ${f.unit}` : ''}`,
    f.baseline === undefined ? '' : `${formatNumber(f.baseline, f.unit)}${f.unit ? ` ${f.unit}` : ''}`,
    f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}x`,
    f.target ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    f.load.toFixed(1),
  ];
}

const HEADER = ['figure', 'value', 'echo', 'ratio', 'target', 'met', 'load'];

/** The table printed at the end of a run, one block per section. */
export function textTable(figures: Figure[]): string {
  const rows = figures.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out: string[] = [];
  let section = '';
  for (const [i, f] of figures.entries()) {
    if (f.section !== section) {
      section = f.section;
      out.push('', section, line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '));
    }
    out.push(line(rows[i]!));
    if (f.note) out.push(`    ${f.note}`);
  }
  return out.join('\n');
}

/** The Markdown of the latest results, for docs/benchmarks.md. */
export function markdown(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [
    `Run of ${m.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(results.durationS)} s: ${m.nproc} cores (${m.cpuModel}), ` +
      `${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; load average ${m.loadAtStart.join(' / ')} at the start` +
      `${m.loadAtEnd ? ` and ${m.loadAtEnd.join(' / ')} at the end` : ''} (1 / 5 / 15 min); append + fdatasync on the data disk ` +
      `p50 ${m.fsync.p50} ms, p99 ${m.fsync.p99} ms. Bot under test: \`${results.botCommand}\`.`,
  ];
  let section = '';
  for (const f of results.figures) {
    if (f.section !== section) {
      section = f.section;
      out.push('', `#### ${section}`, '', `| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    }
    const row = cells(f).map((c) => c.replace(/\|/g, '\\|'));
    if (f.note) row[0] = `${row[0]} (${f.note.replace(/\|/g, '\\|')})`;
    out.push(`| ${row.join(' | ')} |`);
  }
  if (results.pending.length > 0) {
    out.push('', '#### Not measured in this run', '', ...results.pending.map((p) => `- ${p}`));
  }
  return out.join('\n');
}

/** Replaces the results section of the summary, leaving the hand-written analysis around it. */
export function updateSummary(path: string, results: BenchResults): void {
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(RESULTS_START);
  const end = doc.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${RESULTS_START} … ${RESULTS_END} section`);
  const next = `${doc.slice(0, start + RESULTS_START.length)}\n${markdown(results)}\n${doc.slice(end)}`;
  writeFileSync(path, next);
}
