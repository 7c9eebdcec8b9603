/**
 * Errors on the sandbox's own (non-Graph) endpoints use Köprü's envelope `{ error: { code, message,
 * details? } }` (shared/schemas/api-error.ts), since no Meta client ever calls them.
 *
 * @module
 */
import type { Context } from 'hono';
import type * as z from 'zod';
import type { ApiErrorBody, ErrorCode } from '../../shared/schemas/api-error';

export function apiError(c: Context, status: 400 | 404 | 409, code: ErrorCode, message: string, details?: unknown): Response {
  const body: ApiErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return c.json(body, status);
}

export function invalidBody(c: Context, error: z.ZodError): Response {
  return apiError(c, 400, 'VALIDATION_FAILED', 'Invalid request body', error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

export async function jsonOrEmpty(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return {};
  }
}
