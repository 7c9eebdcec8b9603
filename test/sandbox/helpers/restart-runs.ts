/**
 * Runs of a sandbox on one SQLite file, as successive processes would run it: each run has a fresh
 * virtual clock at offset 0, whose real time may be shifted forward to stand for downtime between
 * runs. `cleanup()` closes whatever the test opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxServer } from '../../../server/sandbox/start-sandbox-server';
import { startSandboxServer } from '../../../server/sandbox/start-sandbox-server';
import type { WebhookRetry } from '../../../server/sandbox/settings';
import { createVirtualClock } from '../../../server/sandbox/virtual-clock';
import { PHONE_ID, SECRET, TOKEN } from './harness';
import type { WebhookReceiver } from './webhook-receiver';
import { startWebhookReceiver } from './webhook-receiver';

export const DELIVERY_MS = 60_000;
export const READ_MS = 60_000;

/** Plain-fetch calls to a sandbox mounted at `url` (Graph at `${url}/graph`). */
export type SandboxClient = {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  sendTemplate(to: string, extra?: Record<string, unknown>, version?: string): Promise<{ status: number; body: any }>;
  advance(ms: number): Promise<void>;
  deliveries(): Promise<any[]>;
};

/** A run of the sandbox in this process; `close()` ends it without flushing anything (as a crash would). */
export type Run = SandboxClient & { close(): Promise<void> };

const cleanups: Array<() => unknown> = [];

/** Closes runs and receivers and removes temporary files, newest first (call in afterEach). */
export async function cleanup(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

export function tempDbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-restart-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'sandbox.sqlite');
}

export async function receiver(): Promise<WebhookReceiver> {
  const hooks = await startWebhookReceiver(SECRET);
  cleanups.push(() => hooks.close());
  return hooks;
}

async function json(res: Response) {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A handoff template, as a Cloud API client would send it. */
export function templatePayload(to: string, extra: Record<string, unknown> = {}) {
  return {
    messaging_product: 'whatsapp',
    to,
    type: 'template',
    template: {
      name: 'whatsapp_handoff',
      language: { code: 'tr' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ayşe Yılmaz' }, { type: 'text', text: '#4711' }] }],
    },
    ...extra,
  };
}

export function clientFor(server: Pick<SandboxServer, 'url' | 'graphUrl'>): SandboxClient {
  const call: SandboxClient['call'] = async (method, path, body) =>
    json(
      await fetch(`${server.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return {
    call,
    sendTemplate: async (to, extra, version = 'v25.0') =>
      json(
        await fetch(`${server.graphUrl}/${version}/${PHONE_ID}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(templatePayload(to, extra)),
        }),
      ),
    async advance(ms) {
      const res = await call('POST', '/clock/advance', { ms });
      if (res.status !== 200) throw new Error(`advance failed: ${JSON.stringify(res.body)}`);
    },
    deliveries: async () => (await call('GET', '/control/webhooks')).body.deliveries as any[],
  };
}

/** One run ("process") of the sandbox on `dbFile`; `downtimeMs` moves its real time that far ahead. */
export async function boot(
  dbFile: string,
  hooks: WebhookReceiver,
  opts: { downtimeMs?: number; webhookRetry?: WebhookRetry } = {},
): Promise<Run> {
  const shift = opts.downtimeMs ?? 0;
  const server = await startSandboxServer({
    clock: createVirtualClock({ realNow: () => Date.now() + shift }),
    dbFile,
    webhookUrl: () => hooks.url,
    appSecret: SECRET,
    reviewDelayMs: 50,
    deliveryDelayMs: DELIVERY_MS,
    readDelayMs: READ_MS,
    webhookRetry: opts.webhookRetry ?? { baseMs: 20, maxAttempts: 4 },
  });
  cleanups.push(() => server.close());
  return { ...clientFor(server), close: () => server.close() };
}
