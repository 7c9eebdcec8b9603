/**
 * Real dependencies for unit tests of the consent core: a migrated SQLite file in a temp folder, a
 * clock the test moves, a real event hub whose events are collected, logs collected. No network:
 * `whatsapp` is absent on purpose — anything that tries to send through it fails the test loudly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEvent } from '../../../shared/schemas/live-event';
import { createEventHub } from '../../../server/core/events';
import { createLogger } from '../../../server/core/logger';
import { createAgent } from '../../../server/db/agents-repo';
import { openDb } from '../../../server/db/open-db';
import type { Deps } from '../../../server/deps';
import { loadConfig } from '../../../server/env';
import type { WhatsAppClient } from '../../../server/whatsapp/client';

export type UnitDeps = Deps & { events$: LiveEvent[]; logs: string[]; agentId: string; setNow(ms: number): void; close(): void };

export function unitDeps(env: Record<string, string> = {}): UnitDeps {
  const dir = mkdtempSync(join(tmpdir(), 'kopru-consent-'));
  const db = openDb(join(dir, 'kopru.sqlite'));
  let now = Date.UTC(2026, 2, 10, 9, 0, 0);
  const logs: string[] = [];
  const events$: LiveEvent[] = [];
  const events = createEventHub();
  events.subscribe({ agentId: 'test', isAdmin: true, send: (e) => events$.push(e) });
  const agentId = createAgent(db, { name: 'Unit agent', role: 'agent', now }).agent.id;
  const whatsapp = new Proxy({} as WhatsAppClient, {
    get: (_t, prop) => {
      throw new Error(`unit test: whatsapp.${String(prop)} must not be called here`);
    },
  });
  return {
    db,
    config: loadConfig({ KOPRU_DATA_DIR: dir, ...env }),
    clock: { now: () => now },
    log: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    whatsapp,
    events,
    events$,
    logs,
    agentId,
    setNow: (ms) => (now = ms),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
