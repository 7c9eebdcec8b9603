/**
 * Real dependencies for unit tests of the consent core: a migrated SQLite file in a temp folder, a
 * clock the test moves, a real event hub whose events are collected, logs collected. No network:
 * `whatsapp` is a recording stand-in for the Graph client that accepts every send (the real
 * submitMessage → gate → outbox path runs against it); anything else throws.
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
import type { SendTextInput, WhatsAppClient } from '../../../server/whatsapp/client';

export type SentText = SendTextInput & { wamid: string };
export type UnitDeps = Deps & {
  events$: LiveEvent[];
  logs: string[];
  sent: SentText[];
  agentId: string;
  setNow(ms: number): void;
  close(): void;
};

export function unitDeps(env: Record<string, string> = {}): UnitDeps {
  const dir = mkdtempSync(join(tmpdir(), 'kopru-consent-'));
  const db = openDb(join(dir, 'kopru.sqlite'));
  let now = Date.UTC(2026, 2, 10, 9, 0, 0);
  const logs: string[] = [];
  const events$: LiveEvent[] = [];
  const events = createEventHub();
  events.subscribe({ agentId: 'test', isAdmin: true, send: (e) => events$.push(e) });
  const agentId = createAgent(db, { name: 'Unit agent', role: 'agent', now }).agent.id;
  const sent: SentText[] = [];
  const sendText: WhatsAppClient['sendText'] = async (input) => {
    const wamid = `wamid.unit.${sent.length + 1}`;
    sent.push({ ...input, wamid });
    return { ok: true, value: { wamid, waId: input.to.replace(/\D/g, ''), input: input.to } };
  };
  const whatsapp = new Proxy({ sendText } as WhatsAppClient, {
    get: (target, prop) => {
      if (prop in target) return target[prop as keyof WhatsAppClient];
      if (prop === 'then') return undefined;
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
    sent,
    agentId,
    setNow: (ms) => (now = ms),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` is truthy (no fixed sleeps); the same contract as test/helpers' waitFor. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`waitFor: condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(last)})`);
}
