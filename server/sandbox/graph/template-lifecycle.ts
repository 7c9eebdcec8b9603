/**
 * Template state changes after creation and the webhooks each one sends: review completion,
 * quality changes with Meta's pause ladder (reference §6.5: 1st RED → PAUSED 3 h, 2nd → 6 h,
 * 3rd → DISABLED; auto-unpause when the pause ends) and announced category changes (impending
 * `template_category_update` 24 h ahead, then the completed shape).
 *
 * Due work is derived from the stored template (`reviewAt`, `pausedUntil`, `categoryChangeAt`), so
 * `restoreTemplateSchedules` can rebuild it after a restart.
 *
 * @module
 */
import type { QualityScoreValue, TemplateCategory } from '../../../shared/schemas/template';
import type { SandboxContext } from '../context';
import type { ReviewOutcome, TemplateRecord } from '../store/templates-store';
import { allTemplates, getTemplate, saveTemplate } from '../store/templates-store';
import { unixSeconds } from '../webhooks/envelope';

const HOUR = 3600_000;
export const PAUSE_DURATIONS_MS = [3 * HOUR, 6 * HOUR] as const;
export const CATEGORY_NOTICE_MS = 24 * HOUR;

const templateRef = (t: TemplateRecord) => ({
  message_template_id: Number(t.id),
  message_template_name: t.name,
  message_template_language: t.language,
});

/** A scheduled change and the webhook announcing it are stored together: a crash between them would lose the webhook. */
function atomically(ctx: SandboxContext, run: () => unknown) {
  ctx.db.transaction(run)();
}

export function sendStatusUpdate(ctx: SandboxContext, t: TemplateRecord, event: string, extra: Record<string, unknown> = {}) {
  const value = {
    event,
    ...templateRef(t),
    reason: event === 'REJECTED' ? t.rejectedReason : 'NONE',
    message_template_category: t.category,
    ...extra,
  };
  ctx.webhooks.send([{ field: 'message_template_status_update', value }], { withTime: true });
}

export function scheduleReview(ctx: SandboxContext, t: TemplateRecord) {
  if (t.status !== 'PENDING' || t.reviewAt === undefined || !ctx.settings.autoReview) return;
  ctx.scheduler.at(t.reviewAt, () => atomically(ctx, () => completeReview(ctx, t.id)), `review:${t.id}`);
}

/** Applies a review outcome to a PENDING template (scheduled, or forced through the control API). */
export function completeReview(ctx: SandboxContext, id: string, override?: ReviewOutcome): TemplateRecord | undefined {
  const t = getTemplate(ctx.db, id);
  if (!t || t.status !== 'PENDING') return undefined;
  const outcome = override ?? t.reviewOutcome ?? { status: 'APPROVED', category: t.category, reason: 'NONE' };
  ctx.scheduler.cancel(`review:${id}`);
  if (outcome.category !== t.category) t.previousCategory = t.category;
  t.status = outcome.status;
  t.category = outcome.category;
  t.rejectedReason = outcome.status === 'REJECTED' ? outcome.reason : 'NONE';
  t.rejectionInfo = outcome.rejectionInfo;
  t.everApproved ||= outcome.status === 'APPROVED';
  t.reviewAt = undefined;
  t.reviewOutcome = undefined;
  t.qualityScore = 'UNKNOWN';
  t.qualityDate = ctx.clock.now();
  t.updatedAt = ctx.clock.now();
  saveTemplate(ctx.db, t);
  sendStatusUpdate(ctx, t, t.status, t.rejectionInfo ? { rejection_info: t.rejectionInfo } : {});
  return t;
}

/** Sets the quality score; RED on an approved template walks the pause ladder. */
export function setQuality(ctx: SandboxContext, t: TemplateRecord, score: QualityScoreValue): TemplateRecord {
  const previous = t.qualityScore;
  t.qualityScore = score;
  t.qualityDate = ctx.clock.now();
  saveTemplate(ctx.db, t);
  if (previous !== score) {
    ctx.webhooks.send(
      [{ field: 'message_template_quality_update', value: { previous_quality_score: previous, new_quality_score: score, ...templateRef(t) } }],
      { withTime: true },
    );
  }
  if (score === 'RED' && t.status === 'APPROVED') pauseForQuality(ctx, t);
  return t;
}

