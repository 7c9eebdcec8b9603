/**
 * What customers did with the messages: quick-reply answers to feedback templates and clicks on
 * tracked URL buttons. Read by the side panel's Insights view.
 * @module
 */
import * as z from 'zod';

/**
 * A point in time in a query: epoch milliseconds, an ISO date (`2026-03-10`, the start of that day
 * in UTC) or an ISO date-time.
 */
const Instant = z
  .string()
  .trim()
  .refine((s) => /^\d{1,15}$/.test(s) || !Number.isNaN(Date.parse(s)), 'epoch milliseconds or an ISO date such as 2026-03-10');

/** `?from=&to=` — `to` is exclusive; a date-only `to` includes that whole day. Default: the last 30 days. */
export const AnalyticsRangeQuery = z.object({ from: Instant.optional(), to: Instant.optional() });
export type AnalyticsRangeQuery = z.infer<typeof AnalyticsRangeQuery>;

export const AnswerCounts = z.record(z.string(), z.number().int());
export type AnswerCounts = z.infer<typeof AnswerCounts>;

export const SurveyTemplateStats = z.object({
  name: z.string(),
  language: z.string(),
  total: z.number().int(),
  answers: AnswerCounts,
  byAgent: z.array(z.object({ agentId: z.string(), agentName: z.string(), total: z.number().int(), answers: AnswerCounts })),
});
export type SurveyTemplateStats = z.infer<typeof SurveyTemplateStats>;

export const SurveyAnalytics = z.object({
  from: z.number(),
  to: z.number(),
  templates: z.array(SurveyTemplateStats),
});
export type SurveyAnalytics = z.infer<typeof SurveyAnalytics>;

export const ClickTemplateStats = z.object({
  name: z.string(),
  language: z.string(),
  /** Messages with a tracked link that WhatsApp accepted. */
  sent: z.number().int(),
  clicks: z.number().int(),
  /** Messages whose link was opened at least once. */
  uniqueClicks: z.number().int(),
  /** uniqueClicks / sent, 0 when nothing was sent. */
  clickThroughRate: z.number(),
});
export type ClickTemplateStats = z.infer<typeof ClickTemplateStats>;

export const ClickAnalytics = z.object({
  from: z.number(),
  to: z.number(),
  templates: z.array(ClickTemplateStats),
});
export type ClickAnalytics = z.infer<typeof ClickAnalytics>;
