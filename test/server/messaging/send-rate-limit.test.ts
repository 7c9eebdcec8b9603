import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentRate, checkRate, commitRate, PAIR_RATE } from '../../../server/core/send-rate-limit';
import { openDb, type DB } from '../../../server/db/open-db';

let db: DB;
beforeEach(() => {
  db = openDb(':memory:');
});
afterEach(() => db.close());

/** Takes one send if allowed; answers the wait otherwise. */
const take = (key: string, now: number, rule = PAIR_RATE) => {
  const c = checkRate(db, key, now, rule);
  if (c.ok) commitRate(db, [c]);
  return c.ok ? 0 : c.retryAfterMs;
};

describe('pair rate (one message per 6 s per customer, small burst)', () => {
  it('lets a burst through, then asks to wait until the next slot', () => {
    const t0 = 1_000_000;
    for (let i = 0; i < PAIR_RATE.burst; i++) expect(take('pair:+905321112233', t0)).toBe(0);
    const wait = take('pair:+905321112233', t0);
    expect(wait).toBe(PAIR_RATE.intervalMs);
    expect(take('pair:+905321112233', t0 + wait - 1)).toBeGreaterThan(0);
    expect(take('pair:+905321112233', t0 + wait)).toBe(0);
  });

  it('keeps customers apart and refills over time', () => {
    const t0 = 5_000_000;
    for (let i = 0; i < PAIR_RATE.burst; i++) take('pair:a', t0);
    expect(take('pair:a', t0)).toBeGreaterThan(0);
    expect(take('pair:b', t0)).toBe(0);
    // After burst × 6 s of silence the full burst is available again.
    const later = t0 + PAIR_RATE.burst * PAIR_RATE.intervalMs;
    for (let i = 0; i < PAIR_RATE.burst; i++) expect(take('pair:a', later)).toBe(0);
  });

  it('a refused check does not consume anything', () => {
    const t0 = 9_000_000;
    for (let i = 0; i < PAIR_RATE.burst; i++) take('pair:c', t0);
    for (let i = 0; i < 10; i++) checkRate(db, 'pair:c', t0, PAIR_RATE);
    expect(take('pair:c', t0 + PAIR_RATE.intervalMs)).toBe(0);
  });
});

describe('per-agent rate', () => {
  it('sustains sendsPerMinute with a burst of half a minute', () => {
    const rule = agentRate(60);
    const t0 = 0;
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (take('agent:x', t0, rule) === 0) allowed++;
    expect(allowed).toBe(30);
    // One more per second afterwards.
    expect(take('agent:x', t0 + 1000, rule)).toBe(0);
    expect(take('agent:x', t0 + 1000, rule)).toBeGreaterThan(0);
  });
});
