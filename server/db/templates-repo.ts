/**
 * The template store: Meta's template objects as the last sync or webhook told us, plus the pause
 * expiry Köprü derives. Filled by `core/template-sync` and `core/webhook-events`; read by the gate
 * and `GET /api/templates`.
 * @module
 */
import { Template, type TemplateCategory, type TemplateStatus } from '../../shared/schemas/template';
import { prepared } from './messages-repo';
import type { DB } from './open-db';

export type StoredTemplate = {
  template: Readonly<Template>;
  pausedUntil: number | null;
  updatedAt: number;
};

type Row = { name: string; language: string; json: string; paused_until: number | null; updated_at: number };

/**
 * Lower-case, without diacritics, with Turkish dotted/dotless i folded to `i`: an agent typing
 * `siparis` or `SİPARİŞ` finds `sipariş_durumu`.
 */
export function foldForSearch(text: string): string {
  return text
    .replace(/[İIı]/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

const searchTextOf = (t: Template): string =>
  foldForSearch([t.name, ...t.components.map((c) => ('text' in c && typeof c.text === 'string' ? c.text : ''))].join('\n'));

/**
 * The JSON was parsed with the schema before it was stored; it is parsed again on the way out so a
 * schema extension (new defaults) applies to old rows too. The gate reads a template on every
 * send, so the parsed object is kept while the stored JSON stays the same.
 */
const parsedCache = new Map<string, Template>();
const PARSED_CACHE_MAX = 10_000;

function parseStored(json: string): Template {
  const hit = parsedCache.get(json);
  if (hit) return hit;
  const template = Object.freeze(Template.parse(JSON.parse(json)));
  if (parsedCache.size >= PARSED_CACHE_MAX) parsedCache.clear();
  parsedCache.set(json, template);
  return template;
}

const toStored = (r: Row): StoredTemplate => ({
  // Shared and frozen: change a copy (`{ ...template }`), as patchTemplate does.
  template: parseStored(r.json),
  pausedUntil: r.paused_until,
  updatedAt: r.updated_at,
});

/** Meta pauses for a fixed time (3 h, 6 h) and unpauses on its own; past `pausedUntil` we trust that. */
export function isPaused(s: StoredTemplate, now: number): boolean {
  return s.template.status === 'PAUSED' && (s.pausedUntil === null || s.pausedUntil > now);
}

/** What an agent may send now: APPROVED (or a pause that has run out), UTILITY, not paused. */
export function isUsable(s: StoredTemplate, now: number): boolean {
  const approved = s.template.status === 'APPROVED' || (s.template.status === 'PAUSED' && !isPaused(s, now));
  return approved && s.template.category === 'UTILITY';
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Stores Meta's view of a template. Keeps `pausedUntil` unless given (a sync does not know it). */
export function upsertTemplate(db: DB, t: Template, now: number, opts: { pausedUntil?: number | null } = {}): UpsertOutcome {
  const json = JSON.stringify(t);
  const existing = prepared(db, 'SELECT json, paused_until FROM templates WHERE name = ? AND language = ?')
    .get(t.name, t.language) as { json: string; paused_until: number | null } | undefined;
  const pausedUntil = t.status !== 'PAUSED' ? null : opts.pausedUntil !== undefined ? opts.pausedUntil : (existing?.paused_until ?? null);
  if (existing && existing.json === json && existing.paused_until === pausedUntil) return 'unchanged';
  prepared(
    db,
    `INSERT INTO templates (name, language, id, status, category, quality, rejected_reason, paused_until, search_text, json, updated_at)
     VALUES (@name, @language, @id, @status, @category, @quality, @rejected, @pausedUntil, @search, @json, @now)
     ON CONFLICT (name, language) DO UPDATE SET id = excluded.id, status = excluded.status, category = excluded.category,
       quality = excluded.quality, rejected_reason = excluded.rejected_reason, paused_until = excluded.paused_until,
       search_text = excluded.search_text, json = excluded.json, updated_at = excluded.updated_at`,
  ).run({
    name: t.name,
    language: t.language,
    id: t.id,
    status: t.status,
    category: t.category,
    quality: t.quality_score?.score ?? null,
    rejected: t.rejected_reason ?? null,
    pausedUntil,
    search: searchTextOf(t),
    json,
    now,
  });
  return existing ? 'updated' : 'created';
}

export function getTemplate(db: DB, name: string, language: string): StoredTemplate | null {
  const row = prepared(db, 'SELECT * FROM templates WHERE name = ? AND language = ?').get(name, language) as Row | undefined;
  return row ? toStored(row) : null;
}

export function getTemplateById(db: DB, id: string): StoredTemplate | null {
  const row = prepared(db, 'SELECT * FROM templates WHERE id = ?').get(id) as Row | undefined;
  return row ? toStored(row) : null;
}

/** Templates by name in any language, so the gate can say "exists, but not in that language". */
export function templateLanguages(db: DB, name: string): string[] {
  return prepared(db, 'SELECT language FROM templates WHERE name = ? ORDER BY language').pluck().all(name) as string[];
}

export type TemplateFilter = { q?: string; language?: string; usableOnly: boolean; now: number };

export function listTemplates(db: DB, f: TemplateFilter): StoredTemplate[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.q) {
    where.push('instr(search_text, ?) > 0');
    params.push(foldForSearch(f.q));
  }
  if (f.language) {
    // `tr` also finds `tr_TR`: agents think in languages, Meta in locales.
    where.push("(language = ? OR language LIKE ? || '\\_%' ESCAPE '\\')");
    params.push(f.language, f.language);
  }
  if (f.usableOnly) where.push("category = 'UTILITY' AND status IN ('APPROVED', 'PAUSED')");
  const sql = `SELECT * FROM templates ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, language`;
  const rows = (prepared(db, sql).all(...params) as Row[]).map(toStored);
  return f.usableOnly ? rows.filter((s) => isUsable(s, f.now)) : rows;
}

/** A change Meta announced by webhook; fields left out stay as they are. */
export type TemplatePatch = {
  status?: TemplateStatus;
  category?: TemplateCategory;
  previousCategory?: string;
  correctCategory?: string;
  quality?: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  rejectedReason?: string;
  pausedUntil?: number | null;
};

/** Applies a patch to the stored template; `null` when we do not have it (the caller syncs). */
export function patchTemplate(db: DB, key: { id: string } | { name: string; language: string }, patch: TemplatePatch, now: number): StoredTemplate | null {
  const current = 'id' in key ? getTemplateById(db, key.id) : getTemplate(db, key.name, key.language);
  if (!current) return null;
  const t: Template = { ...current.template };
  if (patch.status) t.status = patch.status;
  if (patch.category) t.category = patch.category;
  if (patch.previousCategory) t.previous_category = patch.previousCategory;
  if (patch.correctCategory) t.correct_category = patch.correctCategory;
  if (patch.quality) t.quality_score = { score: patch.quality, date: Math.floor(now / 1000) };
  if (patch.rejectedReason !== undefined) t.rejected_reason = patch.rejectedReason;
  upsertTemplate(db, t, now, patch.pausedUntil !== undefined ? { pausedUntil: patch.pausedUntil } : {});
  return getTemplate(db, t.name, t.language);
}

/** After a full sync: templates Meta no longer lists are marked DELETED (messages may still point at them). */
export function markMissingDeleted(db: DB, seen: Set<string>, now: number, keepNames: Set<string> = new Set()): number {
  const rows = prepared(db, "SELECT name, language FROM templates WHERE status != 'DELETED'").all() as Array<{ name: string; language: string }>;
  let removed = 0;
  for (const r of rows) {
    if (seen.has(templateKey(r)) || keepNames.has(r.name)) continue;
    patchTemplate(db, r, { status: 'DELETED' }, now);
    removed++;
  }
  return removed;
}

export const templateKey = (t: { name: string; language: string }) => `${t.name}\u0000${t.language}`;
