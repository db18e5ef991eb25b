import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

/** The machine a run was made on, as the summary states it. */
export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started and ended. */
  loadAtStart: [number, number, number];
  loadAtEnd: [number, number, number] | null;
  startedAt: string;
  /** An append of one journal-sized line and `fdatasync`, on the disk the data directories use, in ms. */
  fsync: { p50: number; p99: number; samples: number };
}

export function machineInfo(): MachineInfo {
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAtStart: load(),
    loadAtEnd: null,
    startedAt: new Date().toISOString(),
    fsync: fsyncLatency(),
  };
}

/** What one durable write waits for at least: append 500 bytes and fdatasync, up to 100 times or 3 s. */
function fsyncLatency(): { p50: number; p99: number; samples: number } {
  const dir = mkdtempSync(join(tmpdir(), 'lv-bench-fsync-'));
  const fd = openSync(join(dir, 'journal'), 'a');
  const line = Buffer.from(`${'x'.repeat(499)}\n`);
  const times: number[] = [];
  const end = performance.now() + 3_000;
  try {
    while (times.length < 100 && performance.now() < end) {
      const started = performance.now();
      writeSync(fd, line);
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? 0;
  return { p50: round(at(50), 2), p99: round(at(99), 2), samples: times.length };
}

export function load(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = loadavg();
  return [round(a, 2), round(b, 2), round(c, 2)];
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
