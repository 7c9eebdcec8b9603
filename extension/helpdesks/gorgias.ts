/**
 * Gorgias (helpdesks.md §2.4). No stable public DOM cues exist for the customer, so the ticket id
 * comes from the URL only and the rest from `mailto:`/`tel:` links and the text scan of the main
 * area. The customer's name is not read until selectors are calibrated on a real tenant.
 *
 * Test URLs: https://acme.gorgias.com/app/ticket/30125, https://acme.gorgias.com/app/views/112233/30125
 * (fixtures gorgias/ticket.html, ticket-2.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { firstElement, firstText, mailtoLinks } from './dom-read';
import type { HelpdeskAdapter } from './types';
import { isHttpsSubdomainOf } from './url-match';

// Direct links `/app/ticket/{id}`, and tickets opened from a view `/app/views/{viewId}/{id}`.
const TICKET_PATHS = [/^\/app\/ticket\/(\d+)\/?$/, /^\/app\/views\/\d+\/(\d+)\/?$/];

/**
 * The app's main region (gorgias/ticket.html): ARIA landmarks, not vendor classes, because
 * Gorgias' class names are generated. The view list lives outside it.
 */
const MAIN = ['[role="main"]', 'main'];
/** Page heading inside the main region: the ticket subject (gorgias/ticket.html). */
const SUBJECT = ['h1'];

export const gorgias: HelpdeskAdapter = {
  id: 'gorgias',
  matches: ['https://*.gorgias.com/app/*'],
  isTicketPage: (url) => isHttpsSubdomainOf(url, 'gorgias.com') && TICKET_PATHS.some((p) => p.test(url.pathname)),
  readTicket(doc, url) {
    const ticketId = TICKET_PATHS.map((p) => p.exec(url.pathname)?.[1]).find(Boolean);
    if (!ticketId) return null;
    const main = firstElement(doc, MAIN);
    if (!main) return assembleTicket({ ticketId });
    return assembleTicket({
      ticketId,
      title: firstText(main, SUBJECT),
      // Best guess until calibrated: the first linked address in the ticket. Without a known
      // profile area, phones stay ranked candidates and `customer.phone` is left empty.
      email: mailtoLinks(main)[0],
      conversation: [main],
    });
  },
};
