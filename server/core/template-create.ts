/**
 * Admin template creation: draft → lint → submit to Meta (`deps.whatsapp.createTemplate`, the only
 * way out) → the template store. Meta's review outcome then arrives by the template webhooks the
 * server already handles (`template.changed` live events, and alerts when it is rejected).
 *
 * The linter runs first and blocks what Meta would refuse (errors). Warnings — wording that makes
 * Meta file a UTILITY draft as MARKETING — block too unless the admin accepts them, because a
 * MARKETING template is something Köprü will not send.
 * @module
 */
import type { LintResult } from '../../shared/schemas/lint';
import { Template, TemplateDraft } from '../../shared/schemas/template';
import { err, ok, type Result } from '../../shared/result';
import { lintTemplate } from '../../shared/templates/lint-template';
import { getTemplate, upsertTemplate, type StoredTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import { ApiError, issueDetails } from '../errors';
import { appendAudit } from './audit';
import { reasonFor } from './outbox';

export type CreateTemplateInput = { draft: unknown; acceptWarnings: boolean };
export type CreatedTemplate = { stored: StoredTemplate; lint: LintResult };

export async function createTemplate(deps: Deps, agentId: string, input: CreateTemplateInput): Promise<Result<CreatedTemplate, ApiError>> {
  const lint = lintTemplate(input.draft);
  const errors = lint.findings.filter((f) => f.severity === 'error');
  if (errors.length) return err(new ApiError('VALIDATION_FAILED', 'The draft breaks WhatsApp\'s template rules; fix the errors first.', { lint }));
  const parsed = TemplateDraft.safeParse(input.draft);
  if (!parsed.success) return err(new ApiError('VALIDATION_FAILED', 'The draft is not a template.', issueDetails(parsed.error.issues)));
  const draft = parsed.data;
  const warnings = lint.findings.filter((f) => f.severity === 'warning');
  if (warnings.length && !input.acceptWarnings) {
    const hint = lint.category !== draft.category ? ` Meta is likely to file it as ${lint.category}.` : '';
    return err(new ApiError('VALIDATION_FAILED', `Check the warnings, then submit again with acceptWarnings.${hint}`, { lint }));
  }
  if (getTemplate(deps.db, draft.name, draft.language)) {
    return err(new ApiError('CONFLICT', `A template "${draft.name}" in "${draft.language}" already exists; choose another name or edit it in WhatsApp Manager.`));
  }

  const created = await deps.whatsapp.createTemplate(draft);
  if (!created.ok) {
    const e = created.error;
    const details = { meta: { code: e.code, message: reasonFor(e) } };
    // Meta refusing the draft is the draft's problem; anything else is Meta's (or the network's).
    if (e.kind === 'graph' && !e.retryable && (e.httpStatus ?? 500) < 500) {
      return err(new ApiError('VALIDATION_FAILED', `WhatsApp refused the template: ${reasonFor(e)}`, details));
    }
    return err(new ApiError('UPSTREAM_ERROR', `The template could not be submitted to WhatsApp: ${reasonFor(e)}`, details));
  }

  const now = deps.clock.now();
  const template = Template.parse({ ...draft, id: created.value.id, status: created.value.status, category: created.value.category });
  // A review webhook can beat this answer; never overwrite what it said.
  if (!getTemplate(deps.db, template.name, template.language)) upsertTemplate(deps.db, template, now);
  const stored = getTemplate(deps.db, template.name, template.language)!;
  appendAudit(deps.db, {
    action: 'template.create',
    actor: { id: agentId, kind: 'admin' },
    at: now,
    target: `template:${template.name}/${template.language}`,
    details: {
      templateId: template.id,
      requestedCategory: draft.category,
      category: created.value.category,
      status: created.value.status,
      lintCategory: lint.category,
      warnings: warnings.map((w) => w.rule),
    },
  });
  const t = stored.template;
  deps.events.publish({ type: 'template.changed', templateId: t.id, name: t.name, language: t.language, status: t.status, category: t.category, at: now });
  return ok({ stored, lint });
}
