/**
 * Delivers signed webhooks to the configured callback, one POST at a time, with Meta's delivery
 * realism: retries on any non-200 with exponential backoff on the virtual clock, optional duplicate
 * deliveries, optional batching + reordering of status updates, and a pause switch that queues
 * everything until resumed. Every attempt is logged (`GET /sandbox/control/webhooks`).
 *
 * What is still owed — queued deliveries with their next due time, held status batches — is kept in
 * the sandbox file as it changes, never only in memory, so `restore()` can take it up after a
 * restart or a kill -9 (Meta keeps retrying for days whatever happens on its side).
 *
 * @module
 */
import type { SandboxIdentity } from '../identity';
import type { Scheduler } from '../scheduler';
import type { SandboxSettings } from '../settings';
import type { SandboxDb } from '../store/open-store';
import type { DeliveryRecord } from '../store/webhook-store';
import {
  bufferFlushAt,
  bufferStatus,
  getDelivery,
  insertDelivery,
  queuedDeliveries,
  recentDeliveries,
  recordAttempt,
  takeBufferedStatuses,
} from '../store/webhook-store';
import type { Clock } from '../virtual-clock';
import type { WebhookChange } from './envelope';
import { messagesValue, unixSeconds, webhookEnvelope } from './envelope';
import { metaJson, signatureFor } from './meta-json';

export type { DeliveryAttempt, DeliveryRecord, DeliveryState } from '../store/webhook-store';

export type WebhookDispatcher = {
  /** One POST carrying these changes. `withTime` adds `entry.time` (template/account fields). */
  send(changes: WebhookChange[], opts?: { withTime?: boolean }): void;
  /** One status object for a `messages` change; batched and reordered while `shuffle` is on. */
  sendStatus(status: Record<string, unknown>): void;
  deliveries(limit?: number): DeliveryRecord[];
  /** Starts delivering the backlog (after `webhooksPaused` is switched off). */
  resume(): void;
  /**
   * Takes up the deliveries the sandbox file says are still owed (after a restart): overdue ones go
   * out promptly in the order they were first queued, later retries keep their due times, and a
   * held shuffle batch is flushed when its window ends. Call once, before anything is sent.
   */
  restore(): void;
  close(): Promise<void>;
};

const FETCH_TIMEOUT_MS = 10_000;
const SHUFFLE_JOB = 'webhooks:shuffle-flush';
const RESTORED_JOB = 'webhooks:restored';

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
  // In-memory view of the queue's due entries; the `webhook_queue` table is what survives a restart.
  const ready: number[] = [];
  let pumping: Promise<void> | undefined;
  let closed = false;
  let restored = false;

  /** Logs and queues one POST (twice with `duplicates` on); returns the delivery ids. */
  const store = (changes: WebhookChange[], withTime: boolean): number[] => {
    const now = clock.now();
    const envelope = webhookEnvelope(deps.identity, changes, withTime ? unixSeconds(now) : undefined);
    const body = metaJson(envelope);
    const base = {
      fields: changes.map((c) => c.field),
      body,
      signature: signatureFor(body, deps.appSecret),
      createdAt: now,
      state: 'queued' as const,
      attempts: [],
    };
    const insert = () => {
      const first = insertDelivery(db, base, now);
      // At-least-once delivery: the same bytes arrive twice, as Meta's retries and fan-out can cause.
      return settings.duplicates ? [first.id, insertDelivery(db, { ...base, duplicateOf: first.id }, now).id] : [first.id];
    };
    // Usually called inside the caller's transaction (a status step); a savepoint there would only cost.
    return db.inTransaction ? insert() : db.transaction(insert)();
  };

  const deliverSoon = (ids: number[]) => {
    ready.push(...ids);
    pump();
  };

  const enqueue = (changes: WebhookChange[], withTime: boolean) => {
    if (closed) return;
    deliverSoon(store(changes, withTime));
  };

  const scheduleRetry = (id: number, dueAt: number) => scheduler.at(dueAt, () => deliverSoon([id]), `webhooks:retry:${id}`);

  const attempt = async (id: number) => {
    const rec = getDelivery(db, id);
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
    // Closing mid-attempt leaves the delivery owed in the file: the next run sends it again.
    if (closed) return;
    rec.attempts.push(status === undefined ? { at, error } : { at, status });
    let retryAt: number | undefined;
    // Meta counts only HTTP 200 as delivered; anything else is retried with growing gaps.
    if (status === 200) {
      rec.state = 'delivered';
    } else if (rec.attempts.length < settings.webhookRetry.maxAttempts) {
      rec.state = 'retrying';
      retryAt = clock.now() + settings.webhookRetry.baseMs * 2 ** (rec.attempts.length - 1);
    } else {
      rec.state = 'failed';
    }
    db.transaction(() => recordAttempt(db, rec, retryAt))();
    if (retryAt !== undefined) scheduleRetry(id, retryAt);
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

  // Held statuses live in the file, so a batch caught by a restart still goes out (newest first).
  const flushStatuses = () => {
    if (closed) return;
    const ids = db.transaction(() => {
      const batch = takeBufferedStatuses(db).reverse();
      return batch.length > 0 ? store([{ field: 'messages', value: messagesValue(deps.identity, { statuses: batch }) }], false) : [];
    })();
    deliverSoon(ids);
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
      if (closed) return;
      // Out of order and batched: hold statuses for a window, then send them newest-first in one POST.
      const flushAt = clock.now() + settings.shuffleWindowMs;
      bufferStatus(db, status, flushAt);
      if (!scheduler.has(SHUFFLE_JOB)) scheduler.at(flushAt, flushStatuses, SHUFFLE_JOB);
    },
    deliveries: (limit = 500) => recentDeliveries(db, limit),
    resume: () => pump(),
    restore() {
      // Once, before anything is queued: a delivery queued by this run is already on its way.
      if (restored || closed) return;
      restored = true;
      const now = clock.now();
      const overdue: number[] = [];
      for (const { id, dueAt } of queuedDeliveries(db)) {
        if (dueAt <= now) overdue.push(id);
        else scheduleRetry(id, dueAt);
      }
      // Queued now, sent on the next tick: the host finishes wiring up (its webhook route) first, and
      // anything the restored work emits meanwhile lines up behind these.
      ready.push(...overdue);
      if (overdue.length > 0) scheduler.at(now, pump, RESTORED_JOB);
      const flushAt = bufferFlushAt(db);
      if (flushAt !== undefined) scheduler.at(flushAt, flushStatuses, SHUFFLE_JOB);
    },
    async close() {
      closed = true;
      abort.abort();
      await pumping;
    },
  };
}
