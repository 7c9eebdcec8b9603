/**
 * The contract every helpdesk adapter fulfils. Adapters are pure: `(doc, url)` in, data out. No
 * UI, no `browser.*`, no timers — the content script owns all of that.
 *
 * @module
 */
import type { HelpdeskId } from '../../shared/schemas/ticket-context-consts';
import type { TicketContext } from '../../shared/schemas/ticket-context';

/** What an adapter reads; the content script adds `helpdesk`, `url` and `readAt`. */
export type RawTicket = Omit<TicketContext, 'helpdesk' | 'url' | 'readAt'>;

export interface HelpdeskAdapter {
  id: HelpdeskId;
  /** Content-script match patterns for the vendor's agent app (empty for `generic`). */
  matches: readonly string[];
  /** URL-only: is this the view of a single ticket/conversation? */
  isTicketPage(url: URL): boolean;
  /** Reads the ticket on screen; null when the page holds no ticket (yet). */
  readTicket(doc: Document, url: URL): RawTicket | null;
  /**
   * The open ticket's reply box (a contenteditable editor or a textarea) for inserting a hand-off
   * link, or null when it is not on screen. Left out where no reliable cue is known: the panel then
   * offers copying only. Scoped to the ticket being read, never another mounted ticket's box.
   */
  findReplyBox?(doc: Document, url: URL): HTMLElement | null;
}
