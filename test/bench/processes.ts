import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { freePort } from '../support/botProcess';

/** Where the bench's own compiled processes are (`tsc -p test/bench/tsconfig.processes.json`). */
export const BENCH_BUILD_DIR = join(PROJECT_ROOT, '.tmp', 'bench');

/** What a service process reports: request counts by `container.op.status`, and the summed request charge. */
export interface StoreOpsSnapshot {
  requests: Record<string, number>;
  charge: number;
  /** `container.op` → bytes of the answers' bodies (absent from an older probe). */
  bytes?: Record<string, number>;
}

export interface ServiceProcess {
  name: string;
  pid: number;
  url: string;
  /** Milliseconds from spawn until `/readyz` first answered 200. */
  readyMs: number;
  /** CPU time (user + system) the process had used when it was first seen ready, in ms. */
  readyCpuMs: number;
  /** CPU time (user + system) used so far, in ms: unlike wall time, hardly moved by other load on the machine. */
  cpuMs(): number;
  /** Resident set size now, from /proc/<pid>/status (VmRSS), in MiB. */
  rssMiB(): number;
  /** Store requests so far (only with the probe preloaded). */
  storeOps(): Promise<StoreOpsSnapshot>;
  /** Log lines written so far. */
  logLines(): number;
  /** Notable log entries so far: store compactions (with how long they held writes) and errors. */
  logEvents(): LogEvents;
  stderr(): string;
  stop(): Promise<void>;
}

export interface LogEvents {
  /** Each compaction: when, how long it took, and how long it held every store request. */
  compactions: { at: number; ms: number; heldMs: number }[];
  errors: number;
  /** The first few error messages, by message. */
  errorMessages: Record<string, number>;
}

export interface SpawnOptions {
  name: string;
  /** The script and node flags, e.g. `['--require', probe, 'dist/main.js']`. */
  args: string[];
  env: Record<string, string>;
  /** Open an IPC channel (for the store-ops probe). */
  ipc?: boolean;
  timeoutMs?: number;
}

/** Spawns a service with node on a free loopback port and resolves once `/readyz` answers 200. */
export async function startService(options: SpawnOptions): Promise<ServiceProcess> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, options.args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let lines = 0;
  let partial = '';
  const events: LogEvents = { compactions: [], errors: 0, errorMessages: {} };
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const all = text.split('\n');
    partial = all.pop() ?? '';
    lines += all.length;
    // Only lines that can matter are parsed; the bot logs every turn at info.
    for (const line of all) if (line.includes('"level":50') || line.includes('"level":60') || line.includes('compacted')) noteLogLine(line, events);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(url, started, exited, options.timeoutMs ?? 30_000, () => stderr);
  const pid = child.pid!;
  const readyCpuMs = cpuMs(pid);
  return {
    name: options.name,
    pid,
    url,
    readyMs,
    readyCpuMs,
    cpuMs: () => cpuMs(pid),
    rssMiB: () => rssMiB(pid),
    storeOps: () => askStoreOps(child),
    logLines: () => lines,
    logEvents: () => events,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(
  url: string,
  started: number,
  exited: Promise<number | null>,
  timeoutMs: number,
  stderr: () => string,
): Promise<number> {
  let gone: number | null | undefined;
  void exited.then((code) => {
    gone = code;
  });
  while (performance.now() - started < timeoutMs) {
    if (gone !== undefined) throw new Error(`exited with ${gone} before it was ready\n${stderr()}`);
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`not ready within ${timeoutMs} ms\n${stderr()}`);
}

function noteLogLine(line: string, events: LogEvents): void {
  let entry: { level?: number; msg?: string; ms?: number; heldMs?: number; time?: number; err?: { message?: string } };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return;
  }
  // An earlier store held every request for the whole compaction and logged only `ms`.
  if (entry.msg?.startsWith('compacted')) events.compactions.push({ at: entry.time ?? Date.now(), ms: entry.ms ?? 0, heldMs: entry.heldMs ?? entry.ms ?? 0 });
  if ((entry.level ?? 0) >= 50) {
    events.errors += 1;
    const cause = entry.err?.message ? `: ${entry.err.message.split('\n')[0]!.slice(0, 100)}` : '';
    const key = `${(entry.msg ?? '?').slice(0, 60)}${cause}`;
    if (Object.keys(events.errorMessages).length < 12 || key in events.errorMessages) events.errorMessages[key] = (events.errorMessages[key] ?? 0) + 1;
  }
}

/** VmRSS of a process in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for ${pid}`);
  return Number(kib) / 1024;
}

/** User + system CPU time of a process in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) * (1000 / CLOCK_TICKS_PER_S);
}

const CLOCK_TICKS_PER_S = 100;

function askStoreOps(child: ChildProcess): Promise<StoreOpsSnapshot> {
  if (!child.send) return Promise.reject(new Error('the process has no IPC channel'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('no store-ops answer within 10 s'));
    }, 10_000);
    const onMessage = (message: unknown) => {
      const m = message as { kind?: string; snapshot?: StoreOpsSnapshot };
      if (m.kind !== 'store-ops' || !m.snapshot) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m.snapshot);
    };
    child.on('message', onMessage);
    child.send('store-ops');
  });
}

/** What happened between two probe snapshots. */
export function storeOpsBetween(before: StoreOpsSnapshot, after: StoreOpsSnapshot): StoreOpsSnapshot {
  const requests: Record<string, number> = {};
  for (const [key, n] of Object.entries(after.requests)) {
    const d = n - (before.requests[key] ?? 0);
    if (d > 0) requests[key] = d;
  }
  const bytes: Record<string, number> = {};
  for (const [key, n] of Object.entries(after.bytes ?? {})) {
    const d = n - (before.bytes?.[key] ?? 0);
    if (d > 0) bytes[key] = d;
  }
  return { requests, charge: after.charge - before.charge, bytes };
}
