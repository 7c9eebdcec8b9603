import { describe, expect, it } from 'vitest';
import type { SendInput } from '../../../shared/schemas/message';
import type { ApiFailure, ApiResult, SendResponse } from '../../../extension/lib/api-client';
import { createOutbox, isRetryable, type OutboxEntry } from '../../../extension/lib/outbox';
import { makeMessage, PHONE } from './fixtures';

/** Extension storage as the outbox sees it: a list that survives the panel (here: a variable). */
function memoryStorage() {
  let value: OutboxEntry[] = [];
  return {
    getValue: async () => structuredClone(value),
    setValue: async (v: OutboxEntry[]) => {
      value = structuredClone(v);
    },
  };
}

/** A server that is down until `up()`, then sends each key once (replaying later calls). */
function flakyServer() {
  let online = false;
  const calls: string[] = [];
  const sentByKey = new Map<string, string>();
  return {
    calls,
    sentCount: () => sentByKey.size,
    up: () => (online = true),
    async send(_input: SendInput, key: string): Promise<ApiResult<SendResponse>> {
      calls.push(key);
      if (!online) return { ok: false, error: { code: 'NETWORK', message: 'Failed to fetch', status: 0 } };
      const replayed = sentByKey.has(key);
      if (!replayed) sentByKey.set(key, `msg_${sentByKey.size + 1}`);
      return { ok: true, value: { message: makeMessage({ id: sentByKey.get(key)! }), replayed } };
    },
  };
}

const input: SendInput = { phone: PHONE, template: { name: 'order_shipped', language: 'tr' }, values: { '1': 'Ayşe' } };

describe('outbox', () => {
  it('keeps a send while the server is down and delivers it once, with its original key, when it is back', async () => {
    const storage = memoryStorage();
    const server = flakyServer();
    let now = 1000;
    const outbox = createOutbox({ storage, send: server.send, now: () => now, random: () => 0.5 });
    await outbox.enqueue(input, 'draft-key-1', 'order_shipped');

    now += 60_000;
    const down = await outbox.flush();
    expect(down.sent).toEqual([]);
    expect(down.waiting).toHaveLength(1);
    expect(down.waiting[0]).toMatchObject({ key: 'draft-key-1', attempts: 1, lastError: 'NETWORK' });

    server.up();
    now += 60_000;
    const back = await outbox.flush();
    expect(back.sent.map((s) => s.message.id)).toEqual(['msg_1']);
    expect(back.waiting).toEqual([]);
    expect(server.calls).toEqual(['draft-key-1', 'draft-key-1']);
    expect(server.sentCount()).toBe(1);
  });

  it('waits between retries (backoff) unless forced', async () => {
    const server = flakyServer();
    let now = 0;
    const outbox = createOutbox({ storage: memoryStorage(), send: server.send, now: () => now, random: () => 0.5 });
    await outbox.enqueue(input, 'draft-key-2', 'x');
    await outbox.flush(); // not due yet: nothing is tried
    expect(server.calls).toEqual([]);
    await outbox.flush(true);
    expect(server.calls).toHaveLength(1);
  });

  it('two panels flushing at once still send the message once (same key, replay)', async () => {
    const storage = memoryStorage();
    const server = flakyServer();
    server.up();
    const a = createOutbox({ storage, send: server.send, now: () => 10_000 });
    const b = createOutbox({ storage, send: server.send, now: () => 10_000 });
    await a.enqueue(input, 'draft-key-3', 'x');
    await Promise.all([a.flush(true), b.flush(true)]);
    expect(server.sentCount()).toBe(1);
    expect(await a.list()).toEqual([]);
  });

  it('enqueueing the same key twice keeps one entry', async () => {
    const outbox = createOutbox({ storage: memoryStorage(), send: flakyServer().send, now: () => 0 });
    await outbox.enqueue(input, 'same-key-0', 'x');
    await outbox.enqueue(input, 'same-key-0', 'x');
    expect(await outbox.list()).toHaveLength(1);
  });

  it('a refusal (e.g. the customer opted out meanwhile) leaves the outbox and is reported', async () => {
    const refused: ApiFailure = { code: 'OPTED_OUT', message: 'opted out', status: 422 };
    const outbox = createOutbox({ storage: memoryStorage(), send: async () => ({ ok: false, error: refused }), now: () => 0 });
    await outbox.enqueue(input, 'draft-key-4', 'x');
    const report = await outbox.flush(true);
    expect(report.failed).toEqual([{ entry: expect.objectContaining({ key: 'draft-key-4' }), error: refused }]);
    expect(report.waiting).toEqual([]);
  });

  it.each([
    [{ code: 'NETWORK', status: 0 }, true],
    [{ code: 'RATE_LIMITED', status: 429 }, true],
    [{ code: 'BAD_RESPONSE', status: 503 }, true],
    [{ code: 'BAD_RESPONSE', status: 200 }, false],
    [{ code: 'INTERNAL', status: 500 }, false],
    [{ code: 'NO_CONSENT', status: 422 }, false],
  ] as const)('%o retryable: %s', (error, expected) => {
    expect(isRetryable({ ...error, message: '' })).toBe(expected);
  });
});
