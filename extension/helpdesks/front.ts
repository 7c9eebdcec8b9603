/**
 * Front (helpdesks.md §2.7). React + styled-components: class names are hashed, so selectors
 * match the stable prefix before `-sc-` with `[class*=…]`.
 *
 * Test URLs: https://app.frontapp.com/open/cnv_5f3k2a9,
 * https://app.frontapp.com/inboxes/teammates/8812/inbox/open/cnv_5f3k2a9 (fixtures front/ticket.html, ticket-2.html)
 *
 * @module
 */
import { assembleTicket } from './assemble';
import { firstElement, firstText } from './dom-read';
import type { HelpdeskAdapter } from './types';
import { isHttpsHost } from './url-match';

// The open conversation is a `/cnv_…` segment; `/open/msg_…` deep-links a message in one.
const CONVERSATION_SEGMENT = /\/(cnv_[a-z0-9]+)(?:\/|$)/;
const MESSAGE_LINK = /^\/open\/msg_[a-z0-9]+\/?$/;

/** Conversation viewer; its test id carries a numeric id (front/ticket.html). */
const VIEWER = ['[data-testid^="viewer-"]'];
/** Subject (front/ticket.html). */
const SUBJECT = ['[data-searchable-subject="true"] span', '[data-searchable-subject="true"]'];
/** Messages, oldest first; the first message's sender is the customer (front/ticket.html). */
const MESSAGE = ['[class*="messageViewerBase__StyledMessageDiv"]', '[role="article"]'];
/** Sender handle, text "Name <email>" (front/ticket.html). */
const SENDER_HANDLE = ['[class*="messageViewerRecipient__StyledHandleSpan"]'];
const HANDLE_PARTS = /^\s*(.*?)\s*<([^>]+)>\s*$/;

export const front: HelpdeskAdapter = {
  id: 'front',
  matches: ['https://app.frontapp.com/*'],
  isTicketPage: (url) =>
    isHttpsHost(url, ['app.frontapp.com']) &&
    (CONVERSATION_SEGMENT.test(url.pathname) || MESSAGE_LINK.test(url.pathname)),
  readTicket(doc, url) {
    const viewer = firstElement(doc, VIEWER);
    const viewerId = viewer?.getAttribute('data-testid')?.replace(/^viewer-/, '');
    const ticketId = CONVERSATION_SEGMENT.exec(url.pathname)?.[1] ?? (viewerId || null);
    const firstMessage = firstElement(viewer, MESSAGE);
    const handle = firstText(firstMessage, SENDER_HANDLE) ?? '';
    const [, name, email] = HANDLE_PARTS.exec(handle) ?? [];
    return assembleTicket({
      ticketId,
      title: firstText(viewer, SUBJECT),
      name: name || undefined,
      email,
      conversation: [viewer],
      ownNumbers: [viewerId],
    });
  },
};
