/**
 * `GET /api/contacts/{phone}`: everything the panel needs to decide what may be sent.
 * @module
 */
import * as z from 'zod';
import { ConsentState } from './consent';
import { Message } from './message';

export const Contact = z.object({
  phone: z.string(),
  waId: z.string(),
  name: z.string().nullable(),
  consent: ConsentState,
  window: z.object({ open: z.boolean(), expiresAt: z.number().nullable() }),
  /** Whether a utility template sent now would be free (window open) or billable. */
  nextTemplatePrice: z.enum(['free', 'billable']),
  messages: z.array(Message),
});
export type Contact = z.infer<typeof Contact>;
