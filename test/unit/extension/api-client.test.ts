import { describe, expect, it } from 'vitest';
import { createApiClient, isServerUrl } from '../../../extension/lib/api-client';
import { makeMessage, PHONE } from './fixtures';

type Call = { url: string; init: RequestInit };

function client(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const api = createApiClient({
    serverUrl: 'http://127.0.0.1:8787/',
    token: 'agent-token',
    fetch: async (url, init) => {
      const call = { url: String(url), init: init ?? {} };
      calls.push(call);
      return answer(call);
    },
  });
  return { api, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('api client', () => {
  it('sends the bearer token and the draft’s Idempotency-Key, and reports a replay', async () => {
    const { api, calls } = client(() => json({ message: makeMessage() }, 202, { 'idempotent-replayed': 'true' }));
    const r = await api.sendMessage({ phone: PHONE, text: 'Merhaba' }, 'draft-key-123');
    expect(r).toEqual({ ok: true, value: { message: makeMessage(), replayed: true } });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(calls[0]!.url).toBe('http://127.0.0.1:8787/api/messages');
    expect(headers).toMatchObject({ authorization: 'Bearer agent-token', 'idempotency-key': 'draft-key-123', 'content-type': 'application/json' });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ phone: PHONE, text: 'Merhaba' });
  });

  it('surfaces the error envelope’s code (the UI translates it), with Retry-After', async () => {
    const { api } = client(() => json({ error: { code: 'RATE_LIMITED', message: 'slow down' } }, 429, { 'retry-after': '4' }));
    expect(await api.contact(PHONE)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down', status: 429, retryAfterMs: 4000 } });
  });

  it('tells an unreachable server (NETWORK) from a foreign answer (BAD_RESPONSE)', async () => {
    const down = client(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await down.api.me()).ok === false && (await down.api.me())).toMatchObject({ error: { code: 'NETWORK', status: 0 } });
    const proxy = client(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await proxy.api.templates()).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE', status: 502 } });
  });

  it('puts phone numbers into the path encoded', async () => {
    const { api, calls } = client(() => json({ contact: { phone: PHONE } }));
    await api.contact('+90 532 418 27 96');
    expect(calls[0]!.url).toBe('http://127.0.0.1:8787/api/contacts/%2B90%20532%20418%2027%2096');
  });

  it.each([
    ['http://127.0.0.1:8787', true],
    ['https://kopru.example.com/', true],
    ['kopru.example.com', false],
    ['javascript:alert(1)', false],
    ['https://user:pw@kopru.example.com', false],
  ])('%s is a server address: %s', (url, ok) => {
    expect(isServerUrl(url)).toBe(ok);
  });
});
