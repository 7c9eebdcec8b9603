/**
 * kill -9 in the middle of a burst of 1,000 sends and of consent records, then restart on the same
 * data folder.
 *
 * The server runs as a child process (`node --import tsx server/index.ts`) so the kill is real: no
 * shutdown hook runs. The sandbox keeps its own SQLite file in the data folder, so its list of
 * accepted Graph sends survives too. After the restart every request is retried with its original
 * key (what the panel does after a dropped response), and we check:
 * - every message the first run answered 202 for still exists;
 * - no message, and no customer, reached the sandbox twice;
 * - nothing stays queued or mid-send, and nothing in doubt is resent: it ends with Meta (accepted or
 *   later, exactly one Graph send) or unknown (at most one);
 * - every consent record answered 201 before the kill is still in the ledger, the seeded ones too,
 *   and the hash chain still verifies (GET /api/consents/verify).
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { appendConsent } from '../../../server/core/consent-ledger';
import { createAgent } from '../../../server/db/agents-repo';
import { openDb } from '../../../server/db/open-db';
import type { ConsentRecord } from '../../../shared/schemas/consent';
import type { Message } from '../../../shared/schemas/message';
import { waitFor } from '../../helpers/test-server';
import { ORDER_VALUES, sandboxSent } from './helpers';

const N = 1000;
const dataDir = mkdtempSync(join(tmpdir(), 'kopru-crash-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `server/index.ts` and resolves with its URL from the sandbox banner. */
function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: join(import.meta.dirname, '../../..'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      KOPRU_DATA_DIR: dataDir,
      KOPRU_LOG_LEVEL: 'warn',
      KOPRU_SENDS_PER_MINUTE: '100000',
      // Delivered/read webhooks an hour away: this test is about sends and the ledger, and 2,000
      // fewer webhook round trips keep a 1,000-message burst quick on a shared 2-core machine.
      SANDBOX_DELIVERY_DELAY_MS: '3600000',
      SANDBOX_READ_DELAY_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running in sandbox mode at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

// 9053 4 NNNNN 55: valid Turkish mobiles whose last four digits never hit the sandbox's fault table.
const waIdOf = (i: number) => `90534${String(10000 + i)}55`;
/** Customers whose consent agents record by hand during the burst (never sent to). */
const walkInOf = (i: number) => `+90535${String(10000 + i)}55`;
const keyOf = (i: number) => `crash-test-key-${i}`;

function send(url: string, token: string, i: number) {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': keyOf(i) },
    body: JSON.stringify({ phone: `+${waIdOf(i)}`, template: { name: 'order_confirmation', language: 'tr' }, values: ORDER_VALUES }),
  });
}

