/**
 * Zendesk Support, Agent Workspace (helpdesks.md §2.1).
 *
 * Zendesk keeps every open ticket tab mounted, hidden ones included, so every query is scoped to
 * the active ticket's container — reading the document would mix customers.
 *
 * Test URLs: https://acme.zendesk.com/agent/tickets/4711 (fixtures zendesk/ticket.html, ticket-2.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { firstEditable, firstElement, firstText } from './dom-read';
import type { HelpdeskAdapter } from './types';
import { isHttpsSubdomainOf } from './url-match';

// `/agent/tickets/{id}` only: `/agent/tickets/{id}/events` is another view (Liferay userscript).
const TICKET_PATH = /^\/agent\/tickets\/(\d+)\/?$/;

/** The active ticket's container, most specific first (both in zendesk/ticket.html). */
const ACTIVE_TICKET = (id: string) => [
  `[data-side-conversations-anchor-id="${id}"]`, // per-ticket wrapper keyed by id [maintained]
  `[data-test-id="ticket-${id}-standard-layout"]`, // [seen]
  '.ticket-panes-grid-layout[data-is-active="true"]', // Sep 2023 UI [maintained]
  '.ticket-panes-grid-layout.active', // Clockify's variant
];
/** Subject input; read its value (zendesk/ticket.html). */
const SUBJECT = ['input[data-test-id="omni-header-subject"]', 'input[aria-label="Subject"]'];
/** Requester combobox in the ticket-fields panel; its value text is the name (zendesk/ticket.html). */
const REQUESTER = [
  '[data-test-id="ticket-system-field-requester-select"] [data-garden-id="dropdowns.combobox.value"]',
  '[data-test-id="ticket-system-field-requester-select"]',
];
/** Customer-context side panel: e-mail, phone (zendesk/ticket.html). */
const CUSTOMER_CONTEXT = [
  '[data-test-id="customer-context-pane"]',
  '[data-test-id="omnipanel-content"]',
  '[data-garden-id="omnipanel.body"]',
];
/** Conversation log (zendesk/ticket.html). */
const CONVERSATION = ['[data-test-id="omni-log-container"]'];
/**
 * Reply composer: the CKEditor 5 editable of Agent Workspace, then the older rich-text editor
 * [seen: several 2025 userscripts and Playwright scripts insert replies there] (zendesk/ticket.html).
 */
const REPLY_BOX = ['[data-test-id="omnicomposer-rich-text-ckeditor"]', '.zendesk-editor--rich-text-container [contenteditable="true"]'];

export const zendesk: HelpdeskAdapter = {
  id: 'zendesk',
  matches: ['https://*.zendesk.com/agent/*'],
  isTicketPage: (url) => isHttpsSubdomainOf(url, 'zendesk.com') && TICKET_PATH.test(url.pathname),
  readTicket(doc, url) {
    const ticketId = TICKET_PATH.exec(url.pathname)?.[1];
    if (!ticketId) return null;
    // Missing container = not rendered yet: report the ticket id only, never the whole document.
    const area = firstElement(doc, ACTIVE_TICKET(ticketId));
    return assembleTicket({
      ticketId,
      title: firstText(area, SUBJECT),
      name: firstText(area, REQUESTER),
      profile: [firstElement(area, CUSTOMER_CONTEXT)],
      conversation: [firstElement(area, CONVERSATION)],
    });
  },
  findReplyBox(doc, url) {
    const ticketId = TICKET_PATH.exec(url.pathname)?.[1];
    // Only inside the active ticket's container: every open ticket tab has its own composer.
    return ticketId ? firstEditable(firstElement(doc, ACTIVE_TICKET(ticketId)), REPLY_BOX) : null;
  },
};
