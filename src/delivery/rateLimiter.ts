/** At most `max` sends in any `windowMs` milliseconds. */
export interface RateWindow {
  readonly max: number;
  readonly windowMs: number;
}

/** Teams' documented limits per bot per conversation. */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { max: 7, windowMs: 1_000 },
  { max: 8, windowMs: 2_000 },
  { max: 60, windowMs: 30_000 },
  { max: 1_800, windowMs: 3_600_000 },
];

/** Teams' documented limit per app per tenant. */
export const TEAMS_APP_WINDOW: RateWindow = { max: 50, windowMs: 1_000 };

/** This instance's equal share of the app's window, when `peers` instances send at once. */
export function appShare(peers: number, app: RateWindow = TEAMS_APP_WINDOW): RateWindow {
  return { max: Math.max(1, Math.floor(app.max / Math.max(1, peers))), windowMs: app.windowMs };
}

/** Spacing between sends for a share: half its average, so a share leaves over about half its window. */
export function paceFor(share: RateWindow): number {
  return Math.floor(share.windowMs / share.max / 2);
}

/**
 * A sliding-window limiter over several windows at once (Teams counts each of its windows
 * separately), on a monotonic clock in milliseconds that the caller supplies.
 *
 * Teams counts a send when it receives it, at some moment between our call and its answer. So a
 * send is counted from the moment it is taken (as in flight: inside every window) until it is
 * finished, and then at `max(taken, answered - guardMs)`, with every window widened by `guardMs`.
 * However late a call leaves or slowly Teams answers, no window of Teams then sees more than `max`
 * of these sends: a slow answer costs budget, never a 429.
 */
export class SlidingWindowLimiter {
  // Times of finished sends, ascending.
  private readonly times: number[] = [];
  private open = 0;
  private pausedUntil = 0;
  private windows: readonly RateWindow[];

  constructor(
    windows: readonly RateWindow[],
    private readonly guardMs = 0,
  ) {
    this.windows = validate(windows);
  }

  /** Milliseconds until a send is allowed at `now`: 0 if allowed, Infinity until a send in flight finishes. */
  waitMs(now: number): number {
    let wait = Math.max(0, this.pausedUntil - now);
    const n = this.times.length;
    for (const w of this.windows) {
      const room = w.max - this.open;
      if (room <= 0) return Infinity;
      if (n < room) continue;
      // Allowed once the room-th most recent finished send has left the (widened) window.
      wait = Math.max(wait, this.times[n - room]! + w.windowMs + this.guardMs - now);
    }
    return wait;
  }

  /** Takes a send at `now` (in flight until `finish`) and returns 0, or returns the wait in ms. */
  tryTake(now: number): number {
    const wait = this.waitMs(now);
    if (wait > 0) return wait;
    this.open += 1;
    return 0;
  }

  /** Takes a send at `now` without asking (the caller already holds the right to it). */
  take(): void {
    this.open += 1;
  }

  /** A send taken at `takenAt` was answered at `answeredAt` (or given up without a call). */
  finish(takenAt: number, answeredAt: number): void {
    if (this.open > 0) this.open -= 1;
    this.insert(Math.max(takenAt, answeredAt - this.guardMs));
    this.prune(answeredAt);
  }

  /** No sends before `until` (Retry-After); an earlier pause is never shortened. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** True when some window is at least half full: the conversation itself may be what Teams throttles. */
  busy(now: number): boolean {
    return this.windows.some((w) => (this.countSince(now - w.windowMs) + this.open) * 2 >= w.max);
  }

  /** True when nothing is in flight, nothing finished is inside any window and no pause holds. */
  idle(now: number): boolean {
    return this.open === 0 && this.pausedUntil <= now && this.countSince(now - this.longest() - this.guardMs) === 0;
  }

  /** Changes the windows (e.g. the app share when instances come or go); history is kept. */
  setWindows(windows: readonly RateWindow[]): void {
    this.windows = validate(windows);
  }

  private insert(t: number): void {
    let i = this.times.length;
    while (i > 0 && this.times[i - 1]! > t) i--;
    this.times.splice(i, 0, t);
  }

  private countSince(from: number): number {
    let count = 0;
    for (let i = this.times.length - 1; i >= 0 && this.times[i]! > from; i--) count++;
    return count;
  }

  private longest(): number {
    return Math.max(...this.windows.map((w) => w.windowMs));
  }

  private prune(now: number): void {
    const keep = Math.max(...this.windows.map((w) => w.max));
    const horizon = now - this.longest() - this.guardMs;
    let drop = Math.max(0, this.times.length - keep);
    while (drop < this.times.length && this.times[drop]! <= horizon) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}

function validate(windows: readonly RateWindow[]): readonly RateWindow[] {
  if (windows.length === 0) throw new Error('a rate limiter needs at least one window');
  for (const w of windows) {
    if (!Number.isInteger(w.max) || w.max < 1 || !(w.windowMs > 0)) {
      throw new Error(`bad rate window: ${w.max} per ${w.windowMs} ms`);
    }
  }
  return windows;
}