function pauseForQuality(ctx: SandboxContext, t: TemplateRecord) {
  const now = ctx.clock.now();
  t.pauseCount += 1;
  const duration = PAUSE_DURATIONS_MS[t.pauseCount - 1];
  if (duration === undefined) {
    t.status = 'DISABLED';
    t.pausedUntil = undefined;
    saveTemplate(ctx.db, t);
    sendStatusUpdate(ctx, t, 'DISABLED', {
      disable_info: { disable_date: unixSeconds(now) },
      other_info: { title: 'DISABLED', description: 'Your template has been disabled because it was paused too many times due to low quality.' },
    });
    return;
  }
  t.status = 'PAUSED';
  t.pausedUntil = now + duration;
  saveTemplate(ctx.db, t);
  const first = t.pauseCount === 1;
  sendStatusUpdate(ctx, t, 'PAUSED', {
    other_info: {
      title: first ? 'FIRST_PAUSE' : 'SECOND_PAUSE',
      description: `Your template has been paused for ${duration / HOUR} hours due to low quality.`,
    },
  });
  scheduleUnpause(ctx, t);
}

function scheduleUnpause(ctx: SandboxContext, t: TemplateRecord) {
  if (t.status !== 'PAUSED' || t.pausedUntil === undefined) return;
  ctx.scheduler.at(t.pausedUntil, () => atomically(ctx, () => unpause(ctx, t.id)), `unpause:${t.id}`);
}

function unpause(ctx: SandboxContext, id: string) {
  const t = getTemplate(ctx.db, id);
  if (!t || t.status !== 'PAUSED') return;
  t.status = 'APPROVED';
  t.pausedUntil = undefined;
  t.updatedAt = ctx.clock.now();
  saveTemplate(ctx.db, t);
  sendStatusUpdate(ctx, t, 'APPROVED', {
    other_info: { title: 'UNPAUSE', description: 'Your template has been unpaused and can be sent again.' },
  });
}

/** Announces that `t` will become `correct` after `delayMs` (24 h by default), or changes it now (0). */
export function announceCategoryChange(ctx: SandboxContext, t: TemplateRecord, correct: TemplateCategory, delayMs = CATEGORY_NOTICE_MS) {
  const at = ctx.clock.now() + delayMs;
  t.correctCategory = correct;
  t.categoryChangeAt = at;
  saveTemplate(ctx.db, t);
  if (delayMs > 0) {
    ctx.webhooks.send(
      [
        {
          field: 'template_category_update',
          value: { ...templateRef(t), new_category: t.category, correct_category: correct, category_update_timestamp: unixSeconds(at) },
        },
      ],
      { withTime: true },
    );
  }
  scheduleCategoryChange(ctx, t);
}

function scheduleCategoryChange(ctx: SandboxContext, t: TemplateRecord) {
  if (t.categoryChangeAt === undefined) return;
  ctx.scheduler.at(t.categoryChangeAt, () => atomically(ctx, () => completeCategoryChange(ctx, t.id)), `category:${t.id}`);
}

function completeCategoryChange(ctx: SandboxContext, id: string) {
  const t = getTemplate(ctx.db, id);
  if (!t || !t.correctCategory) return;
  const previous = t.category;
  t.previousCategory = previous;
  t.category = t.correctCategory;
  t.correctCategory = undefined;
  t.categoryChangeAt = undefined;
  // Automatic recategorisation clears a custom time-to-live (reference §6.9).
  t.messageSendTtlSeconds = undefined;
  t.updatedAt = ctx.clock.now();
  saveTemplate(ctx.db, t);
  ctx.webhooks.send(
    [{ field: 'template_category_update', value: { ...templateRef(t), previous_category: previous, new_category: t.category } }],
    { withTime: true },
  );
}

export function cancelTemplateSchedules(ctx: SandboxContext, id: string) {
  for (const kind of ['review', 'unpause', 'category']) ctx.scheduler.cancel(`${kind}:${id}`);
}

/** Re-arms reviews, unpauses and category changes stored in the sandbox file (after a restart). */
export function restoreTemplateSchedules(ctx: SandboxContext) {
  for (const { template } of allTemplates(ctx.db)) {
    scheduleReview(ctx, template);
    scheduleUnpause(ctx, template);
    scheduleCategoryChange(ctx, template);
  }
}
