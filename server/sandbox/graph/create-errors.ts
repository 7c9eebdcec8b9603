/**
 * The template-creation error codes (reference §2.9). Meta answers `code 100` with a `2388xxx`
 * `error_subcode` and a human `error_user_title` / `error_user_msg`; where the reference names no
 * subcode for a rule (name, language, category, buttons) the sandbox answers plain `code 100`.
 *
 * @module
 */
import type { GraphError } from '../graph-errors';

export const SUBCODE = {
  /** A field exceeds its character limit. */
  TOO_LONG: 2388040,
  HEADER_FORMAT: 2388047,
  BODY_FORMAT: 2388072,
  FOOTER_FORMAT: 2388073,
  /** Too many variables for the text length. */
  TOO_MANY_VARIABLES: 2388293,
  /** A variable at the very start or end of the body. */
  DANGLING_VARIABLE: 2388299,
  /** WABA template limit reached. */
  TEMPLATE_LIMIT: 2388019,
  /** Status can't be changed (e.g. editing while in review). */
  STATUS_LOCKED: 2388039,
  /** Same name+language exists, or the name+language is still being deleted. */
  ALREADY_EXISTS: 2388024,
} as const;

export function createError(subcode: number | undefined, userTitle: string, userMsg: string): GraphError {
  return { code: 100, subcode, userTitle, userMsg, details: userMsg, isTransient: false };
}

/** Meta's wording for a missing required parameter: `(#100) The parameter name is required.` */
export function requiredParam(param: string): GraphError {
  return { code: 100, message: `(#100) The parameter ${param} is required.`, details: `The parameter ${param} is required.` };
}

/** Meta's wording for a bad enum value: `(#100) Param category must be one of {A, B} - got "x".` */
export function enumParam(param: string, allowed: readonly string[], got: unknown): GraphError {
  const msg = `Param ${param} must be one of {${allowed.join(', ')}} - got "${String(got)}".`;
  return { code: 100, message: `(#100) ${msg}`, details: msg };
}
