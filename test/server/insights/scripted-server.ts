/**
 * A real server (sandbox mode, real SQLite, real HTTP on 127.0.0.1) whose own clock the test sets,
 * for scripts that must produce exact numbers: the test decides when each send, status and customer
 * message happens. The sandbox keeps its own clock; with its webhooks paused, every status and
 * inbound message reaches the server only as the test posts it (signed like Meta's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../server/core/logger';
import { createAgent } from '../../../server/db/agents-repo';
import { loadConfig } from '../../../server/env';
import { startServer, type RunningServer } from '../../../server/start-server';
import { FAST_SANDBOX } from '../../helpers/test-server';
import { envelope, postWebhook, sandboxSettings } from '../messaging/helpers';
import type { TestServer } from '../../helpers/test-server';

export type ScriptedServer = TestServer & {
  setNow(ms: number): void;
  now(): number;
  newAgent(name: string, role?: 'admin' | 'agent'): { id: string; token: string };
};

export async function startScriptedServer(startAt: number, env: Record<string, string> = {}): Promise<ScriptedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopru-insights-'));
  const config = loadConfig({ PORT: '0', KOPRU_DATA_DIR: dataDir, KOPRU_LOG_LEVEL: 'debug', SANDBOX_PAIR_RATE: 'off', ...FAST_SANDBOX, ...env });
  const logs: string[] = [];
  let now = startAt;
  const clock = { now: () => now };
  const log = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const running: RunningServer = await startServer(config, { log, clock });
  const { db } = running.deps;
  const adminToken = createAgent(db, { name: 'Admin', role: 'admin', now }).token;
  const agentToken = createAgent(db, { name: 'Agent', role: 'agent', now }).token;
  const server: ScriptedServer = {
    url: running.url,
    running,
    adminToken,
    agentToken,
    logs,
    setNow: (ms) => (now = ms),
    now: () => now,
    newAgent(name, role = 'agent') {
      const created = createAgent(db, { name, role, now });
      return { id: created.agent.id, token: created.token };
    },
    api(path, init = {}) {
      const { token = agentToken, json, headers, body, ...rest } = init;
      const h = new Headers(headers);
      if (token !== null) h.set('authorization', `Bearer ${token}`);
      if (json !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
      return fetch(running.url + path, { ...rest, headers: h, body: json === undefined ? body : JSON.stringify(json) });
    },
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Only what the test posts reaches the server.
  await sandboxSettings(server, { webhooksPaused: true });
  return server;
}

/** The customer's WhatsApp message, as Meta's webhook carries it, posted signed. */
export async function inbound(s: TestServer, waId: string, wamid: string, text: string, atMs: number): Promise<void> {
  const res = await postWebhook(
    s,
    envelope([
      {
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '908505551234', phone_number_id: '100000000000001' },
          contacts: [{ profile: { name: 'Test Customer' }, wa_id: waId }],
          messages: [{ from: waId, id: wamid, timestamp: String(Math.floor(atMs / 1000)), type: 'text', text: { body: text } }],
        },
      },
    ]),
  );
  if (res.status !== 200) throw new Error(`inbound webhook: ${res.status} ${await res.text()}`);
}
