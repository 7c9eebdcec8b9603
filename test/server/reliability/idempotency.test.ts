/**
 * One Idempotency-Key → at most one Graph send, counted where it matters: at "Meta"'s door (every
 * call, refused ones included), with Köprü in live configuration. test/server/routes/messages.test.ts
 * already covers 100 concurrent identical requests and a plain retry against the built-in sandbox;
 * this adds what a flaky network does to a panel:
 * - the response is dropped (the client gives up mid-request while Meta is slow), then retried;
 * - random mixes of concurrent requests, aborts and retries with one key (property-based);
 * - 100 concurrent requests while Meta fails the first attempt (retries are not multiplied);
 * - one key raced with two different bodies: one message, the other body gets 409.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { ApiErrorBody } from '../../../shared/schemas/api-error';
import type { Message } from '../../../shared/schemas/message';
import { startLiveLikeServer, type LiveLikeServer } from '../../helpers/live-like-server';
import { waitFor } from '../../helpers/test-server';
import { acceptedBy, advanceUntil, customer, getMessage, graphErrorResponse, newKey, ORDER, ORDER_VALUES } from './steps';

let s: LiveLikeServer;
beforeAll(async () => {
  s = await startLiveLikeServer({ KOPRU_SENDS_PER_MINUTE: '100000' });
});
afterEach(() => {
  s.graph.intercept = null;
});
afterAll(() => s?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const optedIn = () => {
  const c = customer();
  recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });
  return c;
};
/** Meta answers sends to this customer only after `ms` (the request is in flight meanwhile). */
const slowMetaFor = (waId: string, ms: number) => {
  s.graph.intercept = async (call) => {
    if (call.to === waId) await sleep(ms);
    return undefined;
  };
};
const post = (phone: string, key: string, signal?: AbortSignal, values: Record<string, string> = ORDER_VALUES) =>
  s.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': key }, json: { phone, template: ORDER, values }, ...(signal ? { signal } : {}) });
const settled = async (id: string) => {
  const m = await getMessage(s, id);
  return ['accepted', 'sent', 'delivered', 'read'].includes(m.status) ? m : null;
};

describe('a dropped response, then the retry', () => {
  it('the panel gave up mid-request; the retry answers the same message and Meta got one call', async () => {
    const c = optedIn();
    slowMetaFor(c.waId, 400);
    const key = newKey();
    const abort = new AbortController();
    const first = post(c.e164, key, abort.signal);
    // The request has reached Meta (the Graph call is in flight) when the connection drops.
    await waitFor(() => s.graph.sends(c.waId).length === 1);
    abort.abort();
    await expect(first).rejects.toThrow();

    const retry = await post(c.e164, key);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const { message } = (await retry.json()) as { message: Message };
    const done = await waitFor(() => settled(message.id));
    expect(done.id).toBe(message.id);
    expect(s.graph.sends(c.waId)).toHaveLength(1);
    expect(await acceptedBy(s, c.waId)).toHaveLength(1);
  });
});

describe('one key under any mix of concurrency, aborts and retries', () => {
  it('exactly one Graph call; every answer is the same message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ startAfterMs: fc.nat(60), abortAfterMs: fc.option(fc.nat(80), { freq: 2 }) }), { minLength: 2, maxLength: 25 }),
        fc.nat(150),
        async (requests, metaDelayMs) => {
          const c = optedIn();
          slowMetaFor(c.waId, metaDelayMs);
          const key = newKey();
          const ids = await Promise.all(
            requests.map(async (r) => {
              await sleep(r.startAfterMs);
              const abort = new AbortController();
              if (r.abortAfterMs !== null) setTimeout(() => abort.abort(), r.abortAfterMs);
              try {
                const res = await post(c.e164, key, abort.signal);
                if (res.status !== 202) throw new Error(`answered ${res.status}: ${await res.text()}`);
                return ((await res.json()) as { message: Message }).message.id;
              } catch (e) {
                if ((e as Error).name === 'AbortError') return null;
                throw e;
              }
            }),
          );
          // A last retry after the dust settles (the panel's reconnect) always gets the answer.
          const last = await post(c.e164, key);
          expect(last.status).toBe(202);
          const id = ((await last.json()) as { message: Message }).message.id;
          expect(new Set(ids.filter((x) => x !== null))).toEqual(new Set(ids.some((x) => x !== null) ? [id] : []));
          await waitFor(() => settled(id));
          expect(s.graph.sends(c.waId)).toHaveLength(1);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('100 concurrent identical requests while Meta fails the first attempt', () => {
  it('one message, retried as one: Graph calls = its attempts, one accepted send', async () => {
    const c = optedIn();
    let failures = 1;
    s.graph.intercept = (call) => (call.to === c.waId && failures-- > 0 ? graphErrorResponse(131016, { httpStatus: 503, title: 'Service unavailable' }) : undefined);
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 100 }, () => post(c.e164, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(202));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { message: Message }).message.id)));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    await advanceUntil(s, () => settled(id!));
    const attempts = s.running.deps.db.prepare('SELECT attempts FROM messages WHERE id = ?').pluck().get(id) as number;
    expect(attempts).toBe(2);
    expect(s.graph.sends(c.waId)).toHaveLength(2);
    expect(await acceptedBy(s, c.waId)).toHaveLength(1);
  });
});

describe('one key raced with two different bodies', () => {
  it('one message; requests with the other body get 409 IDEMPOTENCY_KEY_REUSED; one Graph call', async () => {
    const c = optedIn();
    slowMetaFor(c.waId, 100);
    const key = newKey();
    const other = { ...ORDER_VALUES, '3': '9.999,00 TL' };
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => post(c.e164, key, undefined, i % 2 ? other : ORDER_VALUES)));
    const created = responses.filter((r) => r.status === 202);
    const refused = responses.filter((r) => r.status === 409);
    expect(created.length + refused.length).toBe(40);
    expect(created.length).toBe(20);
    for (const r of refused) expect(ApiErrorBody.parse(await r.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(new Set(await Promise.all(created.map(async (r) => ((await r.json()) as { message: Message }).message.id))).size).toBe(1);
    await waitFor(async () => (await acceptedBy(s, c.waId)).length === 1);
    expect(s.graph.sends(c.waId)).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('appear in no response and no log line of this file', async () => {
    expect(await s.leaks()).toEqual([]);
  });
});
