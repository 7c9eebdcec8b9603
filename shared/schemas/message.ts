/**
 * `POST /api/messages` and the message object the server answers with.
 * @module
 */
import * as z from 'zod';
import { MessageStatus } from './live-event';
import { TicketRef } from './ticket-ref';
import { TemplateValues } from './values';

export { MessageStatus };

export const TemplateSendInput = z.object({
  phone: z.string().min(1).max(40),
  template: z.object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) }),
  values: TemplateValues.default({}),
  ticket: TicketRef.optional(),
});
export type TemplateSendInput = z.infer<typeof TemplateSendInput>;

export const TextSendInput = z.object({
  phone: z.string().min(1).max(40),
  text: z.string().trim().min(1).max(4096),
  ticket: TicketRef.optional(),
});
export type TextSendInput = z.infer<typeof TextSendInput>;

export const SendInput = z.union([TemplateSendInput.strict(), TextSendInput.strict()]);
export type SendInput = z.infer<typeof SendInput>;

export const MessageHistoryEntry = z.object({
  status: MessageStatus,
  at: z.number(),
  errorCode: z.number().nullable().optional(),
  detail: z.string().nullable().optional(),
});
export type MessageHistoryEntry = z.infer<typeof MessageHistoryEntry>;

export const Message = z.object({
  id: z.string(),
  kind: z.enum(['template', 'text']),
  phone: z.string(),
  agentId: z.string(),
  status: MessageStatus,
  template: z.object({ name: z.string(), language: z.string() }).nullable(),
  /** What the customer sees: the rendered template (from renderTemplate) or the text. */
  preview: z.object({
    header: z.unknown().optional(),
    body: z.string(),
    footer: z.string().optional(),
    buttons: z.array(z.unknown()).optional(),
  }),
  wamid: z.string().nullable(),
  errorCode: z.number().nullable(),
  errorReason: z.string().nullable(),
  pricing: z.object({ billable: z.boolean(), type: z.string(), category: z.string() }).nullable(),
  ticket: TicketRef.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  history: z.array(MessageHistoryEntry),
});
export type Message = z.infer<typeof Message>;
