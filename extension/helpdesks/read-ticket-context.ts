/**
 * Page → `TicketContext`: pick the adapter, check the URL, read. Pure; the content script and the
 * tests call this one function.
 *
 * @module
 */
import type { TicketContext } from '../../shared/schemas/ticket-context';
import { TICKET_LIMITS } from '../../shared/schemas/ticket-context-consts';
import { detectHelpdesk } from './registry';

/** The ticket on this page, or null when the page is not a ticket view (or holds none yet). */
export function readTicketContext(doc: Document, url: URL, now: number): TicketContext | null {
  const adapter = detectHelpdesk(url);
  if (!adapter.isTicketPage(url)) return null;
  const raw = adapter.readTicket(doc, url);
  if (!raw) return null;
  return {
    helpdesk: adapter.id,
    url: url.href.slice(0, TICKET_LIMITS.url),
    readAt: now,
    ...raw,
    ...(adapter.findReplyBox ? { canInsertReply: true } : {}),
  };
}
