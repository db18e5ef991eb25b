import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** How often the lag is read; a turn arriving between two readings also sees a tick that is late now. */
const SAMPLE_MS = 100;

/** How far behind the process's event loop runs: what a turn arriving now waits at every step. */
export interface EventLoopLag {
  /** The worst delay of the last reading, or how late the next reading is now, whichever is more (ms). */
  lagMs(): number;
}

let shared: EventLoopLag | undefined;

/**
 * The event loop's lag, read from `perf_hooks.monitorEventLoopDelay` and from a reading timer of
 * its own: one per process (there is one event loop), started on first use, never keeping the
 * process alive. When the machine is starved of CPU or the process has more work than it can do,
 * every await of a turn waits this long again, so the bot refuses new turns beyond a bound
 * (`BUSY_EVENT_LOOP_LAG_MS`) instead of starting work it may not finish in time.
 */
export function eventLoopLag(): EventLoopLag {
  if (shared) return shared;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let lastTick = performance.now();
  let lastReading = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - lastTick - SAMPLE_MS;
    // The histogram holds nanoseconds; it counts the delays its own timer saw since the last reading.
    lastReading = Math.max(late, histogram.count > 0 ? histogram.max / 1e6 : 0);
    histogram.reset();
    lastTick = now;
  }, SAMPLE_MS);
  timer.unref();
  shared = {
    lagMs: () => Math.max(lastReading, performance.now() - lastTick - SAMPLE_MS, 0),
  };
  return shared;
}
