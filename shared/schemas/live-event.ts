/**
 * What the server pushes to connected panels over `GET /api/events` (server-sent events).
 * Each event names what changed and carries enough for the panel to update without a refetch.
 * @module
 */
import * as z from 'zod';
import { Alert } from './alert';

export const MessageStatus = z.enum(['queued', 'sending', 'accepted', 'sent', 'delivered', 'read', 'failed', 'unknown']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const LiveEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message.status'),
    messageId: z.string(),
    phone: z.string(),
    agentId: z.string(),
    status: MessageStatus,
    errorCode: z.number().nullable().optional(),
    errorReason: z.string().nullable().optional(),
    at: z.number(),
  }),
  z.object({
    type: z.literal('consent.changed'),
    phone: z.string(),
    status: z.enum(['opted_in', 'opted_out', 'none']),
    method: z.string(),
    recordId: z.string(),
    at: z.number(),
  }),
  z.object({
    type: z.literal('contact.inbound'),
    phone: z.string(),
    windowExpiresAt: z.number(),
    text: z.string().optional(),
    at: z.number(),
  }),
  z.object({
    type: z.literal('template.changed'),
    templateId: z.string(),
    name: z.string(),
    language: z.string(),
    status: z.string(),
    category: z.string(),
    at: z.number(),
  }),
  z.object({
    type: z.literal('optin.confirmed'),
    code: z.string(),
    phone: z.string(),
    at: z.number(),
  }),
  z.object({
    type: z.literal('handoff.linked'),
    handoffId: z.string(),
    phone: z.string(),
    at: z.number(),
  }),
  /** A template health alert was raised, or closed (`alert.resolvedAt` set). */
  z.object({
    type: z.literal('alert'),
    alert: Alert,
    at: z.number(),
  }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;
