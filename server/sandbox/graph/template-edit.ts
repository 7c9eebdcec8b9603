/**
 * `POST /{template_id}` (reference §1.6): only APPROVED, REJECTED and PAUSED templates are
 * editable (in review → 2388039); components are replaced wholesale; an approved template's
 * category is fixed; approved templates allow 1 edit per 24 h and 10 per 30 days; a content or
 * category edit sends the template back to review (PENDING).
 *
 * @module
 */
import type { ParameterFormat, TemplateCategory } from '../../../shared/schemas/template';
import type { SandboxContext } from '../context';
import type { GraphError } from '../graph-errors';
import type { TemplateRecord } from '../store/templates-store';
import { saveTemplate } from '../store/templates-store';
import { createError, enumParam, SUBCODE } from './create-errors';
import { cancelTemplateSchedules, scheduleReview, sendStatusUpdate } from './template-lifecycle';
import { judgeTemplate } from './template-review';
import { checkComponents } from './template-validation';

const DAY = 24 * 3600_000;
const EDITABLE = ['APPROVED', 'REJECTED', 'PAUSED'];
const CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'] as const;

export function editTemplate(ctx: SandboxContext, t: TemplateRecord, input: unknown): GraphError | undefined {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  if (!EDITABLE.includes(t.status)) {
    return createError(
      SUBCODE.STATUS_LOCKED,
      'Template can’t be edited',
      t.status === 'PENDING'
        ? 'This template is still in review. You can edit it after the review is complete.'
        : `Templates with status ${t.status} can’t be edited.`,
    );
  }
  const now = ctx.clock.now();
  let category = t.category;
  if (body.category !== undefined) {
    const upper = typeof body.category === 'string' ? body.category.toUpperCase() : '';
    if (!(CATEGORIES as readonly string[]).includes(upper)) return enumParam('category', CATEGORIES, body.category);
    category = upper as TemplateCategory;
    if (category !== t.category && t.everApproved && t.status !== 'REJECTED') {
      return createError(undefined, 'Category can’t be changed', 'The category of an approved template can’t be edited. Create a new template instead.');
    }
  }
  const contentChange = body.components !== undefined || category !== t.category;
  if (contentChange && t.status === 'APPROVED') {
    const recent = t.approvedEdits.filter((at) => at > now - 30 * DAY);
    if (recent.some((at) => at > now - DAY)) {
      return createError(undefined, 'Edit limit reached', 'An approved template can be edited once every 24 hours.');
    }
    if (recent.length >= 10) return createError(undefined, 'Edit limit reached', 'An approved template can be edited 10 times in 30 days.');
  }
  let components = t.components;
  if (body.components !== undefined) {
    const format = typeof body.parameter_format === 'string' ? (body.parameter_format.toUpperCase() as ParameterFormat) : t.parameterFormat;
    const checked = checkComponents(body.components, format);
    if (!checked.ok) return checked.error;
    components = checked.value;
    t.parameterFormat = format;
  }
  const ttl = body.message_send_ttl_seconds;
  if (ttl !== undefined) {
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || (ttl !== -1 && (ttl < 30 || ttl > 43_200))) {
      return createError(undefined, 'Invalid TTL', 'message_send_ttl_seconds must be between 30 and 43,200 seconds (or -1).');
    }
    t.messageSendTtlSeconds = ttl;
  }
  if (contentChange) {
    if (t.status === 'APPROVED') t.approvedEdits = [...t.approvedEdits.filter((at) => at > now - 30 * DAY), now];
    cancelTemplateSchedules(ctx, t.id);
    t.components = components;
    t.category = category;
    t.status = 'PENDING';
    t.pausedUntil = undefined;
    t.rejectedReason = 'NONE';
    t.rejectionInfo = undefined;
    t.reviewAt = now + ctx.settings.reviewDelayMs;
    t.reviewOutcome = judgeTemplate({ category, components });
  }
  t.updatedAt = now;
  saveTemplate(ctx.db, t);
  if (contentChange) {
    sendStatusUpdate(ctx, t, 'PENDING');
    scheduleReview(ctx, t);
  }
  return undefined;
}
