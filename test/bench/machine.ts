import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

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
  };
}

export function load(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = loadavg();
  return [round(a, 2), round(b, 2), round(c, 2)];
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
