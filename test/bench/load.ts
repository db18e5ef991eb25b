import autocannon from 'autocannon';

/** An answer later than this counts as an error: Teams gives up on an invoke after about 15 s. */
export const ANSWER_TIMEOUT_S = 15;

/** Latency and errors of one load run. */
export interface LoadResult {
  concurrency: number;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  durationS: number;
  /** Answers that were not 2xx, socket errors and timeouts, and 2xx answers `check` refused. */
  errors: number;
  errorDetail: { non2xx: number; socket: number; timeouts: number; refused: number; unanswered: number };
}

export interface LoadSpec {
  url: string;
  concurrency: number;
  /** Requests in all; the run also stops after `maxSeconds`. */
  amount: number;
  maxSeconds: number;
  /** A new activity per request (each with its own id: the inbox answers a repeat without doing it). */
  activity: () => object;
  /** Whether an answer is what a person would expect (e.g. not an error card); default: any 2xx. */
  check?: (status: number, body: string) => boolean;
}

/**
 * Posts activities to `/api/messages` with autocannon: `concurrency` connections, keep-alive, each
 * sending its next request when the answer to the last has come (a closed loop). Percentiles are
 * computed from every answer's exact time (autocannon's own histogram rounds to whole ms).
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let refused = 0;
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${spec.url}/api/messages`,
        connections: spec.concurrency,
        amount: spec.amount,
        timeout: ANSWER_TIMEOUT_S,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: JSON.stringify(spec.activity()) }),
            onResponse: (status, body) => {
              if (status >= 200 && status < 300 && spec.check && !spec.check(status, body)) refused += 1;
            },
          },
        ],
      },
      (err, result) => {
        clearTimeout(cap);
        if (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        const non2xx = result.non2xx;
        const socket = result.errors - result.timeouts;
        // Requests still waiting when the run was stopped at its time limit: not failures (they
        // would have been answered), reported beside the errors.
        const unanswered = Math.max(0, result.requests.sent - result.requests.total - result.errors);
        times.sort((a, b) => a - b);
        resolve({
          concurrency: spec.concurrency,
          requests: result.requests.total,
          p50: percentile(times, 50),
          p90: percentile(times, 90),
          p99: percentile(times, 99),
          max: times.at(-1) ?? 0,
          rps: result.duration > 0 ? result.requests.total / result.duration : 0,
          durationS: result.duration,
          errors: non2xx + result.errors + refused,
          errorDetail: { non2xx, socket, timeouts: result.timeouts, refused, unanswered },
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
    const cap = setTimeout(() => instance.stop(), spec.maxSeconds * 1000);
  });
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
