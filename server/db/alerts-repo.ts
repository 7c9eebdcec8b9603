/**
 * Template health alerts. The row keeps the columns needed to find and close alerts; the rest of the
 * alert (kind-specific fields) is `details_json`.
 * @module
 */
import type { Alert, AlertKind } from '../../shared/schemas/alert';
import { prepared } from './messages-repo';
import type { DB } from './open-db';

type AlertRow = {
  id: string;
  kind: AlertKind;
  template_id: string;
  template_name: string;
  template_language: string;
  dedupe_key: string;
  details_json: string;
  created_at: number;
  resolved_at: number | null;
};

const toAlert = (r: AlertRow): Alert =>
  ({
    ...(JSON.parse(r.details_json) as object),
    id: r.id,
    kind: r.kind,
    template: { id: r.template_id, name: r.template_name, language: r.template_language },
    at: r.created_at,
    resolvedAt: r.resolved_at,
  }) as Alert;

export function insertAlert(db: DB, a: Alert, dedupeKey: string): void {
  const { id, kind, template, at, resolvedAt: _resolved, ...details } = a;
  prepared(
    db,
    `INSERT INTO template_alerts (id, kind, template_id, template_name, template_language, dedupe_key, details_json, created_at, resolved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  ).run(id, kind, template.id, template.name, template.language, dedupeKey, JSON.stringify(details), at);
}

/** An alert of this template with this key that is still open (a redelivered webhook). */
export function hasOpenAlert(db: DB, templateId: string, dedupeKey: string): boolean {
  return prepared(db, 'SELECT 1 FROM template_alerts WHERE template_id = ? AND dedupe_key = ? AND resolved_at IS NULL').get(templateId, dedupeKey) !== undefined;
}

export function openAlertsOf(db: DB, templateId: string, kinds: readonly AlertKind[]): Alert[] {
  if (kinds.length === 0) return [];
  const rows = prepared(
    db,
    `SELECT * FROM template_alerts WHERE template_id = ? AND resolved_at IS NULL AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY created_at`,
  ).all(templateId, ...kinds) as AlertRow[];
  return rows.map(toAlert);
}

export function resolveAlert(db: DB, id: string, at: number): Alert | null {
  const changed = prepared(db, 'UPDATE template_alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(at, id).changes;
  return changed === 1 ? getAlert(db, id) : null;
}

export function getAlert(db: DB, id: string): Alert | null {
  const row = prepared(db, 'SELECT * FROM template_alerts WHERE id = ?').get(id) as AlertRow | undefined;
  return row ? toAlert(row) : null;
}

/** Newest first. */
export function listAlerts(db: DB, f: { activeOnly: boolean; since?: number; limit: number }): Alert[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.activeOnly) where.push('resolved_at IS NULL');
  if (f.since !== undefined) (where.push('created_at >= ?'), params.push(f.since));
  const sql = `SELECT * FROM template_alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
  return (prepared(db, sql).all(...params, f.limit) as AlertRow[]).map(toAlert);
}
