import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWhatsAppClient } from '../../../server/whatsapp/client';
import { WhatsAppError } from '../../../server/whatsapp/errors';
import { createHttpFetch } from '../../../server/whatsapp/http-transport';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function graphServer(handler: Handler): Promise<{ url: string; seen: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: string }>; sockets: () => number }> {
  const seen: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: string }> = [];
  let sockets = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  server.on('connection', () => sockets++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, sockets: () => sockets };
}

const client = (graphUrl: string, timeoutMs = 2000) =>
  createWhatsAppClient({ graphUrl, apiVersion: 'v25.0', accessToken: 'tok-secret', phoneNumberId: '106540352242922', wabaId: '102290129340398', timeoutMs });

const sendOk = (res: ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: '+905324182796', wa_id: '905324182796' }], messages: [{ id: 'wamid.ok' }] }));
};

const failure = <T>(result: { ok: true; value: T } | { ok: false; error: WhatsAppError }): WhatsAppError => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
};

describe('the Graph client over node:http (the default transport)', () => {
  it('sends the JSON body with the bearer token and reads the answer; many sends share a few kept-alive connections', async () => {
    const graph = await graphServer((_req, _body, res) => sendOk(res));
    const c = client(graph.url);
    const results = await Promise.all(Array.from({ length: 20 }, () => c.sendText({ to: '+905324182796', body: 'Merhaba' })));
    expect(results.every((r) => r.ok && r.value.wamid === 'wamid.ok')).toBe(true);
    const first = graph.seen[0]!;
    expect(first.method).toBe('POST');
    expect(first.path).toBe('/v25.0/106540352242922/messages');
    expect(first.headers.authorization).toBe('Bearer tok-secret');
    expect(JSON.parse(first.body)).toMatchObject({ messaging_product: 'whatsapp', to: '+905324182796', text: { body: 'Merhaba' } });
    await c.sendText({ to: '+905324182796', body: 'again' });
    expect(graph.sockets()).toBeLessThanOrEqual(20);
    const before = graph.sockets();
    for (let i = 0; i < 5; i++) await c.sendText({ to: '+905324182796', body: `one by one ${i}` });
    expect(graph.sockets()).toBe(before);
  });

  it("reads Meta's error envelope and the Retry-After header", async () => {
    const graph = await graphServer((_req, _body, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end(JSON.stringify({ error: { message: 'Too many messages', code: 130429, type: 'OAuthException' } }));
    });
    const e = failure(await client(graph.url).sendText({ to: '+905324182796', body: 'x' }));
    expect(e.code).toBe(130429);
    expect(e.httpStatus).toBe(429);
    expect(e.retryAfterMs).toBe(7000);
    expect(e.uncertain).toBe(false);
  });

  it('a refused connection is certain (nothing was sent); a connection cut before the answer is uncertain', async () => {
    const graph = await graphServer((req) => req.socket.destroy());
    const port = Number(new URL(graph.url).port);
    const cut = failure(await client(graph.url).sendText({ to: '+905324182796', body: 'x' }));
    expect(cut.kind).toBe('network');
    expect(cut.uncertain).toBe(true);
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
    const refused = failure(await client(`http://127.0.0.1:${port}`).sendText({ to: '+905324182796', body: 'x' }));
    expect(refused.kind).toBe('network');
    expect(refused.uncertain).toBe(false);
  });

  it('a Graph API that does not answer in time is a timeout (uncertain) and the request is torn down', async () => {
    let closed = 0;
    const graph = await graphServer((req) => req.socket.once('close', () => closed++));
    const e = failure(await client(graph.url, 100).sendText({ to: '+905324182796', body: 'x' }));
    expect(e.kind).toBe('timeout');
    expect(e.uncertain).toBe(true);
    await expect.poll(() => closed).toBe(1);
  });

  it('an already aborted signal rejects without a request', async () => {
    const graph = await graphServer((_req, _body, res) => sendOk(res));
    const controller = new AbortController();
    controller.abort();
    await expect(createHttpFetch()(`${graph.url}/x`, { method: 'GET', headers: {}, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(graph.seen).toHaveLength(0);
  });
});
