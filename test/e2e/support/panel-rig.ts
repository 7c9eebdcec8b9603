/**
 * One journey file's world: the real server in sandbox mode, the HTTPS helpdesk fixture pages, and
 * Debian's Chromium with the built extension. Like an agent's screen, there is the helpdesk tab and,
 * beside it, the panel: `sidepanel.html` in a popup window of its own (`chrome.sidePanel.open`
 * needs a user gesture, which tests cannot give). Run as a tab, the panel follows the tab the agent
 * used last other than itself (extension/lib/ticket-store.ts), so `openTicket` brings the ticket
 * tab to front.
 *
 * @module
 */
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { FIXTURE_HOSTS, FIXTURE_PAGES } from '../../fixtures/helpdesks/fixture-pages';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { launchExtensionBrowser, type ExtensionBrowser } from './browser';
import { startHelpdeskServer, type HelpdeskServer } from './helpdesk-server';

declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  windows: { create(data: { url: string; type: 'popup'; width: number; height: number }): Promise<unknown> };
};

export type PanelLanguage = 'en' | 'tr';

export type PanelRig = {
  server: TestServer;
  helpdesks: HelpdeskServer;
  browser: ExtensionBrowser;
  /** The helpdesk tab. */
  ticketTab: Page;
  /** The panel page (open after `openPanel`). */
  panel: Page;
  /** A fixture page's URL (from FIXTURE_PAGES) on the loopback helpdesk server. */
  fixtureUrl(url: string): string;
  /** Shows that fixture page in the helpdesk tab and makes it the tab the agent looks at. */
  openTicket(url: string): Promise<void>;
  /** Stores the server and the agent's token in the extension, as the connect form does. */
  connect(language?: PanelLanguage | null): Promise<void>;
  /** Opens (or reloads) sidepanel.html in the panel tab: a freshly opened panel. */
  openPanel(): Promise<Page>;
  /** A data-testid locator in the panel. */
  $(testId: string): ReturnType<Page['getByTestId']>;
  close(): Promise<void>;
};

/** Host → vendor folder, and each fixture path that is not the vendor's `ticket.html`. */
function helpdeskRoutes(): Record<string, { vendor: string; pages: Record<string, string> }> {
  const routes: Record<string, { vendor: string; pages: Record<string, string> }> = {};
  for (const page of FIXTURE_PAGES) {
    const url = new URL(page.url);
    const [vendor] = page.file.split('/');
    const route = (routes[url.hostname] ??= { vendor: vendor!, pages: {} });
    if (basename(page.file) !== 'ticket.html') route.pages[url.pathname] = basename(page.file);
  }
  return routes;
}

export async function startPanelRig(opts: { env?: Record<string, string>; locale?: string } = {}): Promise<PanelRig> {
  const server = await startTestServer(opts.env);
  const helpdesks = await startHelpdeskServer(helpdeskRoutes());
  const browser = await launchExtensionBrowser({ hosts: [...FIXTURE_HOSTS], ...(opts.locale ? { locale: opts.locale } : {}) });
  const ticketTab = browser.ctx.pages()[0] ?? (await browser.ctx.newPage());
  let panel: Page | null = null;

  const fixtureUrl = (url: string) => {
    const u = new URL(url);
    u.port = String(helpdesks.port);
    return u.href;
  };

  const rig: PanelRig = {
    server,
    helpdesks,
    browser,
    ticketTab,
    get panel() {
      if (!panel) throw new Error('openPanel() first');
      return panel;
    },
    fixtureUrl,
    async openTicket(url) {
      await ticketTab.goto(fixtureUrl(url));
      await ticketTab.bringToFront();
    },
    async connect(language = 'en') {
      await browser.sw.evaluate((settings) => chrome.storage.local.set({ settings }), { serverUrl: server.url, token: server.agentToken, language });
    },
    async openPanel() {
      if (!panel) {
        // A window of its own, like the real side panel beside the helpdesk: both pages stay visible
        // (a background tab gets no animation frames, which stalls clicks), and the ticket tab stays
        // the active one of its window.
        const opened = browser.ctx.waitForEvent('page', { predicate: (p) => p.url().endsWith('/sidepanel.html') });
        await browser.sw.evaluate(() => chrome.windows.create({ url: 'sidepanel.html', type: 'popup', width: 380, height: 900 }));
        panel = await opened;
        await panel.waitForLoadState('domcontentloaded');
      } else {
        await panel.reload();
      }
      return panel;
    },
    $: (testId) => rig.panel.getByTestId(testId),
    async close() {
      await browser.close();
      await helpdesks.close();
      await server.close();
    },
  };
  return rig;
}

/** A fixture page by vendor and file name, e.g. `fixture('zendesk', 'ticket.html')`. */
export function fixture(helpdesk: string, file: string): { url: string; next?: string } {
  const page = FIXTURE_PAGES.find((p) => p.file === `${helpdesk}/${file}`);
  if (!page) throw new Error(`no fixture ${helpdesk}/${file}`);
  return { url: page.url, ...(page.next ? { next: page.next } : {}) };
}
