/**
 * The outbox and its history: one row per message (written before any Graph call) and one
 * `message_events` row per status it reached. Status changes go through `moveMessage`, which asks
 * the status ladder, so a late or repeated webhook can never move a message backwards.
 * @module
 */
import type { LiveEvent } from '../../shared/schemas/live-event';
import type { Message, MessageHistoryEntry, MessageStatus } from '../../shared/schemas/message';
import type { TicketRef } from '../../shared/schemas/ticket-ref';
import { canMove } from '../core/status-ladder';
import type { DB } from './open-db';
import { prepared } from './prepared';

export { prepared };

export type MessageRow = {
  id: string;
  agent_id: string;
  idempotency_key: string;
  request_hash: string;
  phone: string;
  kind: 'template' | 'text';
  purpose: string | null;
  template_name: string | null;
  template_language: string | null;
  values_json: string | null;
  components_json: string | null;
  preview_json: string;
  text: string | null;
  ticket_json: string | null;
  status: MessageStatus;
  wamid: string | null;
  error_code: number | null;
  error_reason: string | null;
  pricing_json: string | null;
  attempts: number;
  next_attempt_at: number | null;
  uncertain_since: number | null;
  created_at: number;
  updated_at: number;
};

export type NewMessage = {
  id: string;
  agentId: string;
  idempotencyKey: string;
  requestHash: string;
  phone: string;
  kind: 'template' | 'text';
  purpose?: string;
  template?: { name: string; language: string; values: unknown; components: unknown };
  text?: string;
  preview: Message['preview'];
  ticket?: TicketRef;
  nextAttemptAt: number;
  now: number;
  /** The price class at send time (price-estimate.ts), stored with the row. */
  price?: { category: string | null; priceClass: string; amount: number | null; market: string | null; currency: string | null };
  /**
   * Written already claimed for its first Graph call (`sending`, attempt 1) — what
   * `claimForSending` would do a moment later — because the call starts right after this commit.
   * One commit instead of two; a crash in between is the same as a crash just after a claim: the
   * row is found `sending` at start-up and treated as uncertain, never sent blindly.
   */
  claimed?: boolean;
};

export type StatusChange = Extract<LiveEvent, { type: 'message.status' }>;

