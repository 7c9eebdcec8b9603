/**
 * Small constructors for lint findings, so every rule file builds them the same way and never
 * emits an `undefined` optional field (the API answer stays clean JSON).
 *
 * @module
 */
import type { LintFinding } from '../schemas/lint';

export type FindingPlace = { component?: string; evidence?: string };

const place = (where: FindingPlace = {}): FindingPlace => ({
  ...(where.component === undefined ? {} : { component: where.component }),
  ...(where.evidence === undefined ? {} : { evidence: where.evidence }),
});

/** Meta refuses the draft at creation or rejects it at review. */
export const lintError = (rule: string, message: string, where?: FindingPlace): LintFinding => ({
  severity: 'error',
  rule,
  message,
  ...place(where),
});

/** Meta accepts the draft, but probably not as UTILITY, or the result will look wrong. */
export const lintWarning = (rule: string, message: string, where?: FindingPlace): LintFinding => ({
  severity: 'warning',
  rule,
  message,
  ...place(where),
});

/** `BUTTONS[0]` — how findings point at one button. */
export const buttonPlace = (index: number): string => `BUTTONS[${index}]`;
