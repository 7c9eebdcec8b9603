/**
 * Any other page, read only when the agent asks from the panel (the background injects the
 * content script with `activeTab`). Nothing is known about the layout, so the explicit cues are
 * `mailto:`/`tel:` links, the page title and the text scan of the whole visible page.
 *
 * Test URLs: https://destek.example.test/talepler/5521 (fixture generic/page.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { mailtoLinks } from './dom-read';
import type { HelpdeskAdapter } from './types';

export const generic: HelpdeskAdapter = {
  id: 'generic',
  // Never registered in the manifest: injected on demand only.
  matches: [],
  isTicketPage: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  readTicket(doc) {
    return assembleTicket({
      ticketId: null,
      title: doc.title,
      email: mailtoLinks(doc.body)[0],
      conversation: [doc.body],
    });
  },
};
