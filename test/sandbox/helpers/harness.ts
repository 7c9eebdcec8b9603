/**
 * A sandbox on a loopback port plus a webhook receiver, and plain-fetch helpers that call it the
 * way a Cloud API client written by someone else would.
 */
import type { SandboxServer, SandboxServerOptions } from '../../../server/sandbox/start-sandbox-server';
import { startSandboxServer } from '../../../server/sandbox/start-sandbox-server';
import type { VirtualClockControl } from '../../../server/sandbox/virtual-clock';
import { createVirtualClock } from '../../../server/sandbox/virtual-clock';
import type { WebhookReceiver } from './webhook-receiver';
import { startWebhookReceiver } from './webhook-receiver';

export const SECRET = 'sandbox-app-secret';
export const TOKEN = 'sandbox-token';
export const WABA = '200000000000001';
export const PHONE_ID = '100000000000001';

export type JsonResponse = { status: number; body: any; headers: Headers; text: string };

export type Harness = {
  server: SandboxServer;
  clock: VirtualClockControl;
  hooks: WebhookReceiver;
  /** Graph call: `graph('GET', '/200…/message_templates?limit=2')`; token `sandbox-token` unless given. */
  graph(method: string, path: string, body?: unknown, opts?: { token?: string | null; version?: string }): Promise<JsonResponse>;
  /** Sandbox (non-Graph) call relative to `/sandbox`. */
  call(method: string, path: string, body?: unknown): Promise<JsonResponse>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
};

async function toJson(res: Response): Promise<JsonResponse> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, headers: res.headers, text };
}

/** Fast defaults so a suite runs in seconds; override per test file. */
export async function startHarness(opts: Partial<SandboxServerOptions> = {}): Promise<Harness> {
  const hooks = await startWebhookReceiver(SECRET);
  const clock = createVirtualClock();
  const server = await startSandboxServer({
    clock,
    webhookUrl: () => hooks.url,
    appSecret: SECRET,
    reviewDelayMs: 50,
    deliveryDelayMs: 20,
    readDelayMs: 50,
    webhookRetry: { baseMs: 20, maxAttempts: 4 },
    ...opts,
  });
  const request = async (url: string, method: string, body: unknown, headers: Record<string, string>) =>
    toJson(
      await fetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return {
    server,
    clock,
    hooks,
    graph(method, path, body, o = {}) {
      const token = o.token === undefined ? TOKEN : o.token;
      return request(`${server.graphUrl}/${o.version ?? 'v25.0'}${path}`, method, body, token ? { authorization: `Bearer ${token}` } : {});
    },
    call: (method, path, body) => request(`${server.url}${path}`, method, body, {}),
    async advance(ms) {
      const res = await request(`${server.url}/clock/advance`, 'POST', { ms }, {});
      if (res.status !== 200) throw new Error(`advance failed: ${res.text}`);
    },
    async close() {
      await server.close();
      await hooks.close();
    },
  };
}
