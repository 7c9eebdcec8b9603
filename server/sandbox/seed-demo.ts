/**
 * Puts the demo templates into an empty sandbox, through the same creation checks a client's
 * drafts go through, so a demo template can never be something Meta would refuse.
 *
 * @module
 */
import type { SandboxContext } from './context';
import { DEMO_TEMPLATES } from './demo-templates';
import { PAUSE_DURATIONS_MS } from './graph/template-lifecycle';
import { validateTemplateDraft } from './graph/template-validation';
import { countTemplates, insertTemplate, newTemplateId } from './store/templates-store';

export function seedDemoTemplates(ctx: SandboxContext): number {
  if (countTemplates(ctx.db) > 0) return 0;
  const now = ctx.clock.now();
  for (const demo of DEMO_TEMPLATES) {
    const checked = validateTemplateDraft(demo.draft);
    if (!checked.ok) throw new Error(`demo template ${String(demo.draft.name)} is invalid: ${checked.error.details}`);
    const d = checked.value;
    const status = demo.status ?? 'APPROVED';
    insertTemplate(ctx.db, {
      id: newTemplateId(ctx.db),
      name: d.name,
      language: d.language,
      status,
      category: d.category,
      parameterFormat: d.parameterFormat,
      components: d.components,
      qualityScore: demo.quality ?? (status === 'APPROVED' ? 'GREEN' : 'UNKNOWN'),
      qualityDate: now,
      rejectedReason: demo.rejectedReason ?? 'NONE',
      everApproved: status !== 'REJECTED',
      pauseCount: status === 'PAUSED' ? 1 : 0,
      ...(status === 'PAUSED' ? { pausedUntil: now + PAUSE_DURATIONS_MS[0] } : {}),
      approvedEdits: [],
      createdAt: now,
      updatedAt: now,
    });
  }
  return DEMO_TEMPLATES.length;
}
