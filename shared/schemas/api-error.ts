/**
 * The one error envelope every Köprü route answers with: `{ error: { code, message, details? } }`.
 * @module
 */
import * as z from 'zod';

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