it('kill -9 mid-burst: nothing accepted is lost, nothing is sent twice, nothing stays queued', async () => {
  // Seed the agent and N opted-in customers straight into the database the server will open.
  const db = openDb(join(dataDir, 'kopru.sqlite'));
  const { token } = createAgent(db, { name: 'Crash tester', role: 'agent', now: Date.now() });
  const admin = createAgent(db, { name: 'Crash auditor', role: 'admin', now: Date.now() }).token;
  const seeded = db.transaction(() => Array.from({ length: N }, (_, i) => appendConsent(db, Date.now(), { phone: `+${waIdOf(i)}`, action: 'opt_in', method: 'paper_form' }).id))();
  db.close();

  // Run 1: fire everything with 24 requests in flight; kill -9 once a third has been answered.
  const first = await startChild();
  const accepted = new Map<number, string>();
  let answered = 0;
  let next = 0;
  let killed = false;
  // Agents recording consent by hand at the same time: opt-ins, and every third one an opt-out.
  const consents = new Map<string, ConsentRecord>();
  let nextConsent = 0;
  const consentWorker = async () => {
    while (!killed) {
      const i = nextConsent++;
      try {
        const res = await fetch(`${first.url}/api/consents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ phone: walkInOf(i % 400), action: i % 3 === 2 ? 'opt_out' : 'opt_in', method: 'web_form', note: `burst ${i}` }),
        });
        if (res.status === 201) {
          const { consent } = (await res.json()) as { consent: ConsentRecord };
          consents.set(consent.id, consent);
        }
      } catch {
        // Killed mid-request: not acknowledged, so not promised.
      }
    }
  };
  const consentWorkers = Promise.all(Array.from({ length: 4 }, consentWorker));
  const worker = async () => {
    while (next < N && !killed) {
      const i = next++;
      try {
        const res = await send(first.url, token, i);
        if (res.status === 202) accepted.set(i, ((await res.json()) as { message: Message }).message.id);
        answered++;
        if (answered === Math.floor(N / 3) && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      } catch {
        // The connection died with the server: the client does not know what happened.
      }
    }
  };
  await Promise.all(Array.from({ length: 24 }, worker));
  await consentWorkers;
  await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r)));
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(accepted.size).toBeGreaterThan(N / 6);
  expect(accepted.size).toBeLessThan(N);
  expect(consents.size).toBeGreaterThan(20);

  // Run 2: same folder. Every request is retried with its own key.
  const second = await startChild();
  const api = (path: string, init: RequestInit = {}) => fetch(`${second.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  for (const [i, id] of accepted) {
    const res = await api(`/api/messages/${id}`);
    expect(res.status, `message ${i} accepted before the crash`).toBe(200);
  }
  const ids = new Map<number, string>();
  for (let i = 0; i < N; i += 40) {
    const batch = await Promise.all(Array.from({ length: Math.min(40, N - i) }, (_, k) => send(second.url, token, i + k)));
    for (const [k, res] of batch.entries()) {
      expect(res.status).toBe(202);
      ids.set(i + k, ((await res.json()) as { message: Message }).message.id);
    }
  }
  for (const [i, id] of accepted) expect(ids.get(i), `key ${i} answers the message from before the crash`).toBe(id);

  // Nothing queued or mid-send for ever: rows in doubt wait out the grace period (moved on the
  // virtual clock), then are unknown unless a webhook resolved them.
  // Waiting is read straight from the file (WAL lets a reader in beside the server); the verdict
  // below goes through the API like an agent's panel.
  const reader = new Database(join(dataDir, 'kopru.sqlite'), { readonly: true });
  const waiting = (statuses: string) => reader.prepare(`SELECT COUNT(*) FROM messages WHERE agent_id != 'agt_system' AND status IN (${statuses})`).pluck().get() as number;
  await waitFor(() => waiting("'queued'") === 0, 30_000, 200);
  await api('/sandbox/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 16 * 60_000 }) });
  // `accepted`/`sent` are past us: Meta has the message. (The sandbox does not replay status
  // webhooks it had scheduled before it was killed, so some stay there.)
  await waitFor(() => waiting("'queued', 'sending'") === 0, 30_000, 200);
  reader.close();
  const final: Message[] = [];
  const all = [...ids.values()];
  for (let i = 0; i < all.length; i += 50) {
    final.push(...(await Promise.all(all.slice(i, i + 50).map(async (id) => ((await (await api(`/api/messages/${id}`)).json()) as { message: Message }).message))));
  }
  expect(final.filter((m) => ['queued', 'sending'].includes(m.status))).toEqual([]);

  const sent = await sandboxSent(second.url);
  const perCustomer = new Map<string, number>();
  for (const s of sent) perCustomer.set(s.wa_id, (perCustomer.get(s.wa_id) ?? 0) + 1);
  expect([...perCustomer.entries()].filter(([, n]) => n > 1)).toEqual([]);
  const perMessage = new Map<string, number>();
  for (const s of sent) if (s.biz_opaque_callback_data) perMessage.set(s.biz_opaque_callback_data, (perMessage.get(s.biz_opaque_callback_data) ?? 0) + 1);
  for (const m of final) {
    if (['accepted', 'sent', 'delivered', 'read'].includes(m.status)) expect(perMessage.get(m.id), `message ${m.id}`).toBe(1);
    if (m.status === 'unknown') expect(perMessage.get(m.id) ?? 0).toBeLessThanOrEqual(1);
  }
  expect(final.filter((m) => m.status === 'failed')).toEqual([]);

  // The consent ledger: nothing acknowledged is lost, and the chain still verifies end to end.
  const asAdmin = (path: string) => fetch(`${second.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
  const ledger = new Map<string, ConsentRecord>();
  for (let after = 0; ; ) {
    const page = (await (await asAdmin(`/api/consents/export?after=${after}&limit=1000`)).json()) as { consents: ConsentRecord[]; nextAfter: number | null };
    for (const r of page.consents) ledger.set(r.id, r);
    if (page.nextAfter === null) break;
    after = page.nextAfter;
  }
  expect(seeded.filter((id) => !ledger.has(id))).toEqual([]);
  for (const [id, r] of consents) {
    expect(ledger.get(id), `consent ${id} answered 201 before the kill`).toMatchObject({ seq: r.seq, phone: r.phone, action: r.action, method: r.method, createdAt: r.createdAt, prevHash: r.prevHash, hash: r.hash });
  }
  const verdict = (await (await asAdmin('/api/consents/verify')).json()) as { ok: boolean; count: number };
  expect(verdict).toMatchObject({ ok: true, count: ledger.size });
  expect(verdict.count).toBeGreaterThanOrEqual(N + consents.size);
  second.child.kill('SIGTERM');
}, 120_000);
