/**
 * Köprü in LIVE configuration (WHATSAPP_ACCESS_TOKEN, app secret and verify token set to
 * distinctive fake secrets) against a sandbox running as a separate loopback server — "Meta" —
 * behind a small recording front:
 *
 * - every Graph call that reaches "Meta" is recorded (method, path, recipient, biz id, answer), so a
 *   test can count attempts per message — also the ones Meta refused, which its accepted-sends
 *   list never shows;
 * - the sandbox only knows the token `sandbox-token`, so the front checks Köprü's distinctive
 *   token and hands the sandbox its own (a wrong token reaches the sandbox as a wrong token → 190);
 * - a test may answer a Graph call itself (`graph.intercept`), e.g. a hostile Meta echoing the token.
 *
 * The sandbox signs its webhooks with the distinctive app secret and posts them to Köprü's
 * /webhooks/whatsapp. Köprü and the sandbox share one virtual clock (`advance`), so retry backoff
 * and grace periods can be jumped over instead of waited for.
 */
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../server/core/logger';
import { createAgent } from '../../server/db/agents-repo';
import { loadConfig } from '../../server/env';
import { createSandbox } from '../../server/sandbox/create-sandbox';
import { SANDBOX_DISPLAY_PHONE_NUMBER, SANDBOX_PHONE_NUMBER_ID, SANDBOX_TOKEN, SANDBOX_WABA_ID } from '../../server/sandbox/identity';
import { createVirtualClock, type VirtualClockControl } from '../../server/sandbox/virtual-clock';
import { startServer, type RunningServer } from '../../server/start-server';
import { createLeakWatch, type LeakWatch } from './leak-watch';
import { waitFor, type TestServer } from './test-server';

/** Distinctive fake secrets: any appearance outside the server's own memory is a leak. */
export const LIVE_SECRETS = {
  accessToken: 'EAAKopruLiveLikeAccessToken9f3c1a7e5b2d',
  appSecret: 'kopru-live-like-app-secret-4d81c0e2a9',
  verifyToken: 'kopru-live-like-verify-token-77b3e1f0',
} as const;

export type GraphCall = {
  method: string;
  /** Path below the Graph root, e.g. `/v25.0/100000000000001/messages`. */
  path: string;
  /** Whether Köprü presented its configured access token. */
  tokenOk: boolean;
  /** Recipient and message details for sends. */
  to?: string;
  type?: string;
  template?: string;
  biz?: string;
  text?: string;
  /** What "Meta" answered. */
  status?: number;
};

export type LiveLikeServer = TestServer & {
  /** Base URL of the separate sandbox, e.g. `http://127.0.0.1:41234/sandbox`. */
  sandboxUrl: string;
  clock: VirtualClockControl;
  graph: {
    calls: GraphCall[];
    /** Sends (POST …/messages with a `to`) that reached "Meta", optionally for one recipient. */
    sends(waId?: string): GraphCall[];
    /** Answer a Graph call here instead of the sandbox; return (or resolve to) undefined to pass it on. */
    intercept: ((call: GraphCall, auth: string) => Response | undefined | Promise<Response | undefined>) | null;
  };
  /** Moves the shared virtual clock (Köprü's retries, the sandbox's scheduled webhooks). */
  advance(ms: number): void;
  /** Calls a sandbox test control, e.g. `sandbox('/control/settings', { faults: false })`. */
  sandbox(path: string, body?: unknown): Promise<Response>;
  /**
   * Every response `api()` received, scanned for the three secrets; `leaks()` adds the log lines
   * and answers where a secret was seen (empty = nowhere).
   */
  watch: LeakWatch;
  leaks(): Promise<string[]>;
};

const digits = (to: unknown) => (typeof to === 'string' ? to.replace(/\D/g, '') : undefined);

