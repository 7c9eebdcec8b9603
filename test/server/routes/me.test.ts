import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../../shared/schemas/api-error';
import { EXTENSION_ID } from '../../../shared/extension-id';
import { revokeAgent, createAgent } from '../../../server/db/agents-repo';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('GET /health', () => {
  it('reports ok in sandbox mode without credentials', async () => {
    const res = await fetch(`${s.url}/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', mode: 'sandbox' });
    expect(JSON.stringify(body)).not.toContain('sandbox-token');
  });
});

describe('GET /api/me', () => {
  it('returns the agent the token belongs to', async () => {
    const res = await s.api('/api/me');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ agent: { id: expect.stringMatching(/^agt_/), name: 'Test agent', role: 'agent', createdAt: expect.any(Number) } });
  });

  it.each([
    ['no token', null],
    ['an unknown token', 'kpr_not-a-real-token'],
    ['a malformed header', 'two words'],
  ])('refuses %s with 401 and the error envelope', async (_label, token) => {
    const res = await s.api('/api/me', { token });
    expect(res.status).toBe(401);
    const body = ApiErrorBody.parse(await res.json());
    expect(body.error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a revoked token', async () => {
    const { db, clock } = s.running.deps;
    const { agent, token } = createAgent(db, { name: 'Leaver', role: 'agent', now: clock.now() });
    expect((await s.api('/api/me', { token })).status).toBe(200);
    revokeAgent(db, agent.id, clock.now());
    const res = await s.api('/api/me', { token });
    expect(res.status).toBe(401);
  });

  it('answers CORS preflight for the extension and not for a web page', async () => {
    const ok = await fetch(`${s.url}/api/me`, {
      method: 'OPTIONS',
      headers: { origin: `chrome-extension://${EXTENSION_ID}`, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(`chrome-extension://${EXTENSION_ID}`);
    const evil = await s.api('/api/me', { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await evil.json()).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('accepts the extension origin with a valid token', async () => {
    const res = await s.api('/api/me', { headers: { origin: `chrome-extension://${EXTENSION_ID}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(`chrome-extension://${EXTENSION_ID}`);
  });
});

describe('unknown routes and bad bodies', () => {
  it('refuses a body over the API limit with 413 and keeps serving', async () => {
    const big = JSON.stringify({ phone: '+905324182796', note: 'x'.repeat(300 * 1024) });
    const res = await s.api('/api/consents', { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await s.api('/api/me')).status).toBe(200);
  });

  it('answers an unknown route with the envelope, not a stack trace', async () => {
    const res = await s.api('/api/nope');
    expect(res.status).toBe(404);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('NOT_FOUND');
  });
});
