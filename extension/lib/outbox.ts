/**
 * Sends that could not reach the server wait here, in extension storage, with the idempotency key
 * they were first tried with. A retry reuses that key, so however many times the outbox (or two
 * panels at once) retries, the server sends the message at most once.
 *
 * Storage is the source of truth (another panel window may flush the same outbox), so every change
 * re-reads it first. What counts as "try again later": the server could not be reached, a gateway
 * answered without Köprü's envelope (502/503/504), or the server asked us to slow down.
 *
 * @module
 */
import type { Message, SendInput } from '../../shared/schemas/message';
import type { ApiFailure, ApiResult, SendResponse } from './api-client';
import { backoffDelay } from './event-stream';

export type OutboxEntry = {
  key: string;
  input: SendInput;
  /** What the agent sees in the waiting list: the template name or the start of the text. */
  label: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
};

export type OutboxStorage = {
  getValue(): Promise<OutboxEntry[]>;
  setValue(entries: OutboxEntry[]): Promise<void>;
};

export type FlushReport = {
  sent: Array<{ entry: OutboxEntry; message: Message }>;
  failed: Array<{ entry: OutboxEntry; error: ApiFailure }>;
  waiting: OutboxEntry[];
};

export type OutboxDeps = {
  storage: OutboxStorage;
  send: (input: SendInput, key: string) => Promise<ApiResult<SendResponse>>;
  now: () => number;
  random?: () => number;
};

export function isRetryable(error: ApiFailure): boolean {
  if (error.code === 'NETWORK' || error.code === 'RATE_LIMITED') return true;
  return error.code === 'BAD_RESPONSE' && [502, 503, 504].includes(error.status);
}

const RETRY_INITIAL_MS = 2000;
const RETRY_MAX_MS = 60_000;

export function createOutbox(deps: OutboxDeps) {
  const random = deps.random ?? Math.random;
  let flushing: Promise<FlushReport> | null = null;

  async function update(change: (entries: OutboxEntry[]) => OutboxEntry[]): Promise<OutboxEntry[]> {
    const next = change(await deps.storage.getValue());
    await deps.storage.setValue(next);
    return next;
  }

  async function flushOnce(force: boolean): Promise<FlushReport> {
    const report: FlushReport = { sent: [], failed: [], waiting: [] };
    const due = (await deps.storage.getValue()).filter((e) => force || e.nextAttemptAt <= deps.now());
    for (const entry of due) {
      const result = await deps.send(entry.input, entry.key);
      if (result.ok) {
        report.sent.push({ entry, message: result.value.message });
        await update((all) => all.filter((e) => e.key !== entry.key));
      } else if (isRetryable(result.error)) {
        const attempts = entry.attempts + 1;
        const wait = result.error.retryAfterMs ?? backoffDelay(attempts, RETRY_INITIAL_MS, RETRY_MAX_MS, random);
        await update((all) =>
          all.map((e) => (e.key === entry.key ? { ...e, attempts, nextAttemptAt: deps.now() + wait, lastError: result.error.code } : e)),
        );
        // The server is unreachable: the rest would fail the same way, so wait for the next round.
        if (result.error.code === 'NETWORK') break;
      } else {
        report.failed.push({ entry, error: result.error });
        await update((all) => all.filter((e) => e.key !== entry.key));
      }
    }
    report.waiting = await deps.storage.getValue();
    return report;
  }

  return {
    list: () => deps.storage.getValue(),

    /** Queues a send that failed with a retryable error; the same key is kept for every retry. */
    async enqueue(input: SendInput, key: string, label: string): Promise<OutboxEntry[]> {
      const now = deps.now();
      return update((all) =>
        all.some((e) => e.key === key)
          ? all
          : [...all, { key, input, label, createdAt: now, attempts: 0, nextAttemptAt: now + RETRY_INITIAL_MS, lastError: 'NETWORK' }],
      );
    },

    /** Drops a waiting send the agent no longer wants. */
    discard: (key: string) => update((all) => all.filter((e) => e.key !== key)),

    /**
     * Retries what is due (`force`: everything, e.g. when the server is known to be back). Calls
     * made while a flush runs share its result instead of sending in parallel.
     */
    flush(force = false): Promise<FlushReport> {
      flushing ??= flushOnce(force).finally(() => (flushing = null));
      return flushing;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
