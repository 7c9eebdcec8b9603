/**
 * `POST /api/handoffs`: the customer asked to continue on WhatsApp.
 * @module
 */
import * as z from 'zod';
import { TicketRef } from './ticket-ref';

export const HandoffChannel = z.enum(['email', 'chat', 'phone', 'web_form', 'social', 'in_person', 'other']);
export type HandoffChannel = z.infer<typeof HandoffChannel>;

export const HandoffInput = z.object({
  phone: z.string().max(40).optional(),
  channel: HandoffChannel,
  requestedBy: z.string().trim().min(1).max(200).optional(),
  ticket: TicketRef,
  customerName: z.string().max(200).optional(),
  language: z.enum(['tr', 'en']).optional(),
});
export type HandoffInput = z.infer<typeof HandoffInput>;

export const Handoff = z.object({
  id: z.string(),
  code: z.string(),
  channel: HandoffChannel,
  phone: z.string().nullable(),
  requestedBy: z.string().nullable(),
  agentId: z.string(),
  ticket: TicketRef,
  status: z.enum(['template_sent', 'awaiting_customer', 'linked']),
  messageId: z.string().nullable(),
  waMeLink: z.string().nullable(),
  qrSvg: z.string().nullable(),
  linkedWaId: z.string().nullable(),
  linkedAt: z.number().nullable(),
  createdAt: z.number(),
});
export type Handoff = z.infer<typeof Handoff>;