export function insertMessage(db: DB, m: NewMessage): void {
  prepared(
    db,
    `INSERT INTO messages (id, agent_id, idempotency_key, request_hash, phone, kind, purpose, template_name, template_language,
       values_json, components_json, preview_json, text, ticket_json, status, attempts, next_attempt_at, created_at, updated_at,
       template_category, price_class, price_amount, price_market, price_currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.id, m.agentId, m.idempotencyKey, m.requestHash, m.phone, m.kind, m.purpose ?? null,
    m.template?.name ?? null, m.template?.language ?? null,
    m.template ? JSON.stringify(m.template.values) : null,
    m.template ? JSON.stringify(m.template.components) : null,
    JSON.stringify(m.preview), m.text ?? null, m.ticket ? JSON.stringify(m.ticket) : null,
    m.claimed ? 'sending' : 'queued', m.claimed ? 1 : 0,
    m.nextAttemptAt, m.now, m.now,
    m.price?.category ?? null, m.price?.priceClass ?? null, m.price?.amount ?? null, m.price?.market ?? null, m.price?.currency ?? null,
  );
  const event = prepared(db, 'INSERT INTO message_events (message_id, status, at) VALUES (?, ?, ?)');
  event.run(m.id, 'queued', m.now);
  if (m.claimed) event.run(m.id, 'sending', m.now);
}

export function findByIdempotencyKey(db: DB, agentId: string, key: string): MessageRow | null {
  return (prepared(db, 'SELECT * FROM messages WHERE agent_id = ? AND idempotency_key = ?').get(agentId, key) as MessageRow | undefined) ?? null;
}

export function getMessageRow(db: DB, id: string): MessageRow | null {
  return (prepared(db, 'SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined) ?? null;
}

export function findMessageRowByWamid(db: DB, wamid: string): MessageRow | null {
  return (prepared(db, 'SELECT * FROM messages WHERE wamid = ?').get(wamid) as MessageRow | undefined) ?? null;
}

type EventRow = { message_id: string; status: MessageStatus; at: number; error_code: number | null; detail: string | null };

function historyOf(db: DB, ids: string[]): Map<string, MessageHistoryEntry[]> {
  const out = new Map<string, MessageHistoryEntry[]>();
  if (ids.length === 0) return out;
  const rows = prepared(db, `SELECT * FROM message_events WHERE message_id IN (${ids.map(() => '?').join(',')}) ORDER BY at`)
    .all(...ids) as EventRow[];
  for (const r of rows) {
    const list = out.get(r.message_id) ?? [];
    list.push({ status: r.status, at: r.at, errorCode: r.error_code, detail: r.detail });
    out.set(r.message_id, list);
  }
  return out;
}

const ORDER: Record<MessageStatus, number> = { queued: 0, sending: 1, accepted: 2, sent: 3, delivered: 4, read: 5, unknown: 6, failed: 7 };

export function toMessage(r: MessageRow, history: MessageHistoryEntry[]): Message {
  return {
    id: r.id,
    kind: r.kind,
    phone: r.phone,
    agentId: r.agent_id,
    status: r.status,
    template: r.template_name && r.template_language ? { name: r.template_name, language: r.template_language } : null,
    preview: JSON.parse(r.preview_json) as Message['preview'],
    wamid: r.wamid,
    errorCode: r.error_code,
    errorReason: r.error_reason,
    pricing: r.pricing_json ? (JSON.parse(r.pricing_json) as Message['pricing']) : null,
    ticket: r.ticket_json ? (JSON.parse(r.ticket_json) as TicketRef) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    // Events at the same millisecond (queued → sending → accepted) keep the ladder's order.
    history: [...history].sort((a, b) => a.at - b.at || ORDER[a.status] - ORDER[b.status]),
  };
}

export function getMessage(db: DB, id: string): Message | null {
  const row = getMessageRow(db, id);
  return row ? toMessage(row, historyOf(db, [id]).get(id) ?? []) : null;
}

/** A customer's most recent messages, newest first, each with its status history. */
export function listMessagesForPhone(db: DB, phone: string, limit = 20): Message[] {
  // The limit is written into the SQL, not bound: SQLite's planner uses a bound LIMIT, so binding
  // it expires the statement and every call compiled it again (measured: 25 µs instead of 2.5 µs).
  const n = Math.max(0, Math.min(1000, Math.trunc(limit)));
  const rows = prepared(db, `SELECT * FROM messages WHERE phone = ? ORDER BY created_at DESC, rowid DESC LIMIT ${n}`).all(phone) as MessageRow[];
  const history = historyOf(db, rows.map((r) => r.id));
  return rows.map((r) => toMessage(r, history.get(r.id) ?? []));
}

export type StatusFields = {
  at: number;
  errorCode?: number | null;
  errorReason?: string | null;
  /** Stored in the history row (e.g. the Graph error title of a retried attempt). */
  detail?: string | null;
  wamid?: string;
  nextAttemptAt?: number | null;
  uncertainSince?: number | null;
};

/**
 * Moves a message to `to` if the ladder allows it, appends the history row and answers the live
 * event to publish; `null` when nothing changed (a repeat, a late event, or an unknown id).
 */
/** The columns a status change reads: what the ladder, the kept error fields and the event need. */
export type StatusRow = Pick<
  MessageRow,
  'id' | 'agent_id' | 'phone' | 'status' | 'wamid' | 'error_code' | 'error_reason' | 'pricing_json' | 'next_attempt_at' | 'uncertain_since'
>;

const STATUS_COLUMNS = 'id, agent_id, phone, status, wamid, error_code, error_reason, pricing_json, next_attempt_at, uncertain_since';

/** A message's status columns only (webhooks run this per status: no contents, preview or values copied). */
export function getStatusRow(db: DB, id: string): StatusRow | null {
  return (prepared(db, `SELECT ${STATUS_COLUMNS} FROM messages WHERE id = ?`).get(id) as StatusRow | undefined) ?? null;
}

export function findStatusRowByWamid(db: DB, wamid: string): StatusRow | null {
  return (prepared(db, `SELECT ${STATUS_COLUMNS} FROM messages WHERE wamid = ?`).get(wamid) as StatusRow | undefined) ?? null;
}

/**
 * `current`: the row as the caller read it in this same transaction (status columns), to save
 * reading it again; it must not be stale (nothing may have moved it since).
 */
export function moveMessage(db: DB, id: string, to: MessageStatus, f: StatusFields, current?: StatusRow): StatusChange | null {
  const row = current ?? getStatusRow(db, id);
  if (!row || !canMove(row.status, to)) return null;
  const errorCode = f.errorCode !== undefined ? f.errorCode : row.error_code;
  const errorReason = f.errorReason !== undefined ? f.errorReason : row.error_reason;
  prepared(
    db,
    `UPDATE messages SET status = ?, error_code = ?, error_reason = ?, wamid = COALESCE(wamid, ?),
       next_attempt_at = ?, uncertain_since = ?, updated_at = ? WHERE id = ?`,
  ).run(
    to, errorCode, errorReason, f.wamid ?? null,
    f.nextAttemptAt !== undefined ? f.nextAttemptAt : row.next_attempt_at,
    f.uncertainSince !== undefined ? f.uncertainSince : row.uncertain_since,
    f.at, id,
  );
  // History keeps the first time a status was reached: a message queued again after a retryable
  // error keeps its first `queued` row; the retry shows as the message's errorCode/errorReason.
  prepared(
    db,
    `INSERT INTO message_events (message_id, status, at, error_code, detail) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (message_id, status) DO NOTHING`,
  ).run(id, to, f.at, f.errorCode ?? null, f.detail ?? (to === 'failed' ? errorReason : null));
  return { type: 'message.status', messageId: id, phone: row.phone, agentId: row.agent_id, status: to, errorCode, errorReason, at: f.at };
}

/** Atomically takes a due `queued` message for a Graph call; `null` when someone else has it. */
export function claimForSending(db: DB, id: string, now: number): MessageRow | null {
  const res = prepared(db, "UPDATE messages SET status = 'sending', attempts = attempts + 1, uncertain_since = NULL, updated_at = ? WHERE id = ? AND status = 'queued' AND next_attempt_at <= ?")
    .run(now, id, now);
  if (res.changes !== 1) return null;
  prepared(db, "INSERT INTO message_events (message_id, status, at) VALUES (?, 'sending', ?) ON CONFLICT DO NOTHING").run(id, now);
  return getMessageRow(db, id);
}

export function setWamid(db: DB, id: string, wamid: string): void {
  prepared(db, 'UPDATE messages SET wamid = COALESCE(wamid, ?) WHERE id = ?').run(wamid, id);
}

/** Stores Meta's pricing; `false` (nothing written) when the row already has exactly this pricing (the `delivered` after a `sent`). */
export function setPricing(db: DB, id: string, pricing: NonNullable<Message['pricing']>, now: number, stored?: string | null): boolean {
  const json = JSON.stringify(pricing);
  if (stored === json) return false;
  prepared(db, 'UPDATE messages SET pricing_json = ?, updated_at = ? WHERE id = ?').run(json, now, id);
  return true;
}

export function dueMessageIds(db: DB, now: number, limit: number): string[] {
  return prepared(db, "SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?")
    .pluck()
    .all(now, limit) as string[];
}

/** `sending` rows whose Graph call is in doubt and whose grace period has run out. */
export function expiredUncertainIds(db: DB, before: number, limit: number): string[] {
  return prepared(db, "SELECT id FROM messages WHERE status = 'sending' AND uncertain_since IS NOT NULL AND uncertain_since <= ? LIMIT ?")
    .pluck()
    .all(before, limit) as string[];
}

/**
 * At start-up, a `sending` row belongs to a call the previous process made and may or may not have
 * completed (kill -9 mid-call): mark it uncertain, never resend it.
 */
export function markInFlightUncertain(db: DB, now: number): number {
  return prepared(db, "UPDATE messages SET uncertain_since = ?, updated_at = ? WHERE status = 'sending' AND uncertain_since IS NULL").run(now, now).changes;
}

export function markUncertain(db: DB, id: string, now: number): void {
  prepared(db, "UPDATE messages SET uncertain_since = ?, updated_at = ? WHERE id = ? AND status = 'sending'").run(now, now, id);
}
