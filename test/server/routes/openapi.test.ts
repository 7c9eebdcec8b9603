/**
 * `GET /api/openapi.json`: generated from the zod schemas, and complete — every `/api` route the
 * app actually mounts is described, so a new route without documentation fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(() => ts?.close());

type Doc = { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; parameters: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>> };

describe('GET /api/openapi.json', () => {
  it('describes every /api route the app mounts', async () => {
    const res = await ts.api('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const app = createApp(ts.running.deps);
    const mounted = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && r.method !== 'OPTIONS')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`),
    );
    expect(mounted.size).toBeGreaterThan(10);
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect([...mounted].filter((r) => !documented.has(r))).toEqual([]);
  });

  it('derives the send request from the shared SendInput schema (template or text) with the Idempotency-Key header', async () => {
    const doc = (await (await ts.api('/api/openapi.json')).json()) as Doc;
    const post = doc.paths['/api/messages']!.post!;
    expect(post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    const body = JSON.stringify(post.requestBody);
    expect(body).toContain('"template"');
    expect(body).toContain('"text"');
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '409', '422', '428', '429']));
  });

  it('needs a token like every /api route', async () => {
    expect((await ts.api('/api/openapi.json', { token: null })).status).toBe(401);
  });
});
