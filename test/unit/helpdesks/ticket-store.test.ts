// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketContext } from '../../../shared/schemas/ticket-context';
import { onMessage, sendMessage } from '../../../extension/lib/messaging';
import { CONTENT_SCRIPT_FILE, startTicketKeeper } from '../../../extension/lib/ticket-keeper';
import { createTicketStore, ticketKey } from '../../../extension/lib/ticket-store';
import { createFakeExtension } from './fake-extension';
import { readFixture } from './fixture-page';

const ZENDESK = 'https://acme.zendesk.com/agent/tickets/4711';
const FRESHDESK = 'https://acme.freshdesk.com/a/tickets/1532';
const GENERIC = 'https://destek.example.test/talepler/5521';
const zendeskTicket = () => readFixture('zendesk', 'ticket.html', ZENDESK);
const freshdeskTicket = () => readFixture('freshdesk', 'ticket.html', FRESHDESK);
const genericTicket = () => readFixture('generic', 'page.html', GENERIC);

let fake: ReturnType<typeof createFakeExtension>;
beforeEach(() => {
  fake = createFakeExtension();
  startTicketKeeper(fake.background());
});

/** Lets the keeper's pending storage calls (in-memory, promise-based) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What the content script in `tabId` does after reading its page. */
const contentScriptSends = (tabId: number, ticket: unknown) =>
  sendMessage('ticketRead', { ticket: ticket as TicketContext | null }, fake.contentScript(tabId));

function watchPanel(windowId = 1, asTab?: number) {
  const seen: Array<TicketContext | null> = [];
  const stop = createTicketStore(fake.panel(windowId, asTab)).watchActiveTicket((ticket) => seen.push(ticket));
  const last = () => seen.at(-1);
  return { seen, stop, last };
}

describe('ticket path: content script → background → panel', () => {
  it("shows the active tab's ticket, also when the panel opens after the page was read", async () => {
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    expect(await contentScriptSends(1, zendeskTicket())).toEqual({ stored: true });

    const panel = watchPanel();
    await vi.waitFor(() => expect(panel.last()?.customer.name).toBe('Ayşe Yılmaz'));
    expect(await createTicketStore(fake.panel()).getActiveTicket()).toEqual(zendeskTicket());
  });

  it('follows the agent from tab to tab, and shows nothing on a tab without a ticket', async () => {
    fake.openTab(1, ZENDESK);
    fake.openTab(2, FRESHDESK);
    fake.openTab(3, 'https://example.com/');
    fake.activate(1);
    await contentScriptSends(1, zendeskTicket());
    await contentScriptSends(2, freshdeskTicket());
    const panel = watchPanel();
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('4711'));

    fake.activate(2);
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('1532'));
    fake.activate(3);
    await vi.waitFor(() => expect(panel.last()).toBeNull());
  });

  it('updates when the page switches to another ticket, and clears when it shows none', async () => {
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    const panel = watchPanel();
    await vi.waitFor(() => expect(panel.seen).toEqual([null]));

    await contentScriptSends(1, zendeskTicket());
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('4711'));
    await contentScriptSends(1, readFixture('zendesk', 'ticket-2.html', 'https://acme.zendesk.com/agent/tickets/4712'));
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('4712'));
    await contentScriptSends(1, null);
    await vi.waitFor(() => expect(panel.last()).toBeNull());
  });

  it("ignores tickets from tabs of another window's panel", async () => {
    fake.openTab(1, ZENDESK, 1);
    fake.openTab(7, FRESHDESK, 2);
    fake.activate(1);
    fake.activate(7);
    await contentScriptSends(1, zendeskTicket());
    await contentScriptSends(7, freshdeskTicket());
    const panel = watchPanel(1);
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('4711'));
    await contentScriptSends(7, readFixture('freshdesk', 'ticket-2.html', 'https://acme.freshdesk.com/a/tickets/1533'));
    expect(panel.seen.map((t) => t?.ticketId)).toEqual(['4711']);
  });

  it('run as a tab, follows the tab the agent used last, never itself, in any window', async () => {
    const PANEL = `chrome-extension://kopru-test-extension/sidepanel.html`;
    fake.openTab(1, ZENDESK);
    fake.openTab(2, FRESHDESK);
    fake.openTab(7, 'https://acme.zendesk.com/agent/tickets/4712', 2);
    fake.openTab(9, PANEL);
    fake.activate(2);
    fake.activate(1);
    await contentScriptSends(1, zendeskTicket());
    await contentScriptSends(2, freshdeskTicket());
    fake.activate(9); // the panel page opens as the active tab
    const panel = watchPanel(1, 9);
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('4711'));

    fake.activate(2);
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('1532'));
    fake.activate(9); // back to the panel: it keeps the ticket
    await contentScriptSends(2, readFixture('freshdesk', 'ticket-2.html', 'https://acme.freshdesk.com/a/tickets/1533'));
    await vi.waitFor(() => expect(panel.last()?.ticketId).toBe('1533'));
    fake.activate(7); // another window, no ticket read there
    await vi.waitFor(() => expect(panel.last()).toBeNull());
    expect(panel.seen.map((t) => t?.ticketId ?? null)).toEqual(['4711', '1532', '1533', null]);
  });

  it('stops calling back once the watch is stopped', async () => {
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    const panel = watchPanel();
    await vi.waitFor(() => expect(panel.seen).toHaveLength(1));
    panel.stop();
    await contentScriptSends(1, zendeskTicket());
    expect(panel.seen).toEqual([null]);
  });
});

