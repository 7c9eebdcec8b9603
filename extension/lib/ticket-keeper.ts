/**
 * The background's half of the per-tab ticket store: validates what content scripts send, keeps
 * it under `ticket:<tabId>` (see `ticket-store.ts`), forgets it when the tab closes or leaves the
 * helpdesk, and reads a tab on the panel's request.
 *
 * Everything lives in storage: the MV3 service worker can be stopped between any two events, so
 * it holds no state in memory.
 *
 * @module
 */
import { browser } from 'wxt/browser';
import { TicketContext } from '../../shared/schemas/ticket-context';
import type { MessageSender, ReadTabResult } from './messaging';
import { onMessage, sendTabMessage } from './messaging';
import type { TicketStoreApi } from './ticket-store';
import { parseStoredTicket, TICKET_KEY_PREFIX, ticketArea, ticketKey } from './ticket-store';

/** Where WXT emits `entrypoints/helpdesk.content/`: injected as-is into generic pages. */
export const CONTENT_SCRIPT_FILE = '/content-scripts/helpdesk.js';

interface ListenerSlot<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

/** The slice of the extension API the keeper needs (a fake in tests). */
export interface TicketKeeperApi extends TicketStoreApi {
  tabs: TicketStoreApi['tabs'] & {
    onRemoved: ListenerSlot<(tabId: number) => void>;
    /** `tab.url` (and `changeInfo.url`) are left out for pages Köprü has no host access to. */
    onUpdated: ListenerSlot<(tabId: number, changeInfo: { url?: string; status?: string }, tab?: { url?: string }) => void>;
  };
  scripting: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown> };
  runtime: TicketStoreApi['runtime'] & { onStartup?: ListenerSlot<() => void> };
}

export interface TicketKeeper {
  /** Stores a tab's ticket after validating it; null clears. False when the payload is invalid. */
  saveTicket(tabId: number, payload: unknown): Promise<boolean>;
  clearTab(tabId: number): Promise<void>;
  /** A tab navigated: drop its ticket when the page can no longer be the one it was read from. */
  tabUrlChanged(tabId: number, url: string): Promise<void>;
  /** Asks the tab's reader to read again, injecting it first where none runs (generic pages). */
  readTab(tabId: number): Promise<ReadTabResult>;
  /** Drops every stored ticket (tab ids do not survive a browser restart). */
  clearAll(): Promise<void>;
}

export function createTicketKeeper(api: TicketKeeperApi): TicketKeeper {
  const { area } = ticketArea(api);
  // Changes to one tab's entry run one after another, in the order their events arrived: a
  // navigation's "forget the old ticket" (read, then remove) must not land after the new page's
  // ticket was stored. Only ordering lives here; a restarted worker starts with no pending work.
  const pending = new Map<number, Promise<unknown>>();
  function inOrder<T>(tabId: number, change: () => Promise<T>): Promise<T> {
    const result = (pending.get(tabId) ?? Promise.resolve()).then(change);
    const done = result.catch(() => undefined);
    pending.set(tabId, done);
    void done.then(() => {
      if (pending.get(tabId) === done) pending.delete(tabId);
    });
    return result;
  }

  const keeper: TicketKeeper = {
    async saveTicket(tabId, payload) {
      if (payload === null) {
        await area.remove(ticketKey(tabId));
        return true;
      }
      // Scraped from a page: untrusted until parsed.
      const parsed = TicketContext.safeParse(payload);
      if (!parsed.success) {
        console.warn('[köprü] ignored an invalid ticket from tab', tabId, parsed.error.issues);
        return false;
      }
      await area.set({ [ticketKey(tabId)]: parsed.data });
      return true;
    },
    async clearTab(tabId) {
      await area.remove(ticketKey(tabId));
    },
    async tabUrlChanged(tabId, url) {
      const key = ticketKey(tabId);
      const stored = parseStoredTicket((await area.get(key))[key]);
      if (!stored || stored.url === url) return;
      // A vendor's own content script re-reads on in-app navigation; only leaving its origin
      // makes the ticket stale. A generic page was read once, so any navigation does.
      const stale = stored.helpdesk === 'generic' || originOf(stored.url) !== originOf(url);
      if (stale) await area.remove(key);
    },
    async readTab(tabId) {
      try {
        const reply = await sendTabMessage(tabId, 'readTicketNow', {}, api);
        if (reply?.read) return { ok: true };
      } catch {
        // No reader in the tab yet: inject one below.
      }
      try {
        // Needs host access: vendor pages have it through the content-script matches, other
        // pages only through `activeTab` after the agent invoked the extension on that tab.
        await api.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
        return { ok: true };
      } catch {
        return { ok: false, reason: 'not_allowed' };
      }
    },
    async clearAll() {
      const keys = Object.keys(await area.get(null)).filter((key) => key.startsWith(TICKET_KEY_PREFIX));
      if (keys.length > 0) await area.remove(keys);
    },
  };
  return {
    ...keeper,
    saveTicket: (tabId, payload) => inOrder(tabId, () => keeper.saveTicket(tabId, payload)),
    clearTab: (tabId) => inOrder(tabId, () => keeper.clearTab(tabId)),
    tabUrlChanged: (tabId, url) => inOrder(tabId, () => keeper.tabUrlChanged(tabId, url)),
  };
}

