/**
 * The template object as Graph returns it: only the requested `fields` (plus `id`), in Meta's shape
 * (`quality_score: { score, date }`, upper-case components, string id).
 *
 * @module
 */
import type { GraphError } from '../graph-errors';
import type { TemplateRecord } from '../store/templates-store';
import { unixSeconds } from '../webhooks/envelope';

export const TEMPLATE_FIELDS = [
  'id', 'name', 'language', 'status', 'category', 'components', 'parameter_format', 'sub_category',
  'previous_category', 'correct_category', 'quality_score', 'rejected_reason', 'message_send_ttl_seconds',
  'cta_url_link_tracking_opted_out', 'library_template_name',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** Meta's default set (reference §1.3); `sub_category` joins it when set. */
export const DEFAULT_TEMPLATE_FIELDS: TemplateField[] = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id'];

export function parseFields(raw: string | undefined): { ok: true; fields: TemplateField[] | null } | { ok: false; error: GraphError } {
  if (raw === undefined || raw.trim() === '') return { ok: true, fields: null };
  // `components{type,text}`-style sub-selections are accepted and read as the whole field.
  const names = raw.replace(/\{[^}]*\}/g, '').split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = names.find((n) => !(TEMPLATE_FIELDS as readonly string[]).includes(n));
  if (unknown) {
    const msg = `Tried accessing nonexisting field (${unknown}) on node type (WhatsAppMessageTemplate)`;
    return { ok: false, error: { code: 100, message: `(#100) ${msg}`, details: msg } };
  }
  return { ok: true, fields: names as TemplateField[] };
}

function fieldValue(t: TemplateRecord, field: TemplateField): unknown {
  switch (field) {
    case 'id': return t.id;
    case 'name': return t.name;
    case 'language': return t.language;
    case 'status': return t.status;
    case 'category': return t.category;
    case 'components': return t.components;
    case 'parameter_format': return t.parameterFormat;
    case 'sub_category': return t.subCategory;
    case 'previous_category': return t.previousCategory;
    case 'correct_category': return t.correctCategory;
    case 'quality_score': return { score: t.qualityScore, date: unixSeconds(t.qualityDate) };
    case 'rejected_reason': return t.rejectedReason;
    case 'message_send_ttl_seconds': return t.messageSendTtlSeconds;
    case 'cta_url_link_tracking_opted_out': return false;
    case 'library_template_name': return undefined;
  }
}

/** Requested fields in request order, `id` always and last (as Meta prints it); unset fields omitted. */
export function serializeTemplate(t: TemplateRecord, requested: TemplateField[] | null): Record<string, unknown> {
  const fields = requested ?? [...DEFAULT_TEMPLATE_FIELDS.filter((f) => f !== 'id'), ...(t.subCategory ? ['sub_category' as const] : []), 'id'];
  const ordered = [...fields.filter((f) => f !== 'id'), 'id' as const];
  const out: Record<string, unknown> = {};
  for (const field of ordered) {
    const value = fieldValue(t, field);
    if (value !== undefined) out[field] = value;
  }
  return out;
}
