import { percentile } from './load';

/** Round trips of `/healthz` sampled while something runs: how long the bot's event loop makes a request wait. */
export interface Responsiveness {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** Samples `/healthz` every `everyMs` until the returned stop function is called. */
export function sampleResponsiveness(url: string, everyMs = 200): () => Promise<Responsiveness> {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        times.push(performance.now() - started);
      } catch {
        times.push(5_000);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    const sorted = [...times].sort((a, b) => a - b);
    return { samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
  };
}
