import * as z from 'zod';

/** Which helpdesk ticket an action was taken from (kept as evidence and for hand-off links). */
export const TicketRef = z.object({
  system: z.string().min(1).max(40),
  id: z.string().min(1).max(200),
  url: z.url().max(2000).optional(),
});
export type TicketRef = z.infer<typeof TicketRef>;
