/**
 * The background's half of "Insert into reply": only our own pages (the panel) may ask, never a
 * content script in some page, and the text goes to the content script of the tab the panel
 * follows, which checks that the tab still shows the panel's ticket before touching the reply box.
 *
 * @module
 */
import { browser } from 'wxt/browser';
import type { InsertReplyResult, MessageSender, MessagingApi, ReplyTarget } from './messaging';
import { INSERT_TEXT_LIMIT, onMessage, sendTabMessage } from './messaging';
import { isExtensionPage } from './ticket-keeper';

const isTarget = (value: unknown): value is ReplyTarget => {
  const t = value as Partial<ReplyTarget> | null;
  return typeof t === 'object' && t !== null && typeof t.helpdesk === 'string' && typeof t.url === 'string' && (t.ticketId === null || typeof t.ticketId === 'string');
};

/** Relays one request; exported for tests. */
export async function relayInsertReply(
  api: MessagingApi,
  data: { tabId: unknown; text: unknown; target: unknown },
  sender: MessageSender,
): Promise<InsertReplyResult> {
  if (sender.id !== api.runtime.id || !isExtensionPage(sender)) return { ok: false, reason: 'not_allowed' };
  const { tabId, text, target } = data;
  if (typeof tabId !== 'number') return { ok: false, reason: 'no_tab' };
  if (typeof text !== 'string' || text.length > INSERT_TEXT_LIMIT || !isTarget(target)) return { ok: false, reason: 'not_inserted' };
  try {
    // No content script there (a generic page never read, a page still loading): nothing to write with.
    return (await sendTabMessage(tabId, 'insertReplyText', { text, target }, api)) ?? { ok: false, reason: 'no_reply' };
  } catch {
    return { ok: false, reason: 'no_reply' };
  }
}

/** Wires the relay to the background's messages. Call once from `defineBackground`. */
export function startReplyRelay(api: MessagingApi = browser as unknown as MessagingApi): () => void {
  return onMessage({ insertReply: (data, sender) => relayInsertReply(api, data, sender) }, api);
}
