/**
 * Template management on the Graph surface: list, create and delete under
 * `/{waba}/message_templates`, read and edit under `/{template_id}` (reference §1.3–§1.7).
 *
 * @module
 */
import { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { respondGraphError, unknownObjectError } from '../graph-errors';
import type { TemplateRecord } from '../store/templates-store';
import {
  allTemplates, countTemplates, deleteTemplateRow, findTemplate, getTemplate, insertTemplate, isNameBlocked,
  newTemplateId, templatesNamed,
} from '../store/templates-store';
import { createError, requiredParam, SUBCODE } from './create-errors';
import { readJsonBody, VERSION } from './graph-request';
import { editTemplate } from './template-edit';
import { parseFields, serializeTemplate } from './template-fields';
import { cancelTemplateSchedules, scheduleReview, sendStatusUpdate } from './template-lifecycle';
import type { ListQuery } from './template-listing';
import { listTemplatePage } from './template-listing';
import { judgeTemplate } from './template-review';
import { validateTemplateDraft } from './template-validation';

/** Meta's cap for a WABA whose business is not verified (reference §0). */
const TEMPLATE_CAP = 250;

export function templatesRoutes(ctx: SandboxContext) {
  const { db, identity } = ctx;
  return new Hono()
    .get(`/${VERSION}/:nodeId/message_templates`, (c) => {
      const nodeId = c.req.param('nodeId');
      if (nodeId !== identity.wabaId) return respondGraphError(c, unknownObjectError('get', nodeId));
      const fields = parseFields(c.req.query('fields'));
      if (!fields.ok) return respondGraphError(c, fields.error);
      const query = c.req.query() as ListQuery;
      const listed = listTemplatePage(allTemplates(db), query);
      if (!listed.ok) return respondGraphError(c, listed.error);
      const { page } = listed;
      const link = (param: 'after' | 'before', cursor: string) => {
        const url = new URL(c.req.url);
        url.searchParams.delete('after');
        url.searchParams.delete('before');
        url.searchParams.set(param, cursor);
        return url.toString();
      };
      const paging: Record<string, unknown> = {
        cursors: page.before && page.after ? { before: page.before, after: page.after } : {},
      };
      if (page.hasNext && page.after) paging.next = link('after', page.after);
      if (page.hasPrevious && page.before) paging.previous = link('before', page.before);
      return c.json({ data: page.data.map((t) => serializeTemplate(t, fields.fields)), paging }, 200);
    })
    .post(`/${VERSION}/:nodeId/message_templates`, async (c) => {
      const nodeId = c.req.param('nodeId');
      if (nodeId !== identity.wabaId) return respondGraphError(c, unknownObjectError('post', nodeId));
      const checked = validateTemplateDraft(await readJsonBody(c));
      if (!checked.ok) return respondGraphError(c, checked.error);
      const draft = checked.value;
      const now = ctx.clock.now();
      if (findTemplate(db, draft.name, draft.language)) {
        return respondGraphError(
          c,
          createError(SUBCODE.ALREADY_EXISTS, 'Message template already exists', `There is already ${draft.language} content for the template ${draft.name}. Create a new template name or edit the existing one.`),
        );
      }
      if (isNameBlocked(db, draft.name, draft.language, now)) {
        return respondGraphError(
          c,
          createError(SUBCODE.ALREADY_EXISTS, 'Template name is being deleted', `${draft.language} content for ${draft.name} is being deleted. Try again in 30 days or use a different name.`),
        );
      }
      if (countTemplates(db) >= TEMPLATE_CAP) {
        return respondGraphError(c, createError(SUBCODE.TEMPLATE_LIMIT, 'Template limit reached', `This WhatsApp Business Account already has ${TEMPLATE_CAP} templates.`));
      }
      const template: TemplateRecord = {
        id: newTemplateId(db),
        name: draft.name,
        language: draft.language,
        status: 'PENDING',
        category: draft.category,
        subCategory: draft.subCategory,
        parameterFormat: draft.parameterFormat,
        components: draft.components,
        qualityScore: 'UNKNOWN',
        qualityDate: now,
        rejectedReason: 'NONE',
        messageSendTtlSeconds: draft.messageSendTtlSeconds,
        everApproved: false,
        pauseCount: 0,
        reviewAt: now + ctx.settings.reviewDelayMs,
        reviewOutcome: judgeTemplate(draft),
        approvedEdits: [],
        createdAt: now,
        updatedAt: now,
      };
      insertTemplate(db, template);
      scheduleReview(ctx, template);
      return c.json({ id: template.id, status: template.status, category: template.category }, 200);
    })
    .delete(`/${VERSION}/:nodeId/message_templates`, (c) => {
      const nodeId = c.req.param('nodeId');
      if (nodeId !== identity.wabaId) return respondGraphError(c, unknownObjectError('delete', nodeId));
      const name = c.req.query('name');
      const hsmId = c.req.query('hsm_id');
      if (!name) return respondGraphError(c, requiredParam('name'));
      const targets = templatesNamed(db, name).filter((t) => hsmId === undefined || t.id === hsmId);
      if (targets.length === 0) {
        const what = hsmId ? `with id ${hsmId} and name ${name}` : `named ${name}`;
        return respondGraphError(c, createError(undefined, 'Message template not found', `There is no message template ${what}.`));
      }
      if (targets.some((t) => t.status === 'DISABLED')) {
        return respondGraphError(c, createError(undefined, 'Template is disabled', 'Disabled templates can’t be deleted.'));
      }
      for (const t of targets) {
        cancelTemplateSchedules(ctx, t.id);
        deleteTemplateRow(db, t, ctx.clock.now(), t.everApproved);
        sendStatusUpdate(ctx, t, 'DELETED');
      }
      return c.json({ success: true }, 200);
    })
    .get(`/${VERSION}/:nodeId`, (c, next) => {
      const t = getTemplate(db, c.req.param('nodeId'));
      if (!t) return next();
      const fields = parseFields(c.req.query('fields'));
      if (!fields.ok) return respondGraphError(c, fields.error);
      return c.json(serializeTemplate(t, fields.fields), 200);
    })
    .post(`/${VERSION}/:nodeId`, async (c, next) => {
      const t = getTemplate(db, c.req.param('nodeId'));
      if (!t) return next();
      const error = editTemplate(ctx, t, await readJsonBody(c));
      if (error) return respondGraphError(c, error);
      return c.json({ success: true }, 200);
    });
}
