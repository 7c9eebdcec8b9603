/**
 * The status ladder steps still to come for accepted messages (`sent`, `delivered`, `read`, or one
 * async `failed`), each with the clock time it is due. A step's row goes away in the same
 * transaction that applies it, so after a restart the rows left are exactly the steps not yet taken.
 *
 * @module
 */
import type { SandboxDb } from './open-store';
import { statement } from './open-store';

export type LadderStatus = 'sent' | 'delivered' | 'read' | 'failed';

export type ScheduledStatus = { messageId: string; status: LadderStatus; dueAt: number; code?: number };

type Row = { messageId: string; status: LadderStatus; dueAt: number; code: number | null };

export function insertScheduledStatuses(db: SandboxDb, steps: ScheduledStatus[]): void {
  const insert = statement(db, 'INSERT OR REPLACE INTO status_schedule (message_id, status, due_at, code) VALUES (?, ?, ?, ?)');
  for (const s of steps) insert.run(s.messageId, s.status, s.dueAt, s.code ?? null);
}

export function deleteScheduledStatus(db: SandboxDb, messageId: string, status: LadderStatus): void {
  statement(db, 'DELETE FROM status_schedule WHERE message_id = ? AND status = ?').run(messageId, status);
}

/** Every step still to come, in due order (ties in the order they were scheduled). */
export function scheduledStatuses(db: SandboxDb): ScheduledStatus[] {
  const rows = statement(
    db,
    'SELECT message_id AS messageId, status, due_at AS dueAt, code FROM status_schedule ORDER BY due_at, id',
  ).all() as Row[];
  return rows.map(({ code, ...step }) => (code === null ? step : { ...step, code }));
}
