/**
 * Retention of message contents: an admin sets how many days the *contents* of messages are kept
 * (`messageContentDays`; null = kept until erased). A periodic job blanks what is older — template
 * values, the rendered preview, free-form text, inbound message text and button payloads — while the
 * rows, statuses, times, error codes and prices stay, so analytics keep counting them.
 *
 * Not covered on purpose: consent evidence in the ledger (the proof of consent is kept as long as the
 * ledger; erasure redacts it per customer) and the audit log (it holds no contents).
 *
 * The job runs every `intervalMs` of real time and, with a clock that can jump (the sandbox's virtual
 * clock), right after every jump — "a month later" in a demo or test applies at once.
 * @module
 */
import type { Deps } from '../deps';
import { appendAudit } from './audit';
import { prepared } from '../db/prepared';

export const RETENTION_KEY = 'retention';
const DAY_MS = 24 * 3600_000;

export type RetentionSettings = { messageContentDays: number | null; updatedAt: number | null; updatedBy: string | null };
export type RetentionRun = { cutoff: number | null; messagesBlanked: number; inboundBlanked: number };

export function getRetention(deps: Pick<Deps, 'db'>): RetentionSettings {
  const row = prepared(deps.db, 'SELECT value_json, updated_at, updated_by FROM settings WHERE key = ?').get(RETENTION_KEY) as
    | { value_json: string; updated_at: number; updated_by: string | null }
    | undefined;
  if (!row) return { messageContentDays: null, updatedAt: null, updatedBy: null };
  const value = JSON.parse(row.value_json) as { messageContentDays?: number | null };
  return { messageContentDays: value.messageContentDays ?? null, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export function setRetention(deps: Pick<Deps, 'db' | 'clock'>, agentId: string, messageContentDays: number | null): RetentionSettings {
  const now = deps.clock.now();
  const before = getRetention(deps).messageContentDays;
  deps.db.transaction(() => {
    prepared(deps.db, 
        `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(RETENTION_KEY, JSON.stringify({ messageContentDays }), now, agentId);
    appendAudit(deps.db, { action: 'retention.update', actor: { id: agentId, kind: 'admin' }, at: now, target: 'settings:retention', details: { before, after: messageContentDays } });
  })();
  return getRetention(deps);
}

/** Blanks contents older than the setting. Messages still queued or being sent keep theirs. */
export function applyRetention(deps: Pick<Deps, 'db' | 'clock'>): RetentionRun {
  const days = getRetention(deps).messageContentDays;
  if (days === null) return { cutoff: null, messagesBlanked: 0, inboundBlanked: 0 };
  const now = deps.clock.now();
  const cutoff = now - days * DAY_MS;
  const { db } = deps;
  return db.transaction(() => {
    const messagesBlanked = prepared(db, 
        `UPDATE messages SET values_json = NULL, components_json = NULL, preview_json = '{"body":""}', text = NULL, contents_removed_at = ?
         WHERE created_at < ? AND contents_removed_at IS NULL AND status NOT IN ('queued', 'sending')`,
      )
      .run(now, cutoff).changes;
    const inboundBlanked = prepared(db, 'UPDATE inbound_messages SET text = NULL, payload_json = NULL, contents_removed_at = ? WHERE received_at < ? AND contents_removed_at IS NULL')
      .run(now, cutoff).changes;
    if (messagesBlanked || inboundBlanked) {
      appendAudit(db, { action: 'retention.run', actor: { id: null, kind: 'system' }, at: now, target: 'settings:retention', details: { days, cutoff, messagesBlanked, inboundBlanked } });
    }
    return { cutoff, messagesBlanked, inboundBlanked };
  })();
}

export type RetentionJob = { tick(): RetentionRun | null; stop(): void };

type AdvancingClock = { onAdvance?: (listener: (ms: number) => void) => () => void };

export function startRetentionJob(deps: Pick<Deps, 'db' | 'clock' | 'log'>, opts: { intervalMs?: number } = {}): RetentionJob {
  let stopped = false;
  const tick = () => {
    if (stopped || !deps.db.open) return null;
    try {
      return applyRetention(deps);
    } catch (error) {
      deps.log.error('retention run failed', { error });
      return null;
    }
  };
  const timer = setInterval(tick, opts.intervalMs ?? 10 * 60_000);
  timer.unref();
  const unsubscribe = (deps.clock as AdvancingClock).onAdvance?.(() => void tick());
  return {
    tick,
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe?.();
    },
  };
}
