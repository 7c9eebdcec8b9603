/**
 * A template as `GET /api/templates` answers it: Meta's fields plus what Köprü derives.
 * @module
 */
import * as z from 'zod';
import { Template } from './template';

export const TemplateVariableKind = z.enum([
  'order_number', 'date', 'amount', 'name', 'url_suffix', 'coupon_code', 'ticket_id', 'free_text', 'media', 'location',
]);

export const ApiTemplate = z.object({
  ...Template.shape,
  variables: z.array(
    z.object({
      key: z.string(),
      placeholder: z.string(),
      location: z.enum(['header', 'body', 'button']),
      buttonIndex: z.number().optional(),
      example: z.string().optional(),
      kind: TemplateVariableKind,
      required: z.boolean(),
    }),
  ),
  /** True when an agent may send it now: APPROVED, UTILITY, not paused. */
  usable: z.boolean(),
  pausedUntil: z.number().nullable().optional(),
  updatedAt: z.number(),
});
export type ApiTemplate = z.infer<typeof ApiTemplate>;
