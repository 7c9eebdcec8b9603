/**
 * Templates as Meta holds them, plus the bookkeeping Meta keeps out of sight (pending review outcome,
 * pause count and expiry, announced category change, edit history).
 *
 * @module
 */
import type {
  ParameterFormat,
  QualityScoreValue,
  RejectedReason,
  TemplateCategory,
  TemplateComponent,
  TemplateStatus,
} from '../../../shared/schemas/template';
import type { SandboxDb } from './open-store';
import { nextCounter } from './open-store';

export type RejectionInfo = { reason: string; recommendation: string };

/** What review will decide, fixed when the draft is submitted so a restart does not change it. */
export type ReviewOutcome = {
  status: 'APPROVED' | 'REJECTED';
  category: TemplateCategory;
  reason: RejectedReason;
  rejectionInfo?: RejectionInfo;
};

export type TemplateRecord = {
  id: string;
  name: string;
  language: string;
  status: TemplateStatus;
  category: TemplateCategory;
  subCategory?: string;
  previousCategory?: TemplateCategory;
  correctCategory?: TemplateCategory;
  categoryChangeAt?: number;
  parameterFormat: ParameterFormat;
  components: TemplateComponent[];
  qualityScore: QualityScoreValue;
  qualityDate: number;
  rejectedReason: RejectedReason;
  rejectionInfo?: RejectionInfo;
  messageSendTtlSeconds?: number;
  everApproved: boolean;
  pauseCount: number;
  pausedUntil?: number;
  reviewAt?: number;
  reviewOutcome?: ReviewOutcome;
  /** Clock ms of edits made while APPROVED (limits: 1 per 24 h, 10 per 30 days). */
  approvedEdits: number[];
  createdAt: number;
  updatedAt: number;
};

/** Numeric string ids, ≤ 2^53 so webhooks can carry them as JSON numbers (reference §7.4). */
const TEMPLATE_ID_BASE = 1_387_372_356_700_000;

type Row = { id: string; seq: number; data: string };
const fromRow = (row: Row) => JSON.parse(row.data) as TemplateRecord;

export function newTemplateId(db: SandboxDb): string {
  return String(TEMPLATE_ID_BASE + nextCounter(db, 'template_id'));
}

export function insertTemplate(db: SandboxDb, t: TemplateRecord): void {
  const seq = nextCounter(db, 'template_seq');
  db.prepare('INSERT INTO templates (id, seq, name, language, data) VALUES (?, ?, ?, ?, ?)').run(
    t.id,
    seq,
    t.name,
    t.language,
    JSON.stringify(t),
  );
}

export function saveTemplate(db: SandboxDb, t: TemplateRecord): void {
  db.prepare('UPDATE templates SET data = ? WHERE id = ?').run(JSON.stringify(t), t.id);
}

export function getTemplate(db: SandboxDb, id: string): TemplateRecord | undefined {
  const row = db.prepare('SELECT id, seq, data FROM templates WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function findTemplate(db: SandboxDb, name: string, language: string): TemplateRecord | undefined {
  const row = db.prepare('SELECT id, seq, data FROM templates WHERE name = ? AND language = ?').get(name, language) as
    | Row
    | undefined;
  return row ? fromRow(row) : undefined;
}

export function templatesNamed(db: SandboxDb, name: string): TemplateRecord[] {
  return (db.prepare('SELECT id, seq, data FROM templates WHERE name = ? ORDER BY seq').all(name) as Row[]).map(fromRow);
}

/** All templates, newest first, with their list-order sequence (used as the paging key). */
export function allTemplates(db: SandboxDb): Array<{ seq: number; template: TemplateRecord }> {
  const rows = db.prepare('SELECT id, seq, data FROM templates ORDER BY seq DESC').all() as Row[];
  return rows.map((row) => ({ seq: row.seq, template: fromRow(row) }));
}

export function countTemplates(db: SandboxDb): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM templates').get() as { n: number }).n;
}

export function deleteTemplateRow(db: SandboxDb, t: TemplateRecord, now: number, blockName: boolean): void {
  db.prepare('DELETE FROM templates WHERE id = ?').run(t.id);
  if (blockName) {
    db.prepare('INSERT INTO deleted_names (name, language, deleted_at) VALUES (?, ?, ?)').run(t.name, t.language, now);
  }
}

/** A deleted approved name+language stays blocked for 30 days (reference §1.7). */
export function isNameBlocked(db: SandboxDb, name: string, language: string, now: number): boolean {
  const since = now - 30 * 24 * 3600_000;
  const row = db
    .prepare('SELECT 1 FROM deleted_names WHERE name = ? AND language = ? AND deleted_at > ? LIMIT 1')
    .get(name, language, since);
  return row !== undefined;
}
