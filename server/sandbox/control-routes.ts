/**
 * Test and demo controls under `/sandbox/control` — never part of the Graph surface:
 *
 * | Method + path                                 | Body                                              | Effect |
 * |-----------------------------------------------|---------------------------------------------------|--------|
 * | GET  /info                                    |                                                   | ids, token, display number, fault table |
 * | GET  /settings · POST /settings               | any subset of SandboxSettings                     | read / change switches |
 * | POST /templates/:id/quality                   | `{ score: GREEN\|YELLOW\|RED\|UNKNOWN }`          | quality webhook; RED pauses (3 h, 6 h, DISABLED) |
 * | POST /templates/:id/category-change           | `{ correctCategory, delayMs? }` (24 h default)    | impending then completed `template_category_update` |
 * | POST /templates/:id/review                    | `{ decision: approve\|reject, reason?, category? }` | finish a PENDING review now |
 * | GET  /sent                                    |                                                   | every message the Graph API accepted |
 * | GET  /webhooks?limit=                         |                                                   | webhook deliveries with every attempt |
 *
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { QualityScoreValue, RejectedReason, TemplateCategory } from '../../shared/schemas/template';
import type { SandboxContext } from './context';
import { FAULTS } from './faults';
import { announceCategoryChange, completeReview, restoreTemplateSchedules, setQuality } from './graph/template-lifecycle';
import { apiError, invalidBody, jsonOrEmpty } from './http-errors';
import { SettingsPatch } from './settings';
import { outboundMessages } from './store/messages-store';
import { getTemplate } from './store/templates-store';

const FORCED_FORMAT_REJECTION = {
  reason: 'The template does not follow the formatting guidelines.',
  recommendation: 'Check the variables, their examples and the button settings, then submit the template again.',
};

export const QualityRequest = z.object({ score: QualityScoreValue });
export const CategoryChangeRequest = z.object({ correctCategory: TemplateCategory, delayMs: z.number().nonnegative().optional() });
export const ReviewRequest = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: RejectedReason.optional(),
  category: TemplateCategory.optional(),
});

export function controlRoutes(ctx: SandboxContext) {
  const { db, settings } = ctx;
  return new Hono()
    .get('/info', (c) => c.json({ ...ctx.identity, faults: FAULTS }, 200))
    .get('/settings', (c) => c.json(settings, 200))
    .post('/settings', async (c) => {
      const parsed = SettingsPatch.safeParse(await jsonOrEmpty(c));
      if (!parsed.success) return invalidBody(c, parsed.error);
      const wasPaused = settings.webhooksPaused;
      const wasAutoReview = settings.autoReview;
      Object.assign(settings, parsed.data);
      if (wasPaused && !settings.webhooksPaused) ctx.webhooks.resume();
      if (!wasAutoReview && settings.autoReview) restoreTemplateSchedules(ctx);
      return c.json(settings, 200);
    })
    .post('/templates/:id/quality', async (c) => {
      const t = getTemplate(db, c.req.param('id'));
      if (!t) return apiError(c, 404, 'NOT_FOUND', 'No such template');
      const parsed = QualityRequest.safeParse(await jsonOrEmpty(c));
      if (!parsed.success) return invalidBody(c, parsed.error);
      const updated = setQuality(ctx, t, parsed.data.score);
      return c.json({ id: updated.id, status: updated.status, quality_score: updated.qualityScore, pause_count: updated.pauseCount }, 200);
    })
    .post('/templates/:id/category-change', async (c) => {
      const t = getTemplate(db, c.req.param('id'));
      if (!t) return apiError(c, 404, 'NOT_FOUND', 'No such template');
      const parsed = CategoryChangeRequest.safeParse(await jsonOrEmpty(c));
      if (!parsed.success) return invalidBody(c, parsed.error);
      if (parsed.data.correctCategory === t.category) return apiError(c, 409, 'CONFLICT', `The template is already ${t.category}`);
      announceCategoryChange(ctx, t, parsed.data.correctCategory, parsed.data.delayMs);
      return c.json({ id: t.id, category: t.category, correct_category: t.correctCategory, category_update_at: t.categoryChangeAt }, 200);
    })
    .post('/templates/:id/review', async (c) => {
      const t = getTemplate(db, c.req.param('id'));
      if (!t) return apiError(c, 404, 'NOT_FOUND', 'No such template');
      if (t.status !== 'PENDING') return apiError(c, 409, 'CONFLICT', `The template is ${t.status}, not PENDING`);
      const parsed = ReviewRequest.safeParse(await jsonOrEmpty(c));
      if (!parsed.success) return invalidBody(c, parsed.error);
      const { decision, reason, category } = parsed.data;
      const rejectedFor = decision === 'approve' ? 'NONE' : (reason ?? 'INVALID_FORMAT');
      const done = completeReview(ctx, t.id, {
        status: decision === 'approve' ? 'APPROVED' : 'REJECTED',
        category: category ?? t.category,
        reason: rejectedFor,
        // Meta always explains an INVALID_FORMAT rejection (reference §2.4).
        ...(rejectedFor === 'INVALID_FORMAT' ? { rejectionInfo: FORCED_FORMAT_REJECTION } : {}),
      });
      return c.json({ id: t.id, status: done?.status, category: done?.category, rejected_reason: done?.rejectedReason }, 200);
    })
    .get('/sent', (c) =>
      c.json(
        {
          messages: outboundMessages(db).map((m) => ({
            id: m.id,
            to: m.input,
            wa_id: m.waId,
            type: m.type,
            ...(m.template ? { template: m.template } : {}),
            ...(m.text !== undefined ? { text: m.text } : {}),
            ...(m.bizOpaqueCallbackData !== undefined ? { biz_opaque_callback_data: m.bizOpaqueCallbackData } : {}),
            at: new Date(m.at).toISOString(),
            status: m.status,
          })),
        },
        200,
      ),
    )
    .get('/webhooks', (c) => {
      const limit = Number(c.req.query('limit') ?? 500);
      return c.json({ deliveries: ctx.webhooks.deliveries(Number.isInteger(limit) && limit > 0 ? limit : 500) }, 200);
    });
}
