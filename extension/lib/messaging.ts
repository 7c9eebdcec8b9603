/**
 * Typed runtime messages between the content script, the background and the side panel.
 *
 * One `ProtocolMap` names every message, its payload and its reply; `Message` is the
 * discriminated union on `type`. Handlers reply through `sendResponse` (returning `true`), which
 * every Chrome version supports, rather than returning a promise from the listener.
 *
 * Imports `browser` from `wxt/browser` (what `#imports` re-exports) so the module also loads in
 * plain vitest, and takes the API as a parameter so tests can pass a fake.
 *
 * @module
 */
import { browser } from 'wxt/browser';
import type { TicketContext } from '../../shared/schemas/ticket-context';

/** Why the background could not read the active tab for the panel. */
export type ReadTabFailure =
  | 'no_tab' // no active tab in that window
  | 'not_allowed' // no host access: restricted page (chrome://, Web Store) or activeTab not granted
  | 'no_reply'; // the script ran but did not answer

export type ReadTabResult = { ok: true } | { ok: false; reason: ReadTabFailure };

/** The ticket the panel shows: text goes into a reply box only while the page still shows it. */
export type ReplyTarget = Pick<TicketContext, 'helpdesk' | 'ticketId' | 'url'>;

/** Why text could not be put into the helpdesk's reply box. */
export type InsertReplyFailure =
  | ReadTabFailure // the tab could not be reached (as for reading it)
  | 'unsupported' // this helpdesk's adapter knows no reply box
  | 'ticket_changed' // the tab now shows another ticket than the panel
  | 'no_reply_box' // the reply box is not on screen (closed, or not rendered yet)
  | 'not_inserted'; // the editor did not take the text

export type InsertReplyResult = { ok: true } | { ok: false; reason: InsertReplyFailure };

/** Longest text the panel may insert (a link, a short sentence); a bound on what a message can carry. */
export const INSERT_TEXT_LIMIT = 2000;

export interface ProtocolMap {
  /** Content script → background: the ticket on this tab's page, or null when it shows none. */
  ticketRead: { data: { ticket: TicketContext | null }; response: { stored: boolean } };
  /** Panel → background: read this tab now (injecting the content script on generic pages). */
  readActiveTab: { data: { tabId: number }; response: ReadTabResult };
  /** Background → content script (`tabs.sendMessage`): read the page again and send `ticketRead`. */
  readTicketNow: { data: Record<string, never>; response: { read: boolean } };
  /** Panel → background: put `text` into the reply box of this tab's ticket (nothing is submitted). */
  insertReply: { data: { tabId: number; text: string; target: ReplyTarget }; response: InsertReplyResult };
  /** Background → content script: the same, for the page's own adapter. */
  insertReplyText: { data: { text: string; target: ReplyTarget }; response: InsertReplyResult };
}

export type MessageType = keyof ProtocolMap;
export type Message = { [K in MessageType]: { type: K; data: ProtocolMap[K]['data'] } }[MessageType];
export type MessageData<K extends MessageType> = ProtocolMap[K]['data'];
export type MessageResponse<K extends MessageType> = ProtocolMap[K]['response'];

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>(['ticketRead', 'readActiveTab', 'readTicketNow', 'insertReply', 'insertReplyText']);

/** Shape check only: payloads are validated by each handler (the background parses tickets with zod). */
export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  return typeof type === 'string' && MESSAGE_TYPES.has(type) && typeof data === 'object' && data !== null;
}

export interface MessageSender {
  id?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  url?: string;
}

/** The slice of the extension API messaging uses. */
export interface MessagingApi {
  runtime: {
    id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: RuntimeListener): void;
      removeListener(listener: RuntimeListener): void;
    };
  };
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
}
type RuntimeListener = (message: unknown, sender: MessageSender, sendResponse: (response?: unknown) => void) => boolean | undefined | void;

export type MessageHandlers = {
  [K in MessageType]?: (data: MessageData<K>, sender: MessageSender) => MessageResponse<K> | Promise<MessageResponse<K>>;
};

/** Sends to the extension (background, panel). Rejects when nobody listens. */
export async function sendMessage<K extends MessageType>(
  type: K,
  data: MessageData<K>,
  api: MessagingApi = browser as unknown as MessagingApi,
): Promise<MessageResponse<K>> {
  return (await api.runtime.sendMessage({ type, data })) as MessageResponse<K>;
}

/** Sends to the content script in a tab. Rejects when no script listens there. */
export async function sendTabMessage<K extends MessageType>(
  tabId: number,
  type: K,
  data: MessageData<K>,
  api: MessagingApi = browser as unknown as MessagingApi,
): Promise<MessageResponse<K>> {
  return (await api.tabs.sendMessage(tabId, { type, data })) as MessageResponse<K>;
}

/**
 * Listens for the messages in `handlers`; other messages are left for other listeners.
 * Returns the function that stops listening.
 */
export function onMessage(handlers: MessageHandlers, api: MessagingApi = browser as unknown as MessagingApi): () => void {
  const listener: RuntimeListener = (message, sender, sendResponse) => {
    if (!isMessage(message)) return false;
    const handler = handlers[message.type] as
      | ((data: unknown, sender: MessageSender) => unknown)
      | undefined;
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(message.data, sender))
      .then(sendResponse, (error: unknown) => {
        console.error(`[köprü] ${message.type} failed`, error);
        sendResponse(undefined);
      });
    return true;
  };
  api.runtime.onMessage.addListener(listener);
  return () => api.runtime.onMessage.removeListener(listener);
}
