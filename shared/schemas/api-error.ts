/**
 * The one error envelope every Köprü route answers with: `{ error: { code, message, details? } }`,
 * and the closed set of codes. The extension translates by `code`, never by `message`.
 * @module
 */
import * as z from 'zod';

export const ErrorCode = z.enum([
  'BAD_REQUEST', // malformed JSON, wrong content type
  'VALIDATION_FAILED', // body/query/params do not match the schema; details = field issues
  'UNAUTHORIZED', // missing, unknown or revoked token
  'FORBIDDEN', // authenticated but not allowed (agent on an admin route)
  'ORIGIN_NOT_ALLOWED',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED', // same key, different body
  'INVALID_PHONE',
  'OPTED_OUT',
  'NO_CONSENT',
  'TOPIC_OPTED_OUT', // the template's consent topic is not among the customer's topics
  'WINDOW_CLOSED',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_NOT_USABLE',
  'INVALID_VALUES', // details = renderTemplate problems per variable
  'RATE_LIMITED',
  'WEBHOOK_SIGNATURE_INVALID',
  'UPSTREAM_ERROR', // Meta (or the sandbox) failed in a way the agent should see
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
