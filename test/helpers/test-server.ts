/**
 * Starts the real server (sandbox mode, real SQLite files in a temporary folder, real HTTP on
 * 127.0.0.1 with an ephemeral port) with an admin and an agent, and collects every log line so
 * tests can assert that secrets never reach a log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../server/core/logger';
import { createAgent } from '../../server/db/agents-repo';
import { loadConfig } from '../../server/env';
import { startServer, type RunningServer } from '../../server/start-server';

export type TestServer = {
  url: string;
  running: RunningServer;
  adminToken: string;
  agentToken: string;
  logs: string[];
  /**
   * fetch against the server; `token` defaults to the agent's, `null` sends none. `json` is serialised
   * with a JSON content type; a raw `body` is sent as given (for malformed-input tests).
   */
  api(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
};

export const FAST_SANDBOX = {
  SANDBOX_REVIEW_DELAY_MS: '50',
  SANDBOX_DELIVERY_DELAY_MS: '20',
  SANDBOX_READ_DELAY_MS: '60',
};

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopru-test-'));
  const config = loadConfig({ PORT: '0', KOPRU_DATA_DIR: dataDir, KOPRU_LOG_LEVEL: 'debug', ...FAST_SANDBOX, ...env });
  const logs: string[] = [];
  const w = config.whatsapp;
  const log = createLogger({ level: 'debug', secrets: [w.accessToken, w.appSecret, w.verifyToken], write: (l) => logs.push(l) });
  const running = await startServer(config, { log });
  const { db, clock } = running.deps;
  const adminToken = createAgent(db, { name: 'Test admin', role: 'admin', now: clock.now() }).token;
  const agentToken = createAgent(db, { name: 'Test agent', role: 'agent', now: clock.now() }).token;
  return {
    url: running.url,
    running,
    adminToken,
    agentToken,
    logs,
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
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (no fixed sleeps in tests). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 20): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`waitFor: condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(last)})`);
}
