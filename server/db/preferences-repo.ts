/**
 * Template settings (topic, tracked URL buttons) and the single-use nonces of signed form tokens.
 * @module
 */
import type { ConsentTopic } from '../../shared/schemas/consent';
import { prepared } from './messages-repo';
import type { DB } from './open-db';

export type TemplateSettingRow = {
  name: string;
  /** The admin's choice: a topic, or null with `noTopic` = "not bound to a topic". */
  topic: ConsentTopic | null;
  noTopic: boolean;
  /** Button index → target URL. */
  clickTracking: Record<string, string>;
  updatedBy: string | null;
  updatedAt: number;
};

type Row = { name: string; topic: string | null; no_topic: number; click_tracking_json: string | null; updated_by: string | null; updated_at: number };

const toSetting = (r: Row): TemplateSettingRow => ({
  name: r.name,
  topic: r.topic as ConsentTopic | null,
  noTopic: r.no_topic === 1,
  clickTracking: r.click_tracking_json ? (JSON.parse(r.click_tracking_json) as Record<string, string>) : {},
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export function getTemplateSetting(db: DB, name: string): TemplateSettingRow | null {
  const row = prepared(db, 'SELECT * FROM template_settings WHERE name = ?').get(name) as Row | undefined;
  return row ? toSetting(row) : null;
}

export function listTemplateSettings(db: DB): TemplateSettingRow[] {
  return (prepared(db, 'SELECT * FROM template_settings ORDER BY name').all() as Row[]).map(toSetting);
}

export function saveTemplateSetting(db: DB, s: TemplateSettingRow): void {
  prepared(
    db,
    `INSERT INTO template_settings (name, topic, no_topic, click_tracking_json, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET topic = excluded.topic, no_topic = excluded.no_topic,
       click_tracking_json = excluded.click_tracking_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(s.name, s.topic, s.noTopic ? 1 : 0, Object.keys(s.clickTracking).length ? JSON.stringify(s.clickTracking) : null, s.updatedBy, s.updatedAt);
}

/** Marks a form nonce used; false when it already was (a replayed submission). */
export function useFormNonce(db: DB, nonce: string, expiresAt: number, now: number): boolean {
  prepared(db, 'DELETE FROM used_form_nonces WHERE expires_at < ?').run(now);
  return prepared(db, 'INSERT OR IGNORE INTO used_form_nonces (nonce, expires_at) VALUES (?, ?)').run(nonce, expiresAt).changes === 1;
}

export function formNonceUsed(db: DB, nonce: string): boolean {
  return prepared(db, 'SELECT 1 FROM used_form_nonces WHERE nonce = ?').get(nonce) !== undefined;
}
