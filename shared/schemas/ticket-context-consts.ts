/**
 * Zod-free constants behind the `TicketContext` schema.
 *
 * The content script imports these (and only `import type` from `ticket-context.ts`): top-level
 * zod schemas are not tree-shaken, so importing a single value from the schema file would pull
 * zod into every helpdesk page (tooling pitfall 7). The background validates with the schema.
 *
 * @module
 */

/** Every helpdesk Köprü recognises; `generic` is any other page read on demand. */
export const HELPDESK_IDS = [
  'zendesk', 'freshdesk', 'helpscout', 'gorgias', 'intercom', 'hubspot', 'front', 'generic',
] as const;
export type HelpdeskId = (typeof HELPDESK_IDS)[number];

/**
 * Where a phone number was found, most trustworthy first: a customer profile field, a `tel:`
 * link, or free text (a message body).
 */
export const PHONE_SOURCES = ['field', 'tel_link', 'text'] as const;
export type PhoneSource = (typeof PHONE_SOURCES)[number];

/** E.164: `+`, a non-zero country digit, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * Caps on scraped strings. A page controls what we read, so a hostile or broken page must not be
 * able to fill extension storage; adapters truncate to these before sending.
 */
export const TICKET_LIMITS = {
  text: 300,
  url: 2048,
  ticketId: 100,
  orderNumber: 40,
  listItems: 20,
} as const;
