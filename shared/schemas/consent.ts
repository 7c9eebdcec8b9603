/**
 * The consent ledger's public shapes. The ledger is append-only and hash-chained; a contact's
 * current consent is derived from it (the newest record wins), never edited in place.
 * @module
 */
import * as z from 'zod';
import { TicketRef } from './ticket-ref';

export const ConsentAction = z.enum(['opt_in', 'opt_out']);
export type ConsentAction = z.infer<typeof ConsentAction>;

export const ConsentMethod = z.enum([
  'in_person',
  'phone_call',
  'paper_form',
  'web_form',
  'qr_code',
  'whatsapp_keyword',
  'whatsapp_button',
  'meta_preferences',
  'preference_center',
  /** Recorded by the server when an admin erases a customer's data on request (a withdrawal). */
  'erasure_request',
]);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

/** Methods an agent may record by hand; the others are recorded by the server from evidence. */
export const AgentConsentMethod = ConsentMethod.extract(['in_person', 'phone_call', 'paper_form', 'web_form']);

export const ConsentTopic = z.enum([
  'order_updates',
  'shipping',
  'appointments',
  'payments',
  'account_notices',
  'surveys',
  'marketing',
]);
export type ConsentTopic = z.infer<typeof ConsentTopic>;

export const ConsentStatus = z.enum(['opted_in', 'opted_out', 'none']);
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** `POST /api/consents` body. `phone` in any human format; the server answers E.164. */
export const ConsentInput = z.object({
  phone: z.string().min(1).max(40),
  action: ConsentAction,
  method: ConsentMethod,
  topics: z.array(ConsentTopic).max(ConsentTopic.options.length).optional(),
  wordingId: z.string().min(1).max(100).optional(),
  ticket: TicketRef.optional(),
  note: z.string().max(1000).optional(),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

export const ConsentRecord = z.object({
  id: z.string(),
  seq: z.number().int(),
  phone: z.string(),
  action: ConsentAction,
  method: ConsentMethod,
  topics: z.array(ConsentTopic),
  wordingId: z.string().nullable(),
  agentId: z.string().nullable(),
  ticket: TicketRef.nullable(),
  note: z.string().nullable(),
  /** What proves it: e.g. `{ inboundMessageId, text }` for WhatsApp keywords and QR codes. */
  evidence: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.number(),
  prevHash: z.string(),
  hash: z.string(),
  /**
   * 1: the hash covers every field in plaintext (records before migration 0004). 2: the hash covers
   * `piiDigest` instead of the personal fields (phone, ticket, note, evidence), so they can be
   * erased without breaking the chain (server/core/consent-hash.ts).
   */
  hashVersion: z.union([z.literal(1), z.literal(2)]).optional(),
  /** Version 2: the random salt of `piiDigest`; removed with the personal fields on erasure. */
  piiSalt: z.string().nullable().optional(),
  /** Version 2: sha256(piiSalt + canonical JSON of { phone, ticket, note, evidence }). */
  piiDigest: z.string().nullable().optional(),
  /** When erasure removed the personal fields (`phone` is then `erased:<keyed hash>`). */
  redactedAt: z.number().nullable().optional(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const ConsentState = z.object({
  status: ConsentStatus,
  topics: z.array(ConsentTopic),
  updatedAt: z.number().nullable(),
  history: z.array(ConsentRecord),
});
export type ConsentState = z.infer<typeof ConsentState>;

/** A versioned opt-in text, in Turkish and English; a record points at the exact version shown. */
export const ConsentWording = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  language: z.enum(['tr', 'en']),
  text: z.string(),
  createdAt: z.number(),
});
export type ConsentWording = z.infer<typeof ConsentWording>;

export const ConsentWordingInput = z.object({
  language: z.enum(['tr', 'en']),
  text: z.string().trim().min(20).max(2000),
});
export type ConsentWordingInput = z.infer<typeof ConsentWordingInput>;

/** `POST /api/optin-codes` / hand-off answer: what the customer scans or taps to start the chat. */
export const OptinCode = z.object({
  code: z.string(),
  waMeLink: z.string(),
  qrSvg: z.string(),
  expiresAt: z.number(),
});
export type OptinCode = z.infer<typeof OptinCode>;

export const OptinCodeInput = z.object({
  phone: z.string().max(40).optional(),
  topics: z.array(ConsentTopic).optional(),
  wordingId: z.string().max(100).optional(),
  language: z.enum(['tr', 'en']).optional(),
  ticket: TicketRef.optional(),
});
export type OptinCodeInput = z.infer<typeof OptinCodeInput>;
