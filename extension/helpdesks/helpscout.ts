/**
 * Help Scout (helpdesks.md §2.3). The URL carries two numbers: the internal conversation id and
 * the ticket number agents see; `ticketId` is the visible number.
 *
 * Test URLs: https://secure.helpscout.net/conversation/2650178093/1187?folderId=7654321
 * (fixtures helpscout/ticket.html, ticket-2.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { firstElement, firstText } from './dom-read';
import type { HelpdeskAdapter } from './types';
import { isHttpsHost } from './url-match';

const TICKET_PATH = /^\/conversation\/(\d+)(?:\/(\d+))?\/?$/;
// document.title is "#{number} {subject} - {customer name}" (public time-tracking extension).
const TITLE_PARTS = /^#(\d+)\s+(.*)\s+-\s+([^-]+)$/;

/** Subject: new UI, then the legacy theme (helpscout/ticket.html has the first). */
const SUBJECT = ['[aria-label="Conversation Subject"]', '#subjectLine'];
/** Customer sidebar (helpscout/ticket.html); no public phone selector, so links + text scan. */
const CUSTOMER_PROFILE = ['[data-testid="Sidebar.CustomerProfile"]'];
const CUSTOMER_NAME = ['[data-cy="Sidebar.CustomerName"] .c-Truncate__content', '[data-cy="Sidebar.CustomerName"]'];
const CUSTOMER_EMAIL = [
  '[data-cy="Sidebar.CustomerEmails"] [data-testid="EmailList.EmailLink"] .c-Truncate__content',
  '[data-cy="Sidebar.CustomerEmails"] [data-testid="EmailList.EmailLink"]',
];
/** Thread of messages (helpscout/ticket.html). */
const THREAD = ['[data-testid="ThreadContainer"]'];

export const helpscout: HelpdeskAdapter = {
  id: 'helpscout',
  matches: ['https://secure.helpscout.net/*'],
  isTicketPage: (url) => isHttpsHost(url, ['secure.helpscout.net']) && TICKET_PATH.test(url.pathname),
  readTicket(doc, url) {
    const [, conversationId, urlNumber] = TICKET_PATH.exec(url.pathname) ?? [];
    if (!conversationId) return null;
    const [, titleNumber, titleSubject, titleName] = TITLE_PARTS.exec(doc.title.trim()) ?? [];
    const profile = firstElement(doc, CUSTOMER_PROFILE);
    return assembleTicket({
      ticketId: urlNumber ?? titleNumber ?? conversationId,
      title: firstText(doc, SUBJECT) ?? titleSubject,
      name: firstText(profile, CUSTOMER_NAME) ?? titleName,
      email: firstText(profile, CUSTOMER_EMAIL),
      profile: [profile],
      conversation: [firstElement(doc, THREAD)],
      ownNumbers: [conversationId, titleNumber],
    });
  },
};
