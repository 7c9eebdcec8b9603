/**
 * Why a template cannot be sent with the given values. Each problem names the values key it is
 * about (`'1'`, `'order_id'`, `'header'`, `'button.0'`, or `'body'`/`'header'` for whole-text
 * limits) and a stable `code`; the English `message` is for logs and API clients — the panel
 * translates by `code`.
 *
 * @module
 */

export type RenderProblemCode =
  | 'MISSING'
  | 'UNKNOWN_KEY'
  | 'NEWLINE'
  | 'TOO_MANY_SPACES'
  | 'HEADER_TOO_LONG'
  | 'BODY_TOO_LONG'
  | 'PARAM_TOO_LONG'
  | 'INVALID_URL_SUFFIX'
  | 'COUPON_TOO_LONG'
  | 'INVALID_CURRENCY'
  | 'INVALID_DATE_TIME'
  | 'INVALID_MEDIA'
  | 'INVALID_LOCATION'
  | 'WRONG_TYPE';

export type RenderProblem = { key: string; code: RenderProblemCode; message: string; limit?: number; actual?: number };

export const problem = (
  key: string,
  code: RenderProblemCode,
  message: string,
  sizes?: { limit: number; actual: number },
): RenderProblem => ({ key, code, message, ...sizes });

/** `'The value for {{1}}'`, `'The header value'`, `'The value for button 2'` — the subject of a problem message. */
export function describeKey(key: string): string {
  if (key === 'header') return 'The header value';
  const button = /^button\.(\d+)$/.exec(key);
  if (button) return `The value for button ${Number(button[1]) + 1}`;
  return `The value for {{${key}}}`;
}
