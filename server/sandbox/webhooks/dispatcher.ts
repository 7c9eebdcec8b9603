/**
 * Delivers signed webhooks to the configured callback, one POST at a time, with Meta's delivery
 * realism: retries on any non-200 with exponential backoff on the virtual clock, optional duplicate
 * deliveries, optional batching + reordering of status updates, and a pause switch that queues
 * everything until resumed. Every attempt is logged (`GET /sandbox/control/webhooks`).
 *
 * @module
 */
import type { SandboxIdentity } from '../identity';
import type { Scheduler } from '../scheduler';
import type { SandboxSettings } from '../settings';
import type { SandboxDb } from '../store/open-store';
import type { Clock } from '../virtual-clock';
import type { WebhookChange } from './envelope';
import { messagesValue, unixSeconds, webhookEnvelope } from './envelope';
import { metaJson, signatureFor } from './meta-json';

export type DeliveryAttempt = { at: number; status?: number; error?: string };
export type DeliveryState = 'queued' | 'retrying' | 'delivered' | 'failed';
export type DeliveryRecord = {
  id: number;
  fields: string[];
  body: string;
  signature: string;
  createdAt: number;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  duplicateOf?: number;
};

export type WebhookDispatcher = {
  /** One POST carrying these changes. `withTime` adds `entry.time` (template/account fields). */
  send(changes: WebhookChange[], opts?: { withTime?: boolean }): void;
  /** One status object for a `messages` change; batched and reordered while `shuffle` is on. */
  sendStatus(status: Record<string, unknown>): void;
  deliveries(limit?: number): DeliveryRecord[];
  /** Starts delivering the backlog (after `webhooksPaused` is switched off). */
  resume(): void;
  close(): Promise<void>;
};

const FETCH_TIMEOUT_MS = 10_000;
const SHUFFLE_JOB = 'webhooks:shuffle-flush';
const LOG_KEEP = 10_000;

export function createWebhookDispatcher(deps: {
  db: SandboxDb;
  clock: Clock;
  scheduler: Scheduler;
  settings: SandboxSettings;
  identity: SandboxIdentity;
  appSecret: string;
  url: () => string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}): WebhookDispatcher {
  const { db, clock, scheduler, settings } = deps;
  const doFetch = deps.fetch ?? fetch;
  const abort = new AbortController();
  const ready: number[] = [];
  let statusBuffer: Array<Record<string, unknown>> = [];
  let pumping: Promise<void> | undefined;
  let closed = false;

  const insert = (rec: Omit<DeliveryRecord, 'id'>): DeliveryRecord => {
    const info = db.prepare('INSERT INTO webhook_deliveries (data) VALUES (?)').run('{}');
    const full = { id: Number(info.lastInsertRowid), ...rec };
    save(full);
    // The log is for looking at recent traffic; keep the sandbox file small during long demos and benches.
    if (full.id % 1000 === 0) db.prepare('DELETE FROM webhook_deliveries WHERE id <= ?').run(full.id - LOG_KEEP);
    return full;
  };
  const save = (rec: DeliveryRecord) =>
    db.prepare('UPDATE webhook_deliveries SET data = ? WHERE id = ?').run(JSON.stringify(rec), rec.id);
  const load = (id: number) => {
    const row = db.prepare('SELECT data FROM webhook_deliveries WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as DeliveryRecord) : undefined;
  };

  const enqueue = (changes: WebhookChange[], withTime: boolean) => {
    if (closed) return;
    const envelope = webhookEnvelope(deps.identity, changes, withTime ? unixSeconds(clock.now()) : undefined);
    const body = metaJson(envelope);
    const base = {
      fields: changes.map((c) => c.field),
      body,
      signature: signatureFor(body, deps.appSecret),
      createdAt: clock.now(),
      state: 'queued' as const,
      attempts: [],
    };
    const first = insert(base);
    ready.push(first.id);
    // At-least-once delivery: the same bytes arrive twice, as Meta's retries and fan-out can cause.
    if (settings.duplicates) ready.push(insert({ ...base, duplicateOf: first.id }).id);
    pump();
  };

  const attempt = async (id: number) => {
    const rec = load(id);
    if (!rec) return;
    const at = clock.now();
    let status: number | undefined;
    let error: string | undefined;
    const url = deps.url();
    try {
      if (!url) throw new Error('no webhook URL configured');
      const res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': rec.signature,
          'user-agent': 'facebookexternalua',
        },
        body: rec.body,
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (closed) return;
    rec.attempts.push(status === undefined ? { at, error } : { at, status });
    // Meta counts only HTTP 200 as delivered; anything else is retried with growing gaps.
    if (status === 200) {
      rec.state = 'delivered';
    } else if (rec.attempts.length < settings.webhookRetry.maxAttempts) {
      rec.state = 'retrying';
      const delay = settings.webhookRetry.baseMs * 2 ** (rec.attempts.length - 1);
      scheduler.at(clock.now() + delay, () => {
        ready.push(id);
        pump();
      }, `webhooks:retry:${id}`);
    } else {
      rec.state = 'failed';
    }
    save(rec);
    deps.log?.(`webhook #${id} [${rec.fields.join(',')}] attempt ${rec.attempts.length}: ${status ?? error}`);
  };

  function pump() {
    if (pumping || closed || settings.webhooksPaused) return;
    pumping = (async () => {
      try {
        while (ready.length > 0 && !closed && !settings.webhooksPaused) await attempt(ready.shift()!);
      } finally {
        pumping = undefined;
      }
      if (ready.length > 0 && !closed && !settings.webhooksPaused) pump();
    })();
  }

  const flushStatuses = () => {
    const batch = statusBuffer.reverse();
    statusBuffer = [];
    if (batch.length > 0) enqueue([{ field: 'messages', value: messagesValue(deps.identity, { statuses: batch }) }], false);
  };

  return {
    send(changes, opts) {
      enqueue(changes, opts?.withTime ?? false);
    },
    sendStatus(status) {
      if (!settings.shuffle) {
        enqueue([{ field: 'messages', value: messagesValue(deps.identity, { statuses: [status] }) }], false);
        return;
      }
      // Out of order and batched: hold statuses for a window, then send them newest-first in one POST.
      statusBuffer.push(status);
      if (!scheduler.has(SHUFFLE_JOB)) scheduler.at(clock.now() + settings.shuffleWindowMs, flushStatuses, SHUFFLE_JOB);
    },
    deliveries(limit = 500) {
      const rows = db
        .prepare('SELECT data FROM (SELECT id, data FROM webhook_deliveries ORDER BY id DESC LIMIT ?) ORDER BY id')
        .all(limit) as Array<{ data: string }>;
      return rows.map((r) => JSON.parse(r.data) as DeliveryRecord);
    },
    resume: () => pump(),
    async close() {
      closed = true;
      abort.abort();
      await pumping;
    },
  };
}
