import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveEvent } from '../../../shared/schemas/live-event';
import type { AppEnv } from '../../../server/core/app-env';
import { authenticate } from '../../../server/core/auth';
import { eventsRoute } from '../../../server/routes/events';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { customerSays, json, sseReader } from '../consent/http';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const open = async (token: string | null = s.agentToken, headers: Record<string, string> = {}) => {
  const controller = new AbortController();
  const res = await s.api('/api/events', { token, headers, signal: controller.signal });
  return { res, controller };
};

describe('GET /api/events', () => {
  it('streams live events as SSE, authenticated with the Authorization header', async () => {
    const { res, controller } = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const sse = sseReader(res);
    const hello = await sse.until((t) => t.includes(': connected'));
    expect(hello).toMatch(/^retry: \d+\n: connected\n\n/);

    await s.api('/api/consents', { method: 'POST', json: { phone: '05324182796', action: 'opt_in', method: 'web_form' } });
    await customerSays(s, '905324182796', { text: 'Merhaba' });
    await sse.until((t) => t.includes('event: contact.inbound'));

    const events = sse.events();
    for (const e of events) expect(LiveEvent.parse(e.data)).toMatchObject({ type: e.event });
    expect(events.map((e) => e.event)).toEqual(['consent.changed', 'contact.inbound']);
    expect(events[0]!.data).toMatchObject({ phone: '+905324182796', status: 'opted_in', method: 'web_form' });
    expect(events[1]!.data).toMatchObject({ phone: '+905324182796', text: 'Merhaba' });
    controller.abort();
  });

  it('unsubscribes when the panel disconnects', async () => {
    // The previous test's stream is gone once its abort has reached the server.
    await waitFor(() => s.running.deps.events.size() === 0);
    const before = 0;
    const { res, controller } = await open();
    await sseReader(res).until((t) => t.includes(': connected'));
    expect(s.running.deps.events.size()).toBe(before + 1);
    controller.abort();
    await waitFor(() => s.running.deps.events.size() === before);
  });

  it('sends a heartbeat comment on idle connections', async () => {
    // The same route with a short heartbeat, behind the same authentication, on its own port.
    const app = new Hono<AppEnv>().use('*', authenticate(s.running.deps.db)).route('/', eventsRoute(s.running.deps, { heartbeatMs: 30 }));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const controller = new AbortController();
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { authorization: `Bearer ${s.agentToken}` }, signal: controller.signal });
      const sse = sseReader(res);
      const text = await sse.until((t) => (t.match(/: heartbeat\n\n/g) ?? []).length >= 2);
      expect(text.startsWith('retry: ')).toBe(true);
    } finally {
      controller.abort();
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses a page from a foreign origin (403) and a missing token (401) with the error envelope', async () => {
    const foreign = await s.api('/api/events', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await json<{ error: { code: string } }>(foreign)).error.code).toBe('ORIGIN_NOT_ALLOWED');
    const anonymous = await s.api('/api/events', { token: null });
    expect(anonymous.status).toBe(401);
    expect((await json<{ error: { code: string } }>(anonymous)).error.code).toBe('UNAUTHORIZED');
  });
});
