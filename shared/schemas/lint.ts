/**
 * What `POST /api/templates/lint` answers: the category Meta is likely to give a draft template,
 * and every finding that led there or that would make Meta refuse it.
 *
 * `error` findings are Meta's structural rules (reference §2.7–§2.9): a draft with one will be
 * refused at creation or rejected at review. `warning` findings are wording that makes Meta treat
 * a message as marketing (§6.3): the draft is accepted, but possibly as MARKETING, which costs more
 * and needs marketing consent.
 *
 * @module
 */
import * as z from 'zod';

export const LintSeverity = z.enum(['error', 'warning']);
export type LintSeverity = z.infer<typeof LintSeverity>;

export const LintFinding = z.object({
  severity: LintSeverity,
  /** Stable kebab-case id (`body-too-long`, `promo-discount`); the panel translates by it. */
  rule: z.string(),
  /** English explanation with the reason, for API clients and logs. */
  message: z.string(),
  /** `HEADER`, `BODY`, `FOOTER`, `BUTTONS`, `BUTTONS[2]`, or a field such as `name`/`language`. */
  component: z.string().optional(),
  /** The offending text as written in the draft (`%20 indirim`, `{{ 1 }}`). */
  evidence: z.string().optional(),
});
export type LintFinding = z.infer<typeof LintFinding>;

export const LintCategory = z.enum(['UTILITY', 'MARKETING']);
export type LintCategory = z.infer<typeof LintCategory>;

export const LintResult = z.object({
  /** The category Meta is likely to assign. */
  category: LintCategory,
  findings: z.array(LintFinding),
});
export type LintResult = z.infer<typeof LintResult>;
