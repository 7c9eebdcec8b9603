/**
 * Send-rate limits, checked by the gate inside the same synchronous transaction that writes the
 * outbox row:
 * - pair rate — Meta allows about one message per 6 s to the same customer and answers 131056
 *   beyond its burst (reference §6.8); we keep a much smaller burst so an agent's double click or
 *   a script never reaches Meta's limit;
 * - per-agent rate — `config.sendsPerMinute` sustained, with a burst of half a minute's worth, so
 *   a runaway script cannot spend the business's messaging limit.
 *
 * GCRA (one "theoretical arrival time" per key) kept in SQLite: exact, O(1), and a restart does
 * not hand out a fresh burst.
 * @module
 */
import { prepared } from '../db/messages-repo';
import type { DB } from '../db/open-db';

export type RateRule = { intervalMs: number; burst: number };
export type RateCheck = { ok: true; key: string; tat: number } | { ok: false; retryAfterMs: number };

export const PAIR_RATE: RateRule = { intervalMs: 6000, burst: 5 };

export const agentRate = (sendsPerMinute: number): RateRule => ({
  intervalMs: 60_000 / sendsPerMinute,
  burst: Math.max(1, Math.ceil(sendsPerMinute / 2)),
});

/** Would one more send under `key` at `now` fit? Does not consume; pass the result to `commitRate`. */
export function checkRate(db: DB, key: string, now: number, rule: RateRule): RateCheck {
  const stored = prepared(db, 'SELECT tat FROM rate_limits WHERE key = ?').pluck().get(key) as number | undefined;
  const tat = Math.max(stored ?? now, now);
  const tolerance = rule.intervalMs * (rule.burst - 1);
  if (tat - now > tolerance) return { ok: false, retryAfterMs: Math.ceil(tat - now - tolerance) };
  return { ok: true, key, tat: tat + rule.intervalMs };
}

/** Consumes the sends that `checkRate` allowed. */
export function commitRate(db: DB, checks: Array<Extract<RateCheck, { ok: true }>>): void {
  const upsert = prepared(db, 'INSERT INTO rate_limits (key, tat) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET tat = excluded.tat');
  for (const c of checks) upsert.run(c.key, Math.round(c.tat));
}
