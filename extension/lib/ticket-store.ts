/**
 * The side panel's only way to the ticket on screen (architecture path 1, last step).
 *
 * The background keeps one validated `TicketContext` per tab under `ticket:<tabId>` in
 * `storage.session` (see `ticket-keeper.ts`); this module follows the active tab of the panel's
 * window and that tab's entry. Storage, not messages, because the panel may open long after the
 * page was read, and the MV3 worker keeps no memory. `storage.session` is readable by extension
 * pages only, never by content scripts in other tabs.
 *
 * The panel page can also run as an ordinary tab (`sidepanel.html` opened directly: browser tests,
 * since `sidePanel.open` needs a user gesture, or an agent who pins it in a tab). There the active
 * tab is often the panel itself, which never holds a ticket; it then follows the tab the agent
 * used most recently other than itself, in any window.
 *
 * @module
 */
import { browser } from 'wxt/browser';
import { TicketContext } from '../../shared/schemas/ticket-context';
import type { InsertReplyResult, MessagingApi, ReadTabResult, ReplyTarget } from './messaging';
import { sendMessage } from './messaging';

export const TICKET_KEY_PREFIX = 'ticket:';

/** Storage key of a tab's ticket. */
export function ticketKey(tabId: number): string {
  return `${TICKET_KEY_PREFIX}${tabId}`;
}

