/**
 * Filtering and cursor paging for `GET /{waba}/message_templates` (reference §1.3). Newest first;
 * cursors are opaque base64url strings; a cursor that does not decode → 131059.
 *
 * @module
 */
import type { GraphError } from '../graph-errors';
import { graphError } from '../graph-errors';
import type { TemplateRecord } from '../store/templates-store';
import { enumParam } from './create-errors';
import { reviewText } from './template-review';

export type ListQuery = {
  limit?: string;
  after?: string;
  before?: string;
  status?: string;
  category?: string;
  language?: string;
  name?: string;
  name_or_content?: string;
  content?: string;
  quality_score?: string;
};

export type ListPage = { data: TemplateRecord[]; before?: string; after?: string; hasPrevious: boolean; hasNext: boolean };

const STATUSES = ['APPROVED', 'ARCHIVED', 'DELETED', 'DISABLED', 'IN_APPEAL', 'LIMIT_EXCEEDED', 'PAUSED', 'PENDING', 'PENDING_DELETION', 'REJECTED'];
const CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];
const QUALITY = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'];
const DEFAULT_LIMIT = 25;

const encodeCursor = (seq: number) => Buffer.from(`sandbox-template-cursor:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number | undefined {
  const m = /^sandbox-template-cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

const list = (raw: string | undefined, upper: boolean) =>
  raw?.split(',').map((s) => (upper ? s.trim().toUpperCase() : s.trim().replace('-', '_'))).filter(Boolean);

type Filter = (t: TemplateRecord) => boolean;

function buildFilters(q: ListQuery): { ok: true; filters: Filter[] } | { ok: false; error: GraphError } {
  const filters: Filter[] = [];
  const enumFilter = (param: string, raw: string | undefined, allowed: string[], get: (t: TemplateRecord) => string) => {
    const values = list(raw, true);
    if (!values) return undefined;
    const bad = values.find((v) => !allowed.includes(v));
    if (bad) return enumParam(param, allowed, bad);
    filters.push((t) => values.includes(get(t)));
    return undefined;
  };
  const error =
    enumFilter('status', q.status, STATUSES, (t) => t.status) ??
    enumFilter('category', q.category, CATEGORIES, (t) => t.category) ??
    enumFilter('quality_score', q.quality_score, QUALITY, (t) => t.qualityScore);
  if (error) return { ok: false, error };
  const languages = list(q.language, false);
  if (languages) filters.push((t) => languages.includes(t.language));
  if (q.name) filters.push((t) => t.name === q.name);
  const contains = (hay: string, needle: string) => hay.toLocaleLowerCase('tr').includes(needle.toLocaleLowerCase('tr'));
  if (q.content) filters.push((t) => contains(reviewText(t.components), q.content!));
  if (q.name_or_content) {
    filters.push((t) => contains(t.name, q.name_or_content!) || contains(reviewText(t.components), q.name_or_content!));
  }
  return { ok: true, filters };
}

/** `entries` must be newest first (descending `seq`). */
export function listTemplatePage(
  entries: Array<{ seq: number; template: TemplateRecord }>,
  q: ListQuery,
): { ok: true; page: ListPage } | { ok: false; error: GraphError } {
  const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    return { ok: false, error: { code: 100, message: '(#100) Param limit must be a positive integer', details: 'limit must be a positive integer' } };
  }
  const built = buildFilters(q);
  if (!built.ok) return built;
  const matching = entries.filter((e) => built.filters.every((f) => f(e.template)));

  let start = 0;
  let end = Math.min(limit, matching.length);
  if (q.after !== undefined || q.before !== undefined) {
    const seq = decodeCursor((q.after ?? q.before)!);
    if (seq === undefined) return { ok: false, error: graphError(131059) };
    if (q.after !== undefined) {
      start = matching.findIndex((e) => e.seq < seq);
      if (start < 0) start = matching.length;
      end = Math.min(start + limit, matching.length);
    } else {
      end = matching.findIndex((e) => e.seq <= seq);
      if (end < 0) end = matching.length;
      start = Math.max(0, end - limit);
    }
  }
  const slice = matching.slice(start, end);
  return {
    ok: true,
    page: {
      data: slice.map((e) => e.template),
      before: slice[0] ? encodeCursor(slice[0].seq) : undefined,
      after: slice.at(-1) ? encodeCursor(slice.at(-1)!.seq) : undefined,
      hasPrevious: start > 0,
      hasNext: end < matching.length,
    },
  };
}
