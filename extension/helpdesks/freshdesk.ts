/**
 * Freshdesk, current "mint" UI under `/a/` (helpdesks.md §2.2).
 *
 * Test URLs: https://acme.freshdesk.com/a/tickets/1532 (fixtures freshdesk/ticket.html, ticket-2.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { firstEditable, firstElement, firstText } from './dom-read';
import type { HelpdeskAdapter } from './types';
import { isHttpsSubdomainOf } from './url-match';

// `/a/tickets/{id}`; `/a/tickets/filters/…` is the list, `/support/tickets/{id}` the customer portal.
const TICKET_PATH = /^\/a\/tickets\/(\d+)\/?$/;

/**
 * Ticket details (original request `#ticket_original_request` and replies); its `.app-main-wrapper`
 * also holds the requester widget (freshdesk/ticket.html).
 */
const TICKET_DETAILS = ['#ticket-details'];
const MAIN_WRAPPER = '.app-main-wrapper';
/** Subject: 2026 UI, then the 2018 class (freshdesk/ticket.html has the first). */
const SUBJECT = ['.sentiment-ticket-heading', '.ticket-subject-heading'];
/** Visible ticket number, e.g. "#1532" (freshdesk/ticket.html). */
const TICKET_NUMBER = ['.breadcrumb__item.active'];
/**
 * Requester name: contact widget first; the first message's sender last (freshdesk/ticket.html).
 * Not the whole `.widget-requestor-info`: its text includes the contact fields.
 */
const REQUESTER_NAME = [
  '.requester-wrap [data-test-id="user-name"]',
  '.widget-requestor-info [data-test-id="user-name"]',
  '.sender-info [data-test-id="user-name"]',
];
/** Requester contact widget and its fields (freshdesk/ticket.html). */
const REQUESTER_WIDGET = ['.widget-requestor-info', '.requester-wrap'];
const CONTACT_FIELD = (field: string) => `[data-test-id="requester-info-contact-${field}"] .info-details-content`;
/** Order-id custom fields, e.g. `customFields.cf_siparis_no` (freshdesk/ticket.html). */
const CUSTOM_FIELDS = 'input[name^="customFields."]';
const ORDER_FIELD_NAME = /order|sipari/i;
/**
 * Reply editor: Froala's editable (shown once the agent opens Reply or Add note), then the older
 * Redactor one [seen: public Freshdesk reply-assistant extensions] (freshdesk/ticket.html).
 */
const REPLY_BOX = ['.fr-element.fr-view[contenteditable="true"]', '.redactor_editor[contenteditable="true"]'];

/** The open ticket's wrapper: ticket details, requester widget and reply editor. */
function ticketArea(doc: Document): Element | null {
  const details = firstElement(doc, TICKET_DETAILS);
  return details?.closest(MAIN_WRAPPER) ?? details;
}

export const freshdesk: HelpdeskAdapter = {
  id: 'freshdesk',
  matches: ['https://*.freshdesk.com/a/*'],
  isTicketPage: (url) => isHttpsSubdomainOf(url, 'freshdesk.com') && TICKET_PATH.test(url.pathname),
  readTicket(doc, url) {
    const ticketId = TICKET_PATH.exec(url.pathname)?.[1];
    if (!ticketId) return null;
    const details = firstElement(doc, TICKET_DETAILS);
    const area = ticketArea(doc);
    const orderFields = [...(area?.querySelectorAll<HTMLInputElement>(CUSTOM_FIELDS) ?? [])]
      .filter((input) => ORDER_FIELD_NAME.test(input.name))
      .map((input) => input.value);
    return assembleTicket({
      ticketId,
      title: firstText(area, SUBJECT),
      name: firstText(area, REQUESTER_NAME),
      email: firstText(area, [CONTACT_FIELD('email')]),
      phoneFields: [firstText(area, [CONTACT_FIELD('mobile')]), firstText(area, [CONTACT_FIELD('phone')])],
      profile: [firstElement(area, REQUESTER_WIDGET)],
      conversation: [details],
      orderFields,
      ownNumbers: [firstText(area, TICKET_NUMBER)],
    });
  },
  findReplyBox(doc, url) {
    return TICKET_PATH.test(url.pathname) ? firstEditable(ticketArea(doc), REPLY_BOX) : null;
  },
};