interface ListenerSlot<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}
export interface StorageAreaApi {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
export type StorageChanges = Record<string, { newValue?: unknown; oldValue?: unknown }>;

/** The slice of the extension API the store needs (a fake in tests). */
export interface TicketStoreApi extends MessagingApi {
  storage: {
    session?: StorageAreaApi;
    local: StorageAreaApi;
    onChanged: ListenerSlot<(changes: StorageChanges, areaName: string) => void>;
  };
  tabs: MessagingApi['tabs'] & {
    /** `{}` lists every tab; `lastAccessed` needs no "tabs" permission (only url/title do). */
    query(query: { active?: true; windowId?: number }): Promise<Array<{ id?: number; lastAccessed?: number }>>;
    /** The tab this page runs in; undefined in the side panel (and in the background). */
    getCurrent?(): Promise<{ id?: number } | undefined>;
    onActivated: ListenerSlot<(info: { tabId: number; windowId: number }) => void>;
  };
  windows: { getCurrent(): Promise<{ id?: number }> };
}

/** Session storage (kept across worker restarts, gone with the browser); local where it is missing. */
export function ticketArea(api: Pick<TicketStoreApi, 'storage'>): { area: StorageAreaApi; areaName: 'session' | 'local' } {
  return api.storage.session
    ? { area: api.storage.session, areaName: 'session' }
    : { area: api.storage.local, areaName: 'local' };
}

/** A stored value as a ticket; anything that does not parse (an older version's shape) is no ticket. */
export function parseStoredTicket(value: unknown): TicketContext | null {
  const parsed = TicketContext.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface TicketStore {
  /** Calls `cb` with the active tab's ticket now and whenever the tab or its ticket changes. Returns stop. */
  watchActiveTicket(cb: (ticket: TicketContext | null) => void): () => void;
  getActiveTicket(): Promise<TicketContext | null>;
  /** Asks the background to read the active tab now (injecting the reader on generic pages). */
  requestActiveTabRead(): Promise<ReadTabResult>;
  /** Puts `text` into the reply box of the active tab's ticket, if that tab still shows `target`. */
  insertIntoReply(text: string, target: ReplyTarget): Promise<InsertReplyResult>;
}

export function createTicketStore(api: TicketStoreApi): TicketStore {
  const { area, areaName } = ticketArea(api);

  type Followed = { windowId: number | undefined; tabId: number | undefined; ownTabId: number | undefined };

  /** The tab whose ticket the panel shows now (see the module comment for the panel run as a tab). */
  async function activeTab(): Promise<Followed> {
    const [{ id: windowId }, own] = await Promise.all([api.windows.getCurrent(), api.tabs.getCurrent?.()]);
    const ownTabId = own?.id;
    const [tab] = await api.tabs.query(windowId === undefined ? { active: true } : { active: true, windowId });
    if (ownTabId === undefined || tab?.id !== ownTabId) return { windowId, tabId: tab?.id, ownTabId };
    // The panel is the active tab itself: take the tab the agent was on just before.
    let recent: { id?: number; lastAccessed?: number } | undefined;
    for (const t of await api.tabs.query({})) {
      if (t.id === undefined || t.id === ownTabId) continue;
      if (!recent || (t.lastAccessed ?? 0) > (recent.lastAccessed ?? 0)) recent = t;
    }
    return { windowId, tabId: recent?.id, ownTabId };
  }

  async function load(tabId: number | undefined): Promise<TicketContext | null> {
    if (tabId === undefined) return null;
    const key = ticketKey(tabId);
    return parseStoredTicket((await area.get(key))[key]);
  }

  return {
    watchActiveTicket(cb) {
      let stopped = false;
      let windowId: number | undefined;
      let tabId: number | undefined;
      let ownTabId: number | undefined;
      // Each emission bumps the version; a slower load that lost the race is dropped.
      let version = 0;
      const emitLoaded = async (id: number | undefined) => {
        const mine = ++version;
        const ticket = await load(id);
        if (!stopped && mine === version) cb(ticket);
      };
      const onActivated = (info: { tabId: number; windowId: number }) => {
        if (ownTabId !== undefined) {
          // Run as a tab: any window's tab but the panel's own (switching to the panel keeps the ticket).
          if (info.tabId === ownTabId) return;
        } else if (windowId === undefined || info.windowId !== windowId) return;
        tabId = info.tabId;
        void emitLoaded(tabId);
      };
      const onChanged = (changes: StorageChanges, changedArea: string) => {
        if (stopped || changedArea !== areaName || tabId === undefined) return;
        const change = changes[ticketKey(tabId)];
        if (!change) return;
        version++;
        cb(parseStoredTicket(change.newValue));
      };
      api.tabs.onActivated.addListener(onActivated);
      api.storage.onChanged.addListener(onChanged);
      void activeTab().then((active) => {
        windowId = active.windowId;
        tabId = active.tabId;
        ownTabId = active.ownTabId;
        return emitLoaded(tabId);
      });
      return () => {
        stopped = true;
        api.tabs.onActivated.removeListener(onActivated);
        api.storage.onChanged.removeListener(onChanged);
      };
    },
    async getActiveTicket() {
      return load((await activeTab()).tabId);
    },
    async requestActiveTabRead() {
      const { tabId } = await activeTab();
      if (tabId === undefined) return { ok: false, reason: 'no_tab' };
      try {
        return (await sendMessage('readActiveTab', { tabId }, api)) ?? { ok: false, reason: 'no_reply' };
      } catch {
        return { ok: false, reason: 'no_reply' };
      }
    },
    async insertIntoReply(text, target) {
      const { tabId } = await activeTab();
      if (tabId === undefined) return { ok: false, reason: 'no_tab' };
      try {
        return (await sendMessage('insertReply', { tabId, text, target }, api)) ?? { ok: false, reason: 'no_reply' };
      } catch {
        return { ok: false, reason: 'no_reply' };
      }
    },
  };
}

// The panel's bindings to the real browser. Created per call: cheap, and no module-level state.
const realApi = () => browser as unknown as TicketStoreApi;

export function watchActiveTicket(cb: (ticket: TicketContext | null) => void): () => void {
  return createTicketStore(realApi()).watchActiveTicket(cb);
}
export function getActiveTicket(): Promise<TicketContext | null> {
  return createTicketStore(realApi()).getActiveTicket();
}
export function requestActiveTabRead(): Promise<ReadTabResult> {
  return createTicketStore(realApi()).requestActiveTabRead();
}
export function insertIntoActiveReply(text: string, target: ReplyTarget): Promise<InsertReplyResult> {
  return createTicketStore(realApi()).insertIntoReply(text, target);
}
