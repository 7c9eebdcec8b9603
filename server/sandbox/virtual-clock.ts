/**
 * The virtual clock the sandbox and the server share: real time plus an offset that only grows.
 *
 * "Jump 24 h" in a test or in the demo must close customer-service windows for Köprü *and* make the
 * sandbox's own due work (reviews, unpauses, webhook retries) happen, so the clock lets interested
 * parties subscribe to advances instead of waiting for their next timer tick.
 *
 * @module
 */

/** Anything that can tell the time in epoch milliseconds. */
export type Clock = { now(): number };

/** A clock whose time can be moved forward. */
export type VirtualClockControl = Clock & {
  advance(ms: number): void;
  readonly offsetMs: number;
  /** Called after every advance; returns an unsubscribe function. */
  onAdvance(listener: (ms: number) => void): () => void;
};

export function createVirtualClock(opts: { realNow?: () => number; offsetMs?: number } = {}): VirtualClockControl {
  const realNow = opts.realNow ?? Date.now;
  let offsetMs = opts.offsetMs ?? 0;
  const listeners = new Set<(ms: number) => void>();
  return {
    now: () => realNow() + offsetMs,
    get offsetMs() {
      return offsetMs;
    },
    advance(ms: number) {
      // Time only moves forward: windows, pauses and retries are all "due at" moments.
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      offsetMs += ms;
      for (const listener of [...listeners]) listener(ms);
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function isVirtualClock(clock: Clock): clock is VirtualClockControl {
  const c = clock as Partial<VirtualClockControl>;
  return typeof c.advance === 'function' && typeof c.onAdvance === 'function';
}
