/**
 * Template health: turns Meta's template webhooks into alerts for the panel (and audit entries).
 * Called once from the webhook path (`applyTemplateChange` in webhook-events.ts) after the template
 * store has been updated, with the raw webhook value and the stored template (null when we do not
 * know the template yet).
 *
 * - Raised: rejected, paused, disabled, a quality drop (GREEN → YELLOW → RED), and a category change
 *   from UTILITY to MARKETING, announced (with the date it takes effect) or completed.
 * - Closed by later events: approval/unpause/reinstatement closes pause, disable and rejection
 *   alerts; resubmission (PENDING) closes a rejection; a better quality score closes quality drops;
 *   the completed change closes its announcement.
 * - Meta delivers webhooks at least once: an alert is not raised again while one with the same key
 *   for that template is still open.
 * Each raised or closed alert is published as an `alert` live event. Never throws: alerting must not
 * break webhook processing.
 * @module
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Alert, AlertKind } from '../../shared/schemas/alert';
import { lintTemplate } from '../../shared/templates/lint-template';
import { hasOpenAlert, insertAlert, openAlertsOf, resolveAlert } from '../db/alerts-repo';
import type { StoredTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import { appendAudit } from './audit';
import { CATEGORY_REVIEW_WINDOW_MS, categoryChangeMessage, categoryCost, rejectionAdvice } from './template-advice';

const Ref = { message_template_id: z.union([z.number(), z.string()]).transform(String), message_template_name: z.string(), message_template_language: z.string() };
const StatusValue = z.looseObject({
  ...Ref,
  event: z.string(),
  reason: z.string().nullable().optional(),
  other_info: z.looseObject({ title: z.string().optional() }).optional(),
  rejection_info: z.looseObject({ reason: z.string().optional(), recommendation: z.string().optional() }).optional(),
});
const CategoryValue = z.looseObject({
  ...Ref,
  new_category: z.string().optional(),
  previous_category: z.string().optional(),
  correct_category: z.string().optional(),
  category_update_timestamp: z.number().optional(),
});
const QualityValue = z.looseObject({ ...Ref, new_quality_score: z.string(), previous_quality_score: z.string().optional() });

type Draft = { alert: Alert; key: string };
type Plan = { raise: Draft[]; resolve: { kinds: AlertKind[]; when?: (a: Alert) => boolean } | null; audit: { action: 'template.status' | 'template.category' | 'template.quality'; details: Record<string, unknown> } | null };

const QUALITY_RANK: Record<string, number> = { GREEN: 3, UNKNOWN: 3, YELLOW: 2, RED: 1 };
const rank = (score: string | null | undefined) => QUALITY_RANK[(score ?? 'UNKNOWN').toUpperCase()] ?? 3;

export function noteTemplateEvent(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'events' | 'log'>, field: string, value: unknown, stored: StoredTemplate | null): void {
  try {
    const now = deps.clock.now();
    const plan = planFor(deps, field, value, stored, now);
    if (!plan) return;
    const { db } = deps;
    const ref = templateRef(value);
    const published = db.transaction(() => {
      const out: Alert[] = [];
      if (plan.audit && ref) {
        appendAudit(db, { action: plan.audit.action, actor: { id: null, kind: 'meta' }, at: now, target: `template:${ref.name}/${ref.language}`, details: { templateId: ref.id, ...plan.audit.details } });
      }
      if (plan.resolve && ref) {
        for (const a of openAlertsOf(db, ref.id, plan.resolve.kinds)) {
          if (plan.resolve.when && !plan.resolve.when(a)) continue;
          const closed = resolveAlert(db, a.id, now);
          if (closed) out.push(closed);
        }
      }
      for (const d of plan.raise) {
        if (hasOpenAlert(db, d.alert.template.id, d.key)) continue;
        insertAlert(db, d.alert, d.key);
        out.push(d.alert);
      }
      return out;
    })();
    for (const alert of published) deps.events.publish({ type: 'alert', alert, at: now });
  } catch (error) {
    deps.log.error('template alert could not be recorded', { field, error });
  }
}

function templateRef(value: unknown): Alert['template'] | null {
  const v = z.looseObject(Ref).safeParse(value);
  return v.success ? { id: v.data.message_template_id, name: v.data.message_template_name, language: v.data.message_template_language } : null;
}

function planFor(deps: Pick<Deps, 'config'>, field: string, value: unknown, stored: StoredTemplate | null, now: number): Plan | null {
  const template = templateRef(value);
  if (!template) return null;
  const base = { id: `alr_${randomUUID()}`, template, at: now, resolvedAt: null };
  switch (field) {
    case 'message_template_status_update': {
      const v = StatusValue.safeParse(value);
      if (!v.success) return null;
      const event = v.data.event.toUpperCase();
      const title = v.data.other_info?.title?.toUpperCase() ?? null;
      const audit = { action: 'template.status' as const, details: { event, reason: v.data.reason ?? null, title } };
      if (event === 'APPROVED' || event === 'REINSTATED' || event === 'UNARCHIVED' || title === 'UNPAUSE') {
        return { raise: [], resolve: { kinds: ['paused', 'disabled', 'rejected'] }, audit };
      }
      if (event === 'PENDING' || event === 'IN_APPEAL') return { raise: [], resolve: { kinds: ['rejected'] }, audit };
      if (event === 'REJECTED') {
        const reason = v.data.reason && v.data.reason !== 'NONE' ? v.data.reason : null;
        const metaReason = v.data.rejection_info?.reason ?? null;
        const metaRecommendation = v.data.rejection_info?.recommendation ?? null;
        const findings = stored ? lintTemplate(stored.template).findings : [];
        const advice = rejectionAdvice(reason, metaRecommendation);
        const message = `Meta rejected "${template.name}" (${template.language})${reason ? ` as ${reason}` : ''}${metaReason ? `: ${metaReason}` : '.'} ${advice}`;
        const alert: Alert = { ...base, kind: 'rejected', severity: 'warning', message, reason, metaReason, metaRecommendation, advice, findings };
        return { raise: [{ alert, key: `rejected:${reason ?? ''}` }], resolve: null, audit };
      }
      if (event === 'PAUSED') {
        const pausedUntil = stored?.pausedUntil ?? null;
        const until = pausedUntil ? ` until ${new Date(pausedUntil).toISOString()}` : ' until Meta unpauses it';
        const message = `Meta paused "${template.name}" (${template.language})${until} because customers reacted badly to it (low quality). Sends are refused meanwhile; check what it says and whom it goes to.`;
        const alert: Alert = { ...base, kind: 'paused', severity: 'critical', message, pausedUntil, pause: title };
        return { raise: [{ alert, key: `paused:${title ?? ''}` }], resolve: null, audit };
      }
      if (event === 'DISABLED') {
        const message = `Meta disabled "${template.name}" (${template.language}) for good after repeated low-quality pauses. Create a new, clearer template; this one can no longer be sent.`;
        const alert: Alert = { ...base, kind: 'disabled', severity: 'critical', message };
        return { raise: [{ alert, key: 'disabled' }], resolve: { kinds: ['paused'] }, audit };
      }
      return { raise: [], resolve: null, audit };
    }
    case 'message_template_quality_update': {
      const v = QualityValue.safeParse(value);
      if (!v.success) return null;
      const current = v.data.new_quality_score.toUpperCase();
      const previous = v.data.previous_quality_score?.toUpperCase() ?? null;
      const audit = { action: 'template.quality' as const, details: { previous, current } };
      // A better score closes the drops it has recovered from.
      const resolve = { kinds: ['quality_drop'] as AlertKind[], when: (a: Alert) => a.kind === 'quality_drop' && rank(current) > rank(a.current) };
      if (rank(current) >= rank(previous)) return { raise: [], resolve, audit };
      const message = `The quality of "${template.name}" (${template.language}) dropped from ${previous ?? 'UNKNOWN'} to ${current}: customers are blocking, reporting or ignoring it.${current === 'RED' ? ' Meta pauses RED templates (3 h, then 6 h, then disables them).' : ''}`;
      const alert: Alert = { ...base, kind: 'quality_drop', severity: current === 'RED' ? 'critical' : 'warning', message, previous, current };
      return { raise: [{ alert, key: `quality:${current}` }], resolve, audit };
    }
    case 'template_category_update': {
      const v = CategoryValue.safeParse(value);
      if (!v.success) return null;
      const d = v.data;
      const audit = { action: 'template.category' as const, details: { previous: d.previous_category ?? null, current: d.new_category ?? null, correct: d.correct_category ?? null } };
      const cost = categoryCost(deps.config);
      if (d.previous_category) {
        const from = d.previous_category.toUpperCase();
        const to = (d.new_category ?? '').toUpperCase();
        if (from !== 'UTILITY' || to !== 'MARKETING') return { raise: [], resolve: { kinds: ['category_change_announced'] }, audit };
        const reviewDeadline = now + CATEGORY_REVIEW_WINDOW_MS;
        const message = categoryChangeMessage(template.name, to, cost, 'completed', reviewDeadline);
        const alert: Alert = { ...base, kind: 'category_change_completed', severity: 'critical', message, from, to, reviewDeadline, cost };
        return { raise: [{ alert, key: `category:${from}>${to}` }], resolve: { kinds: ['category_change_announced'] }, audit };
      }
      const from = (d.new_category ?? stored?.template.category ?? '').toUpperCase();
      const to = (d.correct_category ?? '').toUpperCase();
      if (from !== 'UTILITY' || to !== 'MARKETING') return { raise: [], resolve: null, audit };
      const effectiveAt = d.category_update_timestamp !== undefined ? d.category_update_timestamp * 1000 : null;
      const reviewDeadline = (effectiveAt ?? now) + CATEGORY_REVIEW_WINDOW_MS;
      const message = categoryChangeMessage(template.name, to, cost, 'announced', reviewDeadline);
      const alert: Alert = { ...base, kind: 'category_change_announced', severity: 'warning', message, from, to, effectiveAt, reviewDeadline, cost };
      return { raise: [{ alert, key: `announced:${from}>${to}` }], resolve: null, audit };
    }
    default:
      return null;
  }
}

/** An admin closes an alert by hand (Meta may never send the event that would). */
export function dismissAlert(deps: Pick<Deps, 'db' | 'clock' | 'events'>, id: string, agentId: string): Alert | null {
  const now = deps.clock.now();
  const closed = deps.db.transaction(() => {
    const a = resolveAlert(deps.db, id, now);
    if (a) appendAudit(deps.db, { action: 'alert.dismiss', actor: { id: agentId, kind: 'admin' }, at: now, target: id, details: { kind: a.kind, templateId: a.template.id } });
    return a;
  })();
  if (closed) deps.events.publish({ type: 'alert', alert: closed, at: now });
  return closed;
}
