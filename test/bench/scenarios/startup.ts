import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../context';
import type { ServiceProcess, SpawnOptions } from '../processes';
import { startService } from '../processes';

export interface StartupRun {
  /** Spawn → /readyz 200, per start, in ms. */
  readyMs: number[];
  medianReadyMs: number;
  /** CPU time used until ready, per start, in ms (less moved by other load than wall time). */
  readyCpuMs: number[];
  medianReadyCpuMs: number;
  /** RSS after `settleMs` of idleness following the last start, in MiB. */
  idleRssMiB: number;
}

/**
 * Starts a service `runs` times (each on a fresh data directory), timing spawn → `/readyz` 200,
 * and reads the idle RSS of the last start after it has settled.
 */
export async function measureStartup(spawn: (dataDir: string) => SpawnOptions, runs: number, settleMs: number): Promise<StartupRun> {
  const readyMs: number[] = [];
  const readyCpuMs: number[] = [];
  let idleRssMiB = 0;
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'lv-bench-start-'));
    const service: ServiceProcess = await startService(spawn(dataDir));
    try {
      readyMs.push(service.readyMs);
      readyCpuMs.push(service.readyCpuMs);
      if (i === runs - 1) {
        await sleep(settleMs);
        idleRssMiB = service.rssMiB();
      }
    } finally {
      await service.stop();
    }
  }
  return { readyMs, medianReadyMs: median(readyMs), readyCpuMs, medianReadyCpuMs: median(readyCpuMs), idleRssMiB };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
