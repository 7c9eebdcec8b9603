/**
 * Intercom inbox (helpdesks.md §2.5), US, EU and AU hosts. The conversation id is the digits
 * after the last `/conversation/` (or `/conversations/`); ids run up to 15 digits.
 *
 * Test URLs: https://app.intercom.com/a/inbox/gu1e0q0t/inbox/shared/all/conversation/215470034567812
 * (fixtures intercom/ticket.html, ticket-2.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { firstElement, firstText, mailtoLinks } from './dom-read';
import type { HelpdeskAdapter } from './types';
import { isHttpsHost } from './url-match';

const HOSTS = ['app.intercom.com', 'app.eu.intercom.com', 'app.au.intercom.com'];
const TICKET_PATHS = [
  /^\/a\/inbox\/[a-z0-9]+\/inbox\/(?:[^/]+\/)*conversation\/(\d+)\/?$/,
  /^\/a\/apps\/[a-z0-9]+\/conversations\/(\d+)\/?$/,
];

/** Conversation pane keyed by id (2021 UI), else the main landmark (intercom/ticket.html). */
const CONVERSATION = (id: string) => [`[data-conversation-id="${id}"]`, '[role="main"]', 'main'];
/** Header title: the conversation's title (intercom/ticket.html). */
const TITLE = ['[data-inbox-conversation-header-title] span', '[data-inbox-conversation-header-title]'];
/** Contact name in the header (intercom/ticket.html). */
const CONTACT_NAME = ['span[data-conversation-title]'];
/**
 * Details sidebar, found by ARIA landmark: no public e-mail/phone cue exists, so its links and the
 * text scan stand in (intercom/ticket.html). Calibrate on a real workspace.
 */
const DETAILS = ['[role="complementary"]', 'aside'];

export const intercom: HelpdeskAdapter = {
  id: 'intercom',
  matches: HOSTS.map((host) => `https://${host}/a/*`),
  isTicketPage: (url) => isHttpsHost(url, HOSTS) && TICKET_PATHS.some((p) => p.test(url.pathname)),
  readTicket(doc, url) {
    const ticketId = TICKET_PATHS.map((p) => p.exec(url.pathname)?.[1]).find(Boolean);
    if (!ticketId) return null;
    const conversation = firstElement(doc, CONVERSATION(ticketId));
    const details = firstElement(doc, DETAILS);
    return assembleTicket({
      ticketId,
      title: firstText(doc, TITLE),
      name: firstText(doc, CONTACT_NAME),
      email: mailtoLinks(details)[0],
      profile: [details],
      conversation: [conversation],
    });
  },
};