describe('background ticket keeper', () => {
  it('rejects what does not parse as a ticket, keeping nothing', async () => {
    fake.openTab(1, ZENDESK);
    const forged = { ...zendeskTicket(), customer: { phone: '0532 not e164' } };
    expect(await contentScriptSends(1, forged)).toEqual({ stored: false });
    expect(await contentScriptSends(1, { helpdesk: 'zendesk' })).toEqual({ stored: false });
    expect(fake.session?.data.size).toBe(0);
  });

  it("forgets a tab's ticket when the tab closes", async () => {
    fake.openTab(1, ZENDESK);
    await contentScriptSends(1, zendeskTicket());
    expect(fake.session?.data.has(ticketKey(1))).toBe(true);
    fake.close(1);
    await vi.waitFor(() => expect(fake.session?.data.has(ticketKey(1))).toBe(false));
  });

  it.each([
    ['in-app navigation on the helpdesk keeps it (the page re-reads)', ZENDESK, zendeskTicket, 'https://acme.zendesk.com/agent/dashboard', true],
    ['leaving the helpdesk forgets it', ZENDESK, zendeskTicket, 'https://example.com/', false],
    ['any navigation away from a generic page forgets it', GENERIC, genericTicket, 'https://destek.example.test/talepler/5522', false],
  ])('%s', async (_story, url, ticket, nextUrl, kept) => {
    fake.openTab(1, url);
    await contentScriptSends(1, ticket());
    fake.navigate(1, nextUrl);
    await settle();
    expect(fake.session?.data.has(ticketKey(1))).toBe(kept);
  });

  it('keeps the new page’s ticket when it arrives right after the tab moved to another helpdesk', async () => {
    fake.openTab(1, ZENDESK);
    await contentScriptSends(1, zendeskTicket());
    // The navigation's "forget the old ticket" and the new page's ticket reach the background back
    // to back, while storage reads are slow.
    fake.session!.readDelayMs = 20;
    fake.navigate(1, FRESHDESK);
    await contentScriptSends(1, freshdeskTicket());
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fake.session?.data.get(ticketKey(1))).toEqual(freshdeskTicket());
  });

  it('forgets it when the tab loads a page whose address Chrome hides from the extension (left the helpdesk)', async () => {
    fake.openTab(1, ZENDESK);
    await contentScriptSends(1, zendeskTicket());
    fake.navigateOutOfReach(1, 'https://mail.example.com/inbox');
    await vi.waitFor(() => expect(fake.session?.data.has(ticketKey(1))).toBe(false));
  });

  it('falls back to local storage without storage.session, and empties it on browser start', async () => {
    fake = createFakeExtension({ session: false });
    startTicketKeeper(fake.background());
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    await contentScriptSends(1, zendeskTicket());
    expect(await createTicketStore(fake.panel()).getActiveTicket()).toMatchObject({ ticketId: '4711' });
    fake.onStartup.emit();
    await vi.waitFor(() => expect(fake.local.data.size).toBe(0));
  });
});

describe('requestActiveTabRead', () => {
  it('asks the reader already running in the tab to read again', async () => {
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    const reads = vi.fn(() => ({ read: true }));
    onMessage({ readTicketNow: reads }, fake.contentScript(1));
    expect(await createTicketStore(fake.panel()).requestActiveTabRead()).toEqual({ ok: true });
    expect(reads).toHaveBeenCalledOnce();
    expect(fake.executeScript.calls).toEqual([]);
  });

  it('injects the reader into a page without one (generic page, activeTab granted)', async () => {
    fake.openTab(1, GENERIC);
    fake.activate(1);
    // The injected script reads the page and reports it, like the real one on start.
    fake.executeScript.onInject = (tabId) => void contentScriptSends(tabId, genericTicket());
    const panel = watchPanel();
    expect(await createTicketStore(fake.panel()).requestActiveTabRead()).toEqual({ ok: true });
    expect(fake.executeScript.calls).toEqual([{ tabId: 1, files: [CONTENT_SCRIPT_FILE] }]);
    await vi.waitFor(() => expect(panel.last()?.helpdesk).toBe('generic'));
  });

  it('reports when the page may not be read (no activeTab grant, restricted page)', async () => {
    fake.openTab(1, 'chrome://settings/');
    fake.activate(1);
    fake.executeScript.allowed = false;
    expect(await createTicketStore(fake.panel()).requestActiveTabRead()).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('reports when the window has no active tab', async () => {
    expect(await createTicketStore(fake.panel()).requestActiveTabRead()).toEqual({ ok: false, reason: 'no_tab' });
  });

  it('also answers the panel page opened as a tab', async () => {
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    onMessage({ readTicketNow: () => ({ read: true }) }, fake.contentScript(1));
    expect(await createTicketStore(fake.panel(1, 99)).requestActiveTabRead()).toEqual({ ok: true });
  });

  it('does not let a content script make the background read tabs', async () => {
    fake.openTab(1, ZENDESK);
    fake.openTab(2, FRESHDESK);
    expect(await sendMessage('readActiveTab', { tabId: 2 }, fake.contentScript(1))).toEqual({ ok: false, reason: 'not_allowed' });
    expect(fake.executeScript.calls).toEqual([]);
  });
});
