/**
 * Opt-in entry points, the opt-ins that came through them, and pending double opt-ins from their
 * public pages.
 * @module
 */
import type { ConsentTopic } from '../../shared/schemas/consent';
import type { EntryPointCounts, EntryPointSource } from '../../shared/schemas/entry-point';
import { prepared } from './messages-repo';
import type { DB } from './open-db';

type Language = 'tr' | 'en';

export type EntryPointRow = {
  id: string;
  slug: string;
  name: string;
  source: EntryPointSource;
  code: string;
  topics: ConsentTopic[];
  language: Language;
  wordingIds: { tr: string; en: string };
  embedOrigins: string[] | null;
  createdBy: string;
  createdAt: number;
};

type Row = {
  id: string;
  slug: string;
  name: string;
  source: EntryPointSource;
  code: string;
  topics_json: string;
  language: Language;
  wording_tr_id: string;
  wording_en_id: string;
  embed_origins_json: string | null;
  page_views: number;
  created_by: string;
  created_at: number;
};

const toEntryPoint = (r: Row): EntryPointRow => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  source: r.source,
  code: r.code,
  topics: JSON.parse(r.topics_json) as ConsentTopic[],
  language: r.language,
  wordingIds: { tr: r.wording_tr_id, en: r.wording_en_id },
  embedOrigins: r.embed_origins_json ? (JSON.parse(r.embed_origins_json) as string[]) : null,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function insertEntryPoint(db: DB, e: EntryPointRow): void {
  prepared(db, 
    `INSERT INTO entry_points (id, slug, name, source, code, topics_json, language, wording_tr_id, wording_en_id, embed_origins_json, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.slug, e.name, e.source, e.code, JSON.stringify(e.topics), e.language, e.wordingIds.tr, e.wordingIds.en, e.embedOrigins ? JSON.stringify(e.embedOrigins) : null, e.createdBy, e.createdAt);
}

export function getEntryPoint(db: DB, id: string): EntryPointRow | null {
  const row = prepared(db, 'SELECT * FROM entry_points WHERE id = ?').get(id) as Row | undefined;
  return row ? toEntryPoint(row) : null;
}

export function getEntryPointBySlug(db: DB, slug: string): EntryPointRow | null {
  const row = prepared(db, 'SELECT * FROM entry_points WHERE slug = ?').get(slug) as Row | undefined;
  return row ? toEntryPoint(row) : null;
}

export function getEntryPointByCode(db: DB, code: string): EntryPointRow | null {
  const row = prepared(db, 'SELECT * FROM entry_points WHERE code = ?').get(code) as Row | undefined;
  return row ? toEntryPoint(row) : null;
}

export function listEntryPoints(db: DB): EntryPointRow[] {
  return (prepared(db, 'SELECT * FROM entry_points ORDER BY created_at DESC, id').all() as Row[]).map(toEntryPoint);
}

export function entryCodeInUse(db: DB, code: string): boolean {
  return prepared(db, 'SELECT 1 FROM entry_points WHERE code = ?').get(code) !== undefined;
}

export function slugInUse(db: DB, slug: string): boolean {
  return prepared(db, 'SELECT 1 FROM entry_points WHERE slug = ?').get(slug) !== undefined;
}

export function countPageView(db: DB, id: string): void {
  prepared(db, 'UPDATE entry_points SET page_views = page_views + 1 WHERE id = ?').run(id);
}

export function entryPointCounts(db: DB, id: string, now: number): EntryPointCounts {
  const byChannel = prepared(db, 'SELECT channel, COUNT(*) AS n FROM entry_point_optins WHERE entry_point_id = ? GROUP BY channel').all(id) as Array<{
    channel: 'whatsapp_code' | 'web_form';
    n: number;
  }>;
  const viaCode = byChannel.find((r) => r.channel === 'whatsapp_code')?.n ?? 0;
  const viaWebForm = byChannel.find((r) => r.channel === 'web_form')?.n ?? 0;
  const pending = prepared(db, "SELECT COUNT(*) FROM web_optins WHERE entry_point_id = ? AND status = 'pending' AND expires_at > ?").pluck().get(id, now) as number;
  const pageViews = prepared(db, 'SELECT page_views FROM entry_points WHERE id = ?').pluck().get(id) as number | undefined;
  return { optIns: viaCode + viaWebForm, viaCode, viaWebForm, pending, pageViews: pageViews ?? 0 };
}

export function insertEntryPointOptin(db: DB, o: { consentId: string; entryPointId: string; phone: string; channel: 'whatsapp_code' | 'web_form'; at: number }): void {
  prepared(db, 'INSERT INTO entry_point_optins (consent_id, entry_point_id, phone, channel, created_at) VALUES (?, ?, ?, ?, ?)').run(
    o.consentId,
    o.entryPointId,
    o.phone,
    o.channel,
    o.at,
  );
}

// ── Pending double opt-ins ───────────────────────────────────────────────────────────────────────

export type WebOptinRow = {
  id: string;
  entryPointId: string;
  phone: string;
  name: string | null;
  topics: ConsentTopic[];
  wordingId: string;
  language: Language;
  status: 'pending' | 'confirmed' | 'declined';
  ipHash: string | null;
  userAgent: string | null;
  messageId: string | null;
  submittedAt: number;
  expiresAt: number;
};

type WebRow = {
  id: string;
  entry_point_id: string;
  phone: string;
  name: string | null;
  topics_json: string;
  wording_id: string;
  language: Language;
  status: WebOptinRow['status'];
  ip_hash: string | null;
  user_agent: string | null;
  message_id: string | null;
  submitted_at: number;
  expires_at: number;
};

const toWebOptin = (r: WebRow): WebOptinRow => ({
  id: r.id,
  entryPointId: r.entry_point_id,
  phone: r.phone,
  name: r.name,
  topics: JSON.parse(r.topics_json) as ConsentTopic[],
  wordingId: r.wording_id,
  language: r.language,
  status: r.status,
  ipHash: r.ip_hash,
  userAgent: r.user_agent,
  messageId: r.message_id,
  submittedAt: r.submitted_at,
  expiresAt: r.expires_at,
});

export function insertWebOptin(db: DB, w: Omit<WebOptinRow, 'status' | 'messageId'>): void {
  prepared(
    db,
    `INSERT INTO web_optins (id, entry_point_id, phone, name, topics_json, wording_id, language, status, ip_hash, user_agent, submitted_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
  ).run(w.id, w.entryPointId, w.phone, w.name, JSON.stringify(w.topics), w.wordingId, w.language, w.ipHash, w.userAgent, w.submittedAt, w.expiresAt);
}

export function setWebOptinMessage(db: DB, id: string, messageId: string): void {
  prepared(db, 'UPDATE web_optins SET message_id = ? WHERE id = ?').run(messageId, id);
}

/** The newest submission still waiting for this customer's confirmation. */
export function pendingWebOptin(db: DB, phone: string, now: number): WebOptinRow | null {
  const row = prepared(db, "SELECT * FROM web_optins WHERE phone = ? AND status = 'pending' AND expires_at > ? ORDER BY submitted_at DESC, rowid DESC LIMIT 1").get(
    phone,
    now,
  ) as WebRow | undefined;
  return row ? toWebOptin(row) : null;
}

export function getWebOptin(db: DB, id: string): WebOptinRow | null {
  const row = prepared(db, 'SELECT * FROM web_optins WHERE id = ?').get(id) as WebRow | undefined;
  return row ? toWebOptin(row) : null;
}

/** Settles every pending submission of this customer (confirmed by one reply, or declined by a stop). */
export function settleWebOptins(db: DB, phone: string, s: { status: 'confirmed' | 'declined'; consentId: string | null; wamid: string; at: number }): number {
  return prepared(db, "UPDATE web_optins SET status = ?, settled_at = ?, consent_id = ?, settled_wamid = ? WHERE phone = ? AND status = 'pending'").run(
    s.status,
    s.at,
    s.consentId,
    s.wamid,
    phone,
  ).changes;
}
