/**
 * The content script's half of "Insert into reply": the background relays the panel's text here,
 * and it goes into this page's reply box, found by the page's adapter, only while the page still
 * shows the ticket the panel shows (a link meant for one customer must never land in another's
 * reply).
 *
 * @module
 */
import type { TicketContext } from '../../../shared/schemas/ticket-context';
import { readTicketContext } from '../../helpdesks/read-ticket-context';
import { detectHelpdesk } from '../../helpdesks/registry';
import type { InsertReplyResult, MessagingApi, ReplyTarget } from '../../lib/messaging';
import { INSERT_TEXT_LIMIT, onMessage } from '../../lib/messaging';
import { insertText } from './insert-text';

/** Same ticket: same helpdesk and ticket id; pages without an id (a contact record) by URL. */
export function sameTicket(page: TicketContext | null, target: ReplyTarget): boolean {
  if (!page || page.helpdesk !== target.helpdesk) return false;
  return page.ticketId !== null || target.ticketId !== null ? page.ticketId === target.ticketId : page.url === target.url;
}

/** Puts `text` into the reply box of the ticket on `doc` (at `url`). Pure apart from that one edit. */
export function insertIntoReply(doc: Document, url: URL, text: string, target: ReplyTarget, now: number): InsertReplyResult {
  if (typeof text !== 'string' || text.trim() === '' || text.length > INSERT_TEXT_LIMIT) return { ok: false, reason: 'not_inserted' };
  const adapter = detectHelpdesk(url);
  if (!adapter.findReplyBox) return { ok: false, reason: 'unsupported' };
  if (!sameTicket(readTicketContext(doc, url, now), target)) return { ok: false, reason: 'ticket_changed' };
  const box = adapter.findReplyBox(doc, url);
  if (!box) return { ok: false, reason: 'no_reply_box' };
  return insertText(box, text) ? { ok: true } : { ok: false, reason: 'not_inserted' };
}

export interface InserterDeps {
  doc: Document;
  href(): string;
  now(): number;
  /** The messaging API (the real `browser` when left out). */
  api?: MessagingApi;
}

/** Answers the background's `insertReplyText` until the content script's context ends. */
export function startReplyInserter(
  ctx: { onInvalidated(cb: () => void): () => void },
  deps: InserterDeps = { doc: document, href: () => location.href, now: () => Date.now() },
): void {
  const stop = onMessage(
    { insertReplyText: ({ text, target }) => insertIntoReply(deps.doc, new URL(deps.href()), text, target, deps.now()) },
    deps.api,
  );
  ctx.onInvalidated(stop);
}
