/**
 * Template health alerts (`GET /api/alerts`, live `alert` events): what Meta did to a template and
 * what it means for the people sending it. Raised from Meta's template webhooks (reference §5.6):
 * rejected (with Meta's reason and what to change), paused (until when), disabled, a quality drop,
 * and a category change from UTILITY to MARKETING announced or completed (with the 60-day window to
 * ask for a review, §6.4, and what it does to cost and consent).
 *
 * `message` is an English summary for API clients; the panel translates by `kind` and the fields.
 * @module
 */
import * as z from 'zod';
import { LintFinding } from './lint';

export const AlertKind = z.enum(['rejected', 'paused', 'disabled', 'quality_drop', 'category_change_announced', 'category_change_completed']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSeverity = z.enum(['critical', 'warning']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const AlertTemplate = z.object({ id: z.string(), name: z.string(), language: z.string() });

/** Per delivered message in the default market, before and after a change to MARKETING. */
export const CategoryCost = z.object({ currency: z.literal('USD'), market: z.string(), utility: z.number(), marketing: z.number() });
export type CategoryCost = z.infer<typeof CategoryCost>;

const base = {
  id: z.string(),
  template: AlertTemplate,
  severity: AlertSeverity,
  message: z.string(),
  at: z.number(),
  /** When a later event (approval, unpause, better quality) or an admin closed it. */
  resolvedAt: z.number().nullable(),
};

const CategoryChange = {
  from: z.string(),
  to: z.string(),
  /** Last day to ask Meta for a category review: 60 days after the change (reference §6.4). */
  reviewDeadline: z.number(),
  cost: CategoryCost,
};

export const Alert = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('rejected'),
    /** Meta's code: PROMOTIONAL, INVALID_FORMAT, INCORRECT_CATEGORY, … */
    reason: z.string().nullable(),
    /** Meta's `rejection_info` (INVALID_FORMAT rejections carry one). */
    metaReason: z.string().nullable(),
    metaRecommendation: z.string().nullable(),
    /** What to change, in English (the panel has its own words per `reason`). */
    advice: z.string(),
    /** The pre-submission linter run on the rejected text: the concrete spots to fix. */
    findings: z.array(LintFinding),
  }),
  z.object({ ...base, kind: z.literal('paused'), pausedUntil: z.number().nullable(), pause: z.string().nullable() }),
  z.object({ ...base, kind: z.literal('disabled') }),
  z.object({ ...base, kind: z.literal('quality_drop'), previous: z.string().nullable(), current: z.string() }),
  z.object({ ...base, kind: z.literal('category_change_announced'), ...CategoryChange, effectiveAt: z.number().nullable() }),
  z.object({ ...base, kind: z.literal('category_change_completed'), ...CategoryChange }),
]);
export type Alert = z.infer<typeof Alert>;

export const AlertsQuery = z.object({
  /** `true` (default): only alerts still open; `false`: every alert. */
  active: z.enum(['true', 'false']).default('true'),
  since: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlertsQuery = z.infer<typeof AlertsQuery>;
