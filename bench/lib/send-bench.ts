/**
 * The send path, `POST /api/messages` end to end: auth → idempotency → gate (consent ledger,
 * template, render, pair + agent rate) → outbox row → Graph call to the sandbox → response.
 *
 * Every request has its own Idempotency-Key and its own opted-in recipient (autocannon's
 * `setupRequest` hands out the next one), so no request is a replay and none hits our own
 * per-recipient pair rate (5 in a burst, then 1 per 6 s — server/core/send-rate-limit.ts); the
 * requests rotate over the bench agents' tokens, like many agents sending at once.
 * @module
 */
import type { Request } from 'autocannon';
import { runLoad, type LoadResult, type Target } from './load';
import { benchPhone } from './phones';
import { SEND_TEMPLATE, sendValues } from './sandbox-setup';

export type RecipientPool = {
  /** Next unused seeded recipient index; throws when the pool is exhausted. */
  next(): number;
  used(): number;
};

export function recipientPool(from: number, size: number): RecipientPool {
  let i = from;
  return {
    next() {
      if (i >= from + size) throw new Error(`the send benchmark used all ${size} seeded recipients; seed more contacts`);
      return i++;
    },
    used: () => i - from,
  };
}

function sendRequest(tokens: string[], pool: RecipientPool, runId: string): Request {
  let n = 0;
  return {
    method: 'POST',
    path: '/api/messages',
    setupRequest: (req) => {
      const i = pool.next();
      n++;
      return {
        ...req,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[n % tokens.length]}`,
          'idempotency-key': `bench-${runId}-${n}-${i}`,
        },
        body: JSON.stringify({
          phone: benchPhone(i),
          template: SEND_TEMPLATE,
          values: sendValues(i),
          ticket: { system: 'zendesk', id: String(500_000 + i) },
        }),
      };
    },
  };
}

/** As many sends as the server takes with `connections` requests in flight, for `seconds`. */
export function sendFlatOut(target: Target, tokens: string[], pool: RecipientPool, connections: number, seconds: number): Promise<LoadResult> {
  return runLoad(target, { connections, duration: seconds, requests: [sendRequest(tokens, pool, `max${connections}`)] });
}

/** A fixed offered load of `rate` sends/s spread over `connections`. */
export function sendAtRate(target: Target, tokens: string[], pool: RecipientPool, rate: number, connections: number, seconds: number): Promise<LoadResult> {
  return runLoad(target, { connections, overallRate: rate, duration: seconds, requests: [sendRequest(tokens, pool, `rate${rate}`)] });
}
