/**
 * An in-memory stand-in for the parts of the extension API the ticket path uses: storage areas
 * with `onChanged`, windows and tabs with activation/removal/navigation events, runtime and tab
 * messaging with per-context senders, and `scripting.executeScript`.
 *
 * Each extension context gets its own view (`background`, `panel(windowId)`, `contentScript(tabId)`)
 * so messages carry the sender Chrome would attach.
 *
 * @module
 */
import type { MessageSender } from '../../../extension/lib/messaging';
import type { StorageAreaApi, StorageChanges } from '../../../extension/lib/ticket-store';
import type { TicketKeeperApi } from '../../../extension/lib/ticket-keeper';

type Listener = (...args: never[]) => unknown;

class Slot<F extends Listener> {
  readonly listeners = new Set<F>();
  addListener = (listener: F) => void this.listeners.add(listener);
  removeListener = (listener: F) => void this.listeners.delete(listener);
  emit(...args: Parameters<F>) {
    for (const listener of [...this.listeners]) listener(...args);
  }
}

type RuntimeListener = (message: unknown, sender: MessageSender, sendResponse: (response?: unknown) => void) => unknown;
const EXTENSION_ID = 'kopru-test-extension';

export interface FakeTab {
  id: number;
  windowId: number;
  url: string;
  /** Bumped on each activation, like Chrome's `tab.lastAccessed`. */
  lastAccessed: number;
}

export function createFakeExtension(options: { session?: boolean } = {}) {
  const onChanged = new Slot<(changes: StorageChanges, areaName: string) => void>();
  /** `readDelayMs`: reads answer this late (storage is IPC in Chrome), to expose ordering races. */
  const area = (areaName: string): StorageAreaApi & { data: Map<string, unknown>; readDelayMs: number } => {
    const data = new Map<string, unknown>();
    const change = (key: string, newValue: unknown) => {
      const oldValue = data.get(key);
      if (newValue === undefined) data.delete(key);
      else data.set(key, structuredClone(newValue));
      onChanged.emit({ [key]: { oldValue, newValue } }, areaName);
    };
    return {
      data,
      readDelayMs: 0,
      async get(keys) {
        const wanted = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
        const read = Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
        // Read now, answered later: what the caller gets may be stale by the time it arrives.
        if (this.readDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.readDelayMs));
        return read;
      },
      async set(items) {
        for (const [key, value] of Object.entries(items)) change(key, value);
      },
      async remove(keys) {
        for (const key of Array.isArray(keys) ? keys : [keys]) if (data.has(key)) change(key, undefined);
      },
    };
  };
  const session = options.session === false ? undefined : area('session');
  const local = area('local');

  const tabs = new Map<number, FakeTab>();
  const activeByWindow = new Map<number, number>();
  let accessClock = 0;
  const onActivated = new Slot<(info: { tabId: number; windowId: number }) => void>();
  const onRemoved = new Slot<(tabId: number) => void>();
  const onUpdated = new Slot<(tabId: number, changeInfo: { url?: string; status?: string }, tab?: { url?: string }) => void>();
  const onStartup = new Slot<() => void>();
  // Listeners per context: the background and panels share the runtime; content scripts are per tab.
  const extensionListeners = new Set<RuntimeListener>();
  const tabListeners = new Map<number, Set<RuntimeListener>>();
  const executeScript = { calls: [] as Array<{ tabId: number; files: string[] }>, allowed: true, onInject: (_tabId: number) => {} };

  async function deliver(listeners: Iterable<RuntimeListener>, message: unknown, sender: MessageSender): Promise<unknown> {
    for (const listener of listeners) {
      let respond!: (value: unknown) => void;
      const reply = new Promise((resolve) => (respond = resolve));
      if (listener(message, sender, respond) === true) return reply;
    }
    throw new Error('Could not establish connection. Receiving end does not exist.');
  }

  function view(sender: MessageSender, ownListeners: Set<RuntimeListener>, windowId: number, ownTab?: number): TicketKeeperApi {
    return {
      storage: { session, local, onChanged },
      windows: { getCurrent: async () => ({ id: windowId }) },
      tabs: {
        query: async (query) => {
          if (!query.active) return [...tabs.values()].map(({ id, lastAccessed }) => ({ id, lastAccessed }));
          const id = activeByWindow.get(query.windowId ?? windowId);
          return id === undefined ? [] : [{ id }];
        },
        getCurrent: async () => (ownTab === undefined ? undefined : { id: ownTab }),
        sendMessage: (tabId, message) => deliver(tabListeners.get(tabId) ?? [], message, { id: EXTENSION_ID }),
        onActivated,
        onRemoved,
        onUpdated,
      },
      runtime: {
        id: EXTENSION_ID,
        // Chrome does not deliver a context's message to its own listeners.
        sendMessage: (message) => deliver([...extensionListeners].filter((l) => !ownListeners.has(l)), message, sender),
        onMessage: {
          addListener: (listener) => void ownListeners.add(listener as RuntimeListener),
          removeListener: (listener) => void ownListeners.delete(listener as RuntimeListener),
        },
        onStartup,
      },
      scripting: {
        executeScript: async ({ target, files }) => {
          executeScript.calls.push({ tabId: target.tabId, files });
          if (!executeScript.allowed) throw new Error('Cannot access contents of the page.');
          executeScript.onInject(target.tabId);
          return [];
        },
      },
    };
  }

  return {
    session,
    local,
    executeScript,
    onStartup,
    background: () => view({ id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/background.js` }, extensionListeners, 1),
    /** A side panel in `windowId` (`asTab`: opened as a tab, as e2e tests do). Its listeners are its own. */
    panel: (windowId = 1, asTab?: number) =>
      view({ id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html`, ...(asTab === undefined ? {} : { tab: { id: asTab } }) }, new Set(), windowId, asTab),
    /** The content script in a tab: its runtime messages carry that tab. */
    contentScript(tabId: number) {
      const own = tabListeners.get(tabId) ?? new Set<RuntimeListener>();
      tabListeners.set(tabId, own);
      const tab = tabs.get(tabId);
      return view({ id: EXTENSION_ID, tab: { id: tabId, url: tab?.url }, frameId: 0, url: tab?.url }, own, tab?.windowId ?? 1);
    },
    openTab(id: number, url: string, windowId = 1): FakeTab {
      const tab = { id, windowId, url, lastAccessed: 0 };
      tabs.set(id, tab);
      return tab;
    },
    activate(tabId: number) {
      const tab = tabs.get(tabId);
      if (!tab) throw new Error(`no tab ${tabId}`);
      activeByWindow.set(tab.windowId, tabId);
      tab.lastAccessed = ++accessClock;
      onActivated.emit({ tabId, windowId: tab.windowId });
    },
    navigate(tabId: number, url: string) {
      const tab = tabs.get(tabId);
      if (!tab) throw new Error(`no tab ${tabId}`);
      tab.url = url;
      onUpdated.emit(tabId, { url });
    },
    /** Navigates to a page the extension has no host access to: Chrome leaves the URL out. */
    navigateOutOfReach(tabId: number, url: string) {
      const tab = tabs.get(tabId);
      if (!tab) throw new Error(`no tab ${tabId}`);
      tab.url = url;
      onUpdated.emit(tabId, { status: 'loading' }, {});
    },
    close(tabId: number) {
      tabs.delete(tabId);
      tabListeners.delete(tabId);
      onRemoved.emit(tabId);
    },
  };
}
