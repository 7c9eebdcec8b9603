/**
 * SQL for the audit log. Only INSERT and SELECT: the table's triggers refuse UPDATE and DELETE.
 * @module
 */
import type { AuditAction, AuditEntry } from '../../shared/schemas/audit';
import { prepared } from './messages-repo';
import type { DB } from './open-db';

type AuditRow = {
  seq: number;
  id: string;
  at: number;
  action: AuditAction;
  actor_id: string | null;
  actor_kind: AuditEntry['actor']['kind'];
  subject: string | null;
  target: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
};

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  id: r.id,
  at: r.at,
  action: r.action,
  actor: { id: r.actor_id, kind: r.actor_kind },
  subject: r.subject,
  target: r.target,
  details: JSON.parse(r.details_json) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export function insertAuditRow(db: DB, e: AuditEntry): void {
  prepared(
    db,
    `INSERT INTO audit_log (seq, id, at, action, actor_id, actor_kind, subject, target, details_json, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.seq, e.id, e.at, e.action, e.actor.id, e.actor.kind, e.subject, e.target, JSON.stringify(e.details), e.prevHash, e.hash);
}

export function getAuditHead(db: DB): { seq: number; hash: string } | null {
  return (prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

export type AuditFilter = {
  action?: string;
  actorId?: string;
  subject?: string;
  target?: string;
  from?: number;
  to?: number;
  before?: number;
  limit: number;
};

/** Newest first. `action` matches itself or, without a dot, a family (`template` → `template.*`). */
export function listAudit(db: DB, f: AuditFilter): AuditEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.action) {
    if (f.action.includes('.')) {
      where.push('action = ?');
      params.push(f.action);
    } else {
      where.push("(action = ? OR action LIKE ? || '.%')");
      params.push(f.action, f.action);
    }
  }
  if (f.actorId) (where.push('actor_id = ?'), params.push(f.actorId));
  if (f.subject) (where.push('subject = ?'), params.push(f.subject));
  if (f.target) (where.push('target = ?'), params.push(f.target));
  if (f.from !== undefined) (where.push('at >= ?'), params.push(f.from));
  if (f.to !== undefined) (where.push('at < ?'), params.push(f.to));
  if (f.before !== undefined) (where.push('seq < ?'), params.push(f.before));
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  return (prepared(db, sql).all(...params, f.limit) as AuditRow[]).map(toEntry);
}

/** Every entry in chain order, streamed. */
export function* iterateAudit(db: DB): Generator<AuditEntry> {
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>) yield toEntry(row);
}