async function startMeta(clock: VirtualClockControl, dataDir: string, webhookUrl: () => string, graph: LiveLikeServer['graph'], log: (l: string) => void) {
  const sandbox = createSandbox({
    clock,
    webhookUrl,
    appSecret: LIVE_SECRETS.appSecret,
    dbFile: join(dataDir, 'meta-sandbox.sqlite'),
    reviewDelayMs: 50,
    deliveryDelayMs: 20,
    readDelayMs: 60,
    log,
  });
  const root = new Hono().route('/sandbox', sandbox.app);
  const handle = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    if (!url.pathname.startsWith('/sandbox/graph/')) return root.fetch(req);
    const auth = req.headers.get('authorization') ?? '';
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text();
    let json: Record<string, unknown> = {};
    try {
      json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      // Recorded as is; the sandbox answers what Meta would.
    }
    const call: GraphCall = {
      method: req.method,
      path: url.pathname.slice('/sandbox/graph'.length),
      tokenOk: auth === `Bearer ${LIVE_SECRETS.accessToken}`,
      ...(json.to !== undefined ? { to: digits(json.to) } : {}),
      ...(typeof json.type === 'string' ? { type: json.type } : {}),
      ...(json.template && typeof json.template === 'object' ? { template: String((json.template as { name?: unknown }).name) } : {}),
      ...(typeof json.biz_opaque_callback_data === 'string' ? { biz: json.biz_opaque_callback_data } : {}),
      ...(json.text && typeof json.text === 'object' ? { text: String((json.text as { body?: unknown }).body) } : {}),
    };
    graph.calls.push(call);
    const intercepted = await graph.intercept?.(call, auth);
    if (intercepted) {
      call.status = intercepted.status;
      return intercepted;
    }
    const headers = new Headers(req.headers);
    // Meta (the sandbox) knows one token; hand it over only when Köprü presented the right one.
    headers.set('authorization', call.tokenOk ? `Bearer ${SANDBOX_TOKEN}` : auth.replace(LIVE_SECRETS.accessToken, 'not-the-token'));
    const res = await root.fetch(new Request(req.url, { method: req.method, headers, ...(body !== undefined ? { body } : {}), signal: req.signal }));
    call.status = res.status;
    return res;
  };
  const server = createAdaptorServer({ fetch: handle }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    sandboxUrl: `${base}/sandbox`,
    graphUrl: `${base}/sandbox/graph`,
    async close() {
      await sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function startLiveLikeServer(env: Record<string, string> = {}): Promise<LiveLikeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopru-live-like-'));
  const clock = createVirtualClock();
  const logs: string[] = [];
  const graph: LiveLikeServer['graph'] = {
    calls: [],
    sends: (waId) => graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages') && c.to !== undefined && (waId === undefined || c.to === waId)),
    intercept: null,
  };
  let kopruUrl = '';
  // The sandbox is "Meta": its log lines are Meta's business, but they go to the same list, so a
  // secret echoed anywhere on the way is caught too.
  const meta = await startMeta(clock, dataDir, () => `${kopruUrl}/webhooks/whatsapp`, graph, (l) => logs.push(`[meta] ${l}`));
  const config = loadConfig({
    PORT: '0',
    KOPRU_DATA_DIR: dataDir,
    KOPRU_LOG_LEVEL: 'debug',
    WHATSAPP_ACCESS_TOKEN: LIVE_SECRETS.accessToken,
    WHATSAPP_APP_SECRET: LIVE_SECRETS.appSecret,
    WHATSAPP_VERIFY_TOKEN: LIVE_SECRETS.verifyToken,
    WHATSAPP_PHONE_NUMBER_ID: SANDBOX_PHONE_NUMBER_ID,
    WHATSAPP_WABA_ID: SANDBOX_WABA_ID,
    WHATSAPP_BUSINESS_NUMBER: SANDBOX_DISPLAY_PHONE_NUMBER,
    WHATSAPP_GRAPH_URL: meta.graphUrl,
    ...env,
  });
  // The same logger start-server builds in production: JSON lines, secrets scrubbed.
  const log = createLogger({ level: 'debug', secrets: [LIVE_SECRETS.accessToken, LIVE_SECRETS.appSecret, LIVE_SECRETS.verifyToken], write: (l) => logs.push(l) });
  const running: RunningServer = await startServer(config, { log, clock });
  kopruUrl = running.url;
  const { db } = running.deps;
  const watch = createLeakWatch([LIVE_SECRETS.accessToken, LIVE_SECRETS.appSecret, LIVE_SECRETS.verifyToken]);
  // Live mode syncs templates in the background at start.
  await waitFor(() => (db.prepare('SELECT COUNT(*) FROM templates').pluck().get() as number) > 0, 10_000);
  const adminToken = createAgent(db, { name: 'Live admin', role: 'admin', now: clock.now() }).token;
  const agentToken = createAgent(db, { name: 'Live agent', role: 'agent', now: clock.now() }).token;

  return {
    url: running.url,
    running,
    adminToken,
    agentToken,
    logs,
    sandboxUrl: meta.sandboxUrl,
    clock,
    graph,
    advance: (ms) => clock.advance(ms),
    sandbox: (path, body) =>
      fetch(`${meta.sandboxUrl}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    api(path, init = {}) {
      const { token = agentToken, json, headers, body, ...rest } = init;
      const h = new Headers(headers);
      if (token !== null) h.set('authorization', `Bearer ${token}`);
      if (json !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
      return watch.fetch(running.url + path, { ...rest, headers: h, body: json === undefined ? body : JSON.stringify(json) });
    },
    watch,
    async leaks() {
      // Köprü's own lines only: "Meta" (the sandbox) logs its side of the conversation.
      for (const line of logs) if (!line.startsWith('[meta] ')) watch.scan('log', line);
      return watch.findings();
    },
    async close() {
      await running.close();
      await meta.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
