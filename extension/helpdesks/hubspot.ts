/**
 * HubSpot help desk and CRM records (helpdesks.md §2.6). A ticket record (`0-5`) and a help-desk
 * ticket carry a ticket id; a contact record (`0-1`) has none but is still a customer to message.
 *
 * Test URLs: https://app.hubspot.com/help-desk/4455667/view/1234/ticket/987654321,
 * https://app.hubspot.com/contacts/4455667/record/0-5/987654321 (fixtures hubspot/ticket.html,
 * ticket-2.html, contact.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { firstElement, firstText, isInHiddenSubtree, textOf } from './dom-read';
import type { HelpdeskAdapter } from './types';
import { isHttpsHost } from './url-match';

const HOSTS = ['app.hubspot.com', 'app-eu1.hubspot.com'];
const HELP_DESK_TICKET = /^\/help-desk\/\d+\/view\/[^/]+\/ticket\/(\d+)(?:\/thread\/\d+)?\/?$/;
const TICKET_RECORD = /^\/contacts\/\d+\/(?:record\/0-5|ticket)\/(\d+)\/?$/;
const CONTACT_RECORD = /^\/contacts\/\d+\/record\/0-1\/\d+\/?$/;

/** Help desk app (hubspot/ticket.html); a record page shows one record, so it reads the body (hubspot/contact.html). */
const HELP_DESK = ['[data-application-name="svh-help-desk"]'];
/** Ticket name: help desk header, else the record title (hubspot/ticket.html). */
const TICKET_NAME = ['[data-test-id="ticket-header-name-link"] span'];
const RECORD_TITLE = ['[data-selenium-test="highlightTitle"]'];
/** Associated contact on a ticket (hubspot/ticket.html). */
const CONTACT_LINK = ['[data-selenium-test="contact-chicklet-title-link"]'];
/** Contact properties (hubspot/ticket.html): the older input, then the newer button textarea. */
const PHONE_INPUT = '[data-selenium-test="property-input-phone"]';
const PHONE_BUTTON = 'textarea[data-test-id="property-input-phone-button"]';
// The fax row nests its own `property-input-phone-button` (helpdesks.md §2.6): skip a button
// inside a row marked or labelled as fax (hubspot/ticket.html puts the fax row first).
const FAX_ROW = '[data-selenium-test*="fax"], [data-test-id*="fax"]';
const FAX_LABEL = /fax|faks/i;
const EMAIL_INPUT = ['[data-selenium-test="property-input-email"]'];
/**
 * Properties sidebar and the open thread, by ARIA landmark: no public selector exists, and the
 * help desk's ticket list (other customers' previews) must stay out of the scan (hubspot/ticket.html).
 * Calibrate on a real portal.
 */
const PROPERTIES = ['[role="complementary"]', 'aside'];
const THREAD = ['[role="main"]', 'main'];

export const hubspot: HelpdeskAdapter = {
  id: 'hubspot',
  matches: HOSTS.map((host) => `https://${host}/*`),
  isTicketPage: (url) =>
    isHttpsHost(url, HOSTS) &&
    [HELP_DESK_TICKET, TICKET_RECORD, CONTACT_RECORD].some((p) => p.test(url.pathname)),
  readTicket(doc, url) {
    const ticketId = (HELP_DESK_TICKET.exec(url.pathname) ?? TICKET_RECORD.exec(url.pathname))?.[1] ?? null;
    const isContact = CONTACT_RECORD.test(url.pathname);
    if (!ticketId && !isContact) return null;
    const area = firstElement(doc, HELP_DESK) ?? doc.body;
    const recordTitle = firstText(area, RECORD_TITLE);
    return assembleTicket({
      ticketId,
      title: isContact ? undefined : (firstText(area, TICKET_NAME) ?? recordTitle),
      name: isContact ? recordTitle : firstText(area, CONTACT_LINK),
      email: firstText(area, EMAIL_INPUT),
      phoneFields: [firstText(area, [PHONE_INPUT]), phoneButton(area)],
      profile: [firstElement(area, PROPERTIES)],
      conversation: [firstElement(area, THREAD)],
    });
  },
};

function phoneButton(area: Element | null): string | undefined {
  const buttons = [...(area?.querySelectorAll(PHONE_BUTTON) ?? [])];
  const isFax = (el: Element) =>
    el.closest(FAX_ROW) !== null || FAX_LABEL.test(el.parentElement?.querySelector('label')?.textContent ?? '');
  const phone = buttons.find((el) => !isFax(el) && !isInHiddenSubtree(el));
  return textOf(phone);
}
