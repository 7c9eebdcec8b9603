/**
 * The webhook side of the sandbox file: the delivery log (every POST with its attempts), the queue
 * of deliveries still owed (when each is next due) and status updates held back for a shuffled
 * batch. The queue holds the exact signed bytes via the log row, so a delivery retried after a
 * restart carries the same body and signature as its first attempt.
 *
 * @module
 */
import type { SandboxDb } from './open-store';
import { statement } from './open-store';

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

export type QueuedDelivery = { id: number; dueAt: number };

/** The log is for looking at recent traffic; keep the sandbox file small during long demos and benches. */
const LOG_KEEP = 10_000;

export function saveDelivery(db: SandboxDb, rec: DeliveryRecord): void {
  statement(db, 'UPDATE webhook_deliveries SET data = ? WHERE id = ?').run(JSON.stringify(rec), rec.id);
}

/** Logs a new delivery and queues it, due at `dueAt`. */
export function insertDelivery(db: SandboxDb, rec: Omit<DeliveryRecord, 'id'>, dueAt: number): DeliveryRecord {
  const info = statement(db, 'INSERT INTO webhook_deliveries (data) VALUES (?)').run('{}');
  const full = { id: Number(info.lastInsertRowid), ...rec };
  saveDelivery(db, full);
  statement(db, 'INSERT INTO webhook_queue (delivery_id, due_at) VALUES (?, ?)').run(full.id, dueAt);
  if (full.id % 1000 === 0) {
    // A delivery still owed is kept whatever its age: its bytes are what a retry must send.
    statement(db, 'DELETE FROM webhook_deliveries WHERE id <= ? AND id NOT IN (SELECT delivery_id FROM webhook_queue)').run(
      full.id - LOG_KEEP,
    );
  }
  return full;
}

export function getDelivery(db: SandboxDb, id: number): DeliveryRecord | undefined {
  const row = statement(db, 'SELECT data FROM webhook_deliveries WHERE id = ?').get(id) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as DeliveryRecord) : undefined;
}

export function recentDeliveries(db: SandboxDb, limit: number): DeliveryRecord[] {
  const rows = statement(db, 'SELECT data FROM (SELECT id, data FROM webhook_deliveries ORDER BY id DESC LIMIT ?) ORDER BY id').all(
    limit,
  ) as Array<{ data: string }>;
  return rows.map((r) => JSON.parse(r.data) as DeliveryRecord);
}

/** Saves an attempt's outcome: still owed at `nextDueAt`, or settled (delivered / given up). */
export function recordAttempt(db: SandboxDb, rec: DeliveryRecord, nextDueAt: number | undefined): void {
  saveDelivery(db, rec);
  if (nextDueAt === undefined) statement(db, 'DELETE FROM webhook_queue WHERE delivery_id = ?').run(rec.id);
  else statement(db, 'UPDATE webhook_queue SET due_at = ? WHERE delivery_id = ?').run(nextDueAt, rec.id);
}

/** Every delivery still owed, in the order they were first queued. */
export function queuedDeliveries(db: SandboxDb): QueuedDelivery[] {
  const rows = statement(db, 'SELECT delivery_id AS id, due_at AS dueAt FROM webhook_queue ORDER BY delivery_id').all();
  return rows as QueuedDelivery[];
}

export function bufferStatus(db: SandboxDb, status: Record<string, unknown>, flushAt: number): void {
  statement(db, 'INSERT INTO webhook_status_buffer (flush_at, data) VALUES (?, ?)').run(flushAt, JSON.stringify(status));
}

/** When the held statuses are due to go out, if any are held. */
export function bufferFlushAt(db: SandboxDb): number | undefined {
  const row = statement(db, 'SELECT MIN(flush_at) AS at FROM webhook_status_buffer').get() as { at: number | null };
  return row.at ?? undefined;
}

/** Removes and returns the held statuses, oldest first. */
export function takeBufferedStatuses(db: SandboxDb): Array<Record<string, unknown>> {
  const rows = statement(db, 'SELECT data FROM webhook_status_buffer ORDER BY id').all() as Array<{ data: string }>;
  statement(db, 'DELETE FROM webhook_status_buffer').run();
  return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
}
