import type { TicketContext } from '../../shared/schemas/ticket-context';
import type { TicketRef } from '../../shared/schemas/ticket-ref';

/**
 * The ticket an action was taken from, as the server stores it with messages, consents and
 * hand-offs. Pages without a ticket id (generic pages) are referred to by their address.
 */
export function ticketRef(ticket: TicketContext | null): TicketRef | undefined {
  if (!ticket) return undefined;
  const url = ticket.url.length <= 2000 ? ticket.url : undefined;
  const id = (ticket.ticketId ?? ticket.url).slice(0, 200);
  return { system: ticket.helpdesk, id, ...(url ? { url } : {}) };
}
