/**
 * Throughput (messages per second per business number → 130429) and pair rate (messages to the same
 * user: 1 per 6 s with a burst of 45, paid back over time → 131056), as token buckets on the clock.
 *
 * @module
 */
import type { Clock } from './virtual-clock';
import type { SandboxSettings } from './settings';

type Bucket = { tokens: number; at: number };

export type RateLimiter = {
  /** Takes one throughput token; false when the mps cap is reached. */
  takeThroughput(): boolean;
  /** Whether one more message to `waId` fits the pair limit (does not consume). */
  pairAllows(waId: string): boolean;
  /** Consumes a pair-rate token after a message to `waId` was accepted. */
  consumePair(waId: string): void;
};

export function createRateLimiter(clock: Clock, settings: SandboxSettings): RateLimiter {
  let throughput: Bucket | undefined;
  const pairs = new Map<string, Bucket>();

  const refill = (bucket: Bucket, capacity: number, perMs: number) => {
    const now = clock.now();
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
  };

  const pairBucket = (waId: string) => {
    const rate = settings.pairRate;
    if (rate === false) return undefined;
    let bucket = pairs.get(waId);
    if (!bucket) {
      bucket = { tokens: rate.burst, at: clock.now() };
      pairs.set(waId, bucket);
    }
    refill(bucket, rate.burst, 1 / (rate.perSeconds * 1000));
    return bucket;
  };

  return {
    takeThroughput() {
      const cap = settings.throughputPerSecond;
      throughput ??= { tokens: cap, at: clock.now() };
      refill(throughput, cap, cap / 1000);
      if (throughput.tokens < 1) return false;
      throughput.tokens -= 1;
      return true;
    },
    pairAllows(waId) {
      const bucket = pairBucket(waId);
      return !bucket || bucket.tokens >= 1;
    },
    consumePair(waId) {
      const bucket = pairBucket(waId);
      if (bucket) bucket.tokens = Math.max(0, bucket.tokens - 1);
    },
  };
}
