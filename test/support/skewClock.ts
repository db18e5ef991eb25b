import type { Clock } from '../../src/clock';

/** Real time plus an offset the test moves forward: leases expire without waiting for them. */
export class SkewClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
