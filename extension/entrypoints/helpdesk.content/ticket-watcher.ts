/**
 * Keeps the background's copy of this tab's ticket current.
 *
 * Helpdesks are SPAs: opening another ticket changes the URL through the History API and renders
 * the new ticket asynchronously, and fields arrive late. So the page is read again on every
 * in-app navigation (`wxt:locationchange`, which WXT drives with the Navigation API — an
 * isolated-world `pushState` wrapper would never see the page's calls, helpdesks.md §1) and on
 * relevant DOM mutations, coalesced to one read per `READ_DELAY_MS`. Only changes are sent.
 * Every timer and listener is tied to the WXT context, so a reloaded extension leaves nothing
 * behind.
 *
 * @module
 */
import type { TicketContext } from '../../../shared/schemas/ticket-context';
import { readTicketContext } from '../../helpdesks/read-ticket-context';
import { onMessage, sendMessage } from '../../lib/messaging';

/** A read happens at most this long after the first change of a burst (switching must show within 1 s). */
export const READ_DELAY_MS = 250;

// Attribute changes that can mean "another ticket is now the visible one" (Zendesk toggles
// `data-is-active`/`style` on mounted tabs); class churn from hovering is ignored.
const WATCHED_ATTRIBUTES = ['data-is-active', 'data-selected', 'style', 'hidden', 'aria-hidden', 'value', 'href'];

/** The parts of WXT's `ContentScriptContext` the watcher uses. */
export interface WatcherContext {
  setTimeout(handler: () => void, timeout: number): unknown;
  onInvalidated(cb: () => void): () => void;
  addEventListener(target: Window, type: 'wxt:locationchange', handler: () => void): void;
}

export interface WatcherDeps {
  doc: Document;
  win: Window & typeof globalThis;
  now(): number;
  /** Delivers the ticket (null: this page shows none) to the background. */
  publish(ticket: TicketContext | null): Promise<unknown>;
  /** Registers the handler for the background's "read now"; returns unregister. */
  onReadRequest(handler: () => void): () => void;
}

export function startTicketWatcher(ctx: WatcherContext, deps: WatcherDeps = browserDeps()): void {
  let lastSent: string | undefined;
  let scheduled = false;
  let stopped = false;

  const read = (force: boolean) => {
    scheduled = false;
    if (stopped) return;
    const ticket = readTicketContext(deps.doc, new URL(deps.win.location.href), deps.now());
    const signature = JSON.stringify(ticket && { ...ticket, readAt: 0 });
    if (!force && signature === lastSent) return;
    lastSent = signature;
    deps.publish(ticket).catch(() => {
      // Background unreachable (worker starting, extension reloading): retry on the next change.
      lastSent = undefined;
    });
  };
  const schedule = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    ctx.setTimeout(() => read(false), READ_DELAY_MS);
  };

  ctx.addEventListener(deps.win, 'wxt:locationchange', schedule);
  const observer = new deps.win.MutationObserver(schedule);
  observer.observe(deps.doc.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  // Back/forward cache restores the page without re-running us; the stored ticket may be gone.
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) read(true);
  };
  deps.win.addEventListener('pageshow', onPageShow);
  const stopReadRequests = deps.onReadRequest(() => read(true));

  ctx.onInvalidated(() => {
    stopped = true;
    observer.disconnect();
    deps.win.removeEventListener('pageshow', onPageShow);
    stopReadRequests();
  });
  read(false);
}

function browserDeps(): WatcherDeps {
  return {
    doc: document,
    win: window,
    now: () => Date.now(),
    publish: (ticket) => sendMessage('ticketRead', { ticket }),
    onReadRequest: (handler) =>
      onMessage({
        readTicketNow: () => {
          handler();
          return { read: true };
        },
      }),
  };
}
