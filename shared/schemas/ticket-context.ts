/**
 * What Köprü knows about the ticket on screen: read by a helpdesk adapter in the content script,
 * validated here by the background before it is stored per tab, and re-validated by the panel
 * when it reads storage (architecture path 1: Ticket → panel).
 *
 * Extension scripts that run in helpdesk pages must import only types from this file (see
 * `ticket-context-consts.ts` for why).
 *
 * @module
 */
import * as z from 'zod';
import { E164_PATTERN, HELPDESK_IDS, PHONE_SOURCES, TICKET_LIMITS } from './ticket-context-consts';

const text = z.string().trim().min(1).max(TICKET_LIMITS.text);

export const HelpdeskId = z.enum(HELPDESK_IDS);
export type HelpdeskId = z.infer<typeof HelpdeskId>;

export const E164Phone = z.string().regex(E164_PATTERN, 'expected an E.164 phone number');
export type E164Phone = z.infer<typeof E164Phone>;

export const PhoneCandidate = z.object({
  e164: E164Phone,
  /** The number as the page showed it, for the agent to recognise. */
  raw: text,
  source: z.enum(PHONE_SOURCES),
});
export type PhoneCandidate = z.infer<typeof PhoneCandidate>;

export const TicketCustomer = z.object({
  name: text.optional(),
  email: z.email().max(TICKET_LIMITS.text).optional(),
  /** E.164, only when the profile's phone parsed as a valid number. */
  phone: E164Phone.optional(),
  /** The profile's phone exactly as shown, also when it did not parse. */
  phoneRaw: text.optional(),
});
export type TicketCustomer = z.infer<typeof TicketCustomer>;

export const TicketContext = z.object({
  helpdesk: HelpdeskId,
  /** The helpdesk's own id for the ticket; null on pages that have none (generic pages, contact records). */
  ticketId: z.string().min(1).max(TICKET_LIMITS.ticketId).nullable(),
  url: z.url().max(TICKET_LIMITS.url),
  title: text.optional(),
  customer: TicketCustomer,
  /** Best first: profile fields, then `tel:` links, then numbers near a phone keyword, then mobiles. */
  phoneCandidates: z.array(PhoneCandidate).max(TICKET_LIMITS.listItems),
  orderNumbers: z.array(z.string().min(1).max(TICKET_LIMITS.orderNumber)).max(TICKET_LIMITS.listItems),
  /** `Date.now()` when the page was read. */
  readAt: z.number().int().nonnegative(),
  /** The page's adapter knows this helpdesk's reply box: the panel offers "Insert into reply". */
  canInsertReply: z.boolean().optional(),
});
export type TicketContext = z.infer<typeof TicketContext>;