/** Wires the keeper to the background's events. Call once from `defineBackground`. */
export function startTicketKeeper(api: TicketKeeperApi = browser as unknown as TicketKeeperApi): () => void {
  const keeper = createTicketKeeper(api);
  const fromOurContentScript = (sender: MessageSender): sender is MessageSender & { tab: { id: number } } =>
    sender.id === api.runtime.id && !isExtensionPage(sender) && typeof sender.tab?.id === 'number' && (sender.frameId ?? 0) === 0;

  const stopMessages = onMessage(
    {
      ticketRead: async ({ ticket }, sender) => {
        if (!fromOurContentScript(sender)) return { stored: false };
        return { stored: await keeper.saveTicket(sender.tab.id, ticket) };
      },
      // Only our extension pages (the panel) may ask, never a content script in some page.
      readActiveTab: ({ tabId }, sender) =>
        sender.id === api.runtime.id && isExtensionPage(sender) && typeof tabId === 'number'
          ? keeper.readTab(tabId)
          : { ok: false, reason: 'not_allowed' },
    },
    api,
  );
  const onRemoved = (tabId: number) => void keeper.clearTab(tabId);
  const onUpdated = (tabId: number, changeInfo: { url?: string; status?: string }, tab?: { url?: string }) => {
    if (changeInfo.url) void keeper.tabUrlChanged(tabId, changeInfo.url);
    // A load whose URL Chrome hides from us (no "tabs" permission, no host access): the tab left
    // every helpdesk Köprü reads, and a generic page's one-time activeTab grant, so its ticket is stale.
    else if (changeInfo.status === 'loading' && tab && tab.url === undefined) void keeper.clearTab(tabId);
  };
  const onStartup = () => void keeper.clearAll();
  api.tabs.onRemoved.addListener(onRemoved);
  api.tabs.onUpdated.addListener(onUpdated);
  // Session storage empties itself with the browser; the local fallback must be emptied by hand.
  if (!api.storage.session) api.runtime.onStartup?.addListener(onStartup);
  return () => {
    stopMessages();
    api.tabs.onRemoved.removeListener(onRemoved);
    api.tabs.onUpdated.removeListener(onUpdated);
    api.runtime.onStartup?.removeListener(onStartup);
  };
}

/**
 * Sent from one of our own pages (side panel, options), not a content script. Tested on the URL,
 * not on `sender.tab`: the panel opened as a tab (as e2e tests do) has a tab too.
 */
export function isExtensionPage(sender: MessageSender): boolean {
  try {
    return /-extension:$/.test(new URL(sender.url ?? '').protocol);
  } catch {
    return false;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
