/**
 * Typed API errors: one code → status map, one envelope, one `onError` that logs only 5xx and never
 * sends a stack trace to a client.
 * @module
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, ErrorHandler, NotFoundHandler, ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import type { ApiErrorBody, ErrorCode } from '../shared/schemas/api-error';
import type { Logger } from './core/logger';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  WEBHOOK_SIGNATURE_INVALID: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  IDEMPOTENCY_KEY_REQUIRED: 428,
  INVALID_PHONE: 422,
  OPTED_OUT: 422,
  NO_CONSENT: 422,
  TOPIC_OPTED_OUT: 422,
  WINDOW_CLOSED: 422,
  TEMPLATE_NOT_FOUND: 404,
  TEMPLATE_NOT_USABLE: 422,
  INVALID_VALUES: 422,
  RATE_LIMITED: 429,
  UPSTREAM_ERROR: 502,
  INTERNAL: 500,
};

export const statusOf = (code: ErrorCode): ContentfulStatusCode => STATUS[code];

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS[code];
  }
}

export const errorBody = (code: ErrorCode, message: string, details?: unknown): ApiErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Answers an expected failure from a handler (typed for `hc` through the returned status). */
export const fail = <C extends ErrorCode>(c: Context, code: C, message: string, details?: unknown) =>
  c.json(errorBody(code, message, details), STATUS[code] as 400);

/** Answers with an expected ApiError built elsewhere (e.g. by `readPhone`), in the same envelope. */
export const failWith = (c: Context, error: ApiError) => c.json(errorBody(error.code, error.message, error.details), error.status as 400);

/** zod issues → `[{ path, message }]`, readable by a person and by the panel. */
export const issueDetails = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));

/**
 * `zValidator` that fails the one way every route fails: VALIDATION_FAILED with field details.
 * (The library default answers with its own 400 shape.)
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError('VALIDATION_FAILED', `The request ${target} is not valid.`, issueDetails(result.error.issues));
    }
  });

export const onError =
  (log: Logger): ErrorHandler =>
  (err, c) => {
    if (err instanceof ApiError) {
      if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 413) return c.json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'), 413);
      if (status < 500) {
        // Hono's own 4xx: malformed JSON, unsupported content type.
        const msg = err.message && !/\n/.test(err.message) ? err.message : 'The request could not be read.';
        return c.json(errorBody('BAD_REQUEST', msg), status as ContentfulStatusCode);
      }
    }
    log.error('unhandled error', { path: c.req.path, method: c.req.method, error: err });
    return c.json(errorBody('INTERNAL', 'Something went wrong on the server. It has been logged.'), 500);
  };

export const notFound: NotFoundHandler = (c) =>
  c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`), 404);
