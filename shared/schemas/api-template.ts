/**
 * A template as `GET /api/templates` answers it: Meta's fields plus what Köprü derives.
 * @module
 */
import * as z from 'zod';
import { ConsentTopic } from './consent';
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
      /**
       * URL buttons whose link Köprü itself puts in at send time (`<public url>/preferences/{{1}}`,
       * or `/r/{{1}}` with click tracking set): what it puts there. The value is still part of the
       * message (send any text, it is replaced), and what the preview shows for the link is not final.
       */
      serverLink: z.enum(['preferences', 'click_tracking']).optional(),
      /** `'server'`: the agent's value is ignored (replaced by `serverLink`), so the panel does not ask for it. */
      filledBy: z.literal('server').optional(),
    }),
  ),
  /** The consent topic the gate checks (an admin's setting, else inferred); null = not topic-bound. */
  topic: ConsentTopic.nullable(),
  /** True when an agent may send it now: APPROVED, UTILITY, not paused. */
  usable: z.boolean(),
  pausedUntil: z.number().nullable().optional(),
  updatedAt: z.number(),
});
export type ApiTemplate = z.infer<typeof ApiTemplate>;
