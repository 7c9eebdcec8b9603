/**
 * First render of the side panel with the server's templates, in Debian's Chromium with the built
 * extension loaded (launch shape of test/e2e/support/browser.ts).
 *
 * The extension is pointed at the benchmark server by writing its settings (`local:settings`, see
 * extension/lib/settings.ts) from the service worker. Then `chrome-extension://<id>/sidepanel.html`
 * is opened in a fresh page `loads` times. An init script (it runs before the panel's own code)
 * watches the DOM: when the first `[data-testid="template-item"]` appears — the list rendered with
 * data from `GET /api/templates` — it notes `performance.now()` (ms since the page's navigation
 * started) as `commitMs`, and the first frame after that (requestAnimationFrame, then a task) as
 * `paintedMs`, the figure reported. The first load is the cold one (no code cache yet).
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { EXTENSION_ID } from '../../shared/extension-id';

declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };

export type RenderSample = {
  commitMs: number;
  paintedMs: number;
  items: number;
  lcpMs: number | null;
  /** When the panel's root first had content (the app's first render, before data). */
  firstDomMs: number | null;
  domContentLoadedMs: number | null;
  /** The panel's API calls up to the first render (Resource Timing, ms since navigation start). */
  api: Array<{ path: string; startMs: number; endMs: number }>;
};
export type PanelRender = { samples: RenderSample[]; coldMs: number; medianMs: number; loadedJs: string[] };

const ITEM = '[data-testid="template-item"]';

/**
 * Runs inside the panel page before its scripts. A string, not a function: tsx/esbuild would add
 * `__name()` helpers to a compiled function, which do not exist in the page.
 */
const WATCH_FIRST_TEMPLATE_ITEM = `(() => {
  const state = {};
  window.__kopruBench = state;
  try {
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      if (last) state.lcpMs = last.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  const observer = new MutationObserver(() => {
    if (state.firstDomMs === undefined && document.getElementById('root')?.firstChild) state.firstDomMs = performance.now();
    if (state.commitMs !== undefined) return;
    const items = document.querySelectorAll(${JSON.stringify(ITEM)});
    if (items.length === 0) return;
    state.commitMs = performance.now();
    state.items = items.length;
    observer.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        state.paintedMs = performance.now();
        state.api = performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/'))
          .map((e) => ({ path: new URL(e.name).pathname, startMs: e.startTime, endMs: e.responseEnd }));
        const nav = performance.getEntriesByType('navigation')[0];
        if (nav) state.domContentLoadedMs = nav.domContentLoadedEventEnd;
      };
      ch.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export async function measurePanelRender(opts: {
  extDir: string;
  serverUrl: string;
  token: string;
  loads: number;
  timeoutMs?: number;
}): Promise<PanelRender> {
  const profile = mkdtempSync(join(tmpdir(), 'kopru-bench-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false, // --headless=new below: the mode that loads extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: 'en-US',
    viewport: { width: 380, height: 900 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--lang=en-US',
      `--disable-extensions-except=${opts.extDir}`,
      `--load-extension=${opts.extDir}`,
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
  try {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(sw.url()).host;
    if (extensionId !== EXTENSION_ID) throw new Error(`unexpected extension id ${extensionId}`);
    await sw.evaluate(
      (settings) => chrome.storage.local.set({ settings }),
      { serverUrl: opts.serverUrl, token: opts.token, language: 'en' },
    );
    await ctx.addInitScript({ content: WATCH_FIRST_TEMPLATE_ITEM });

    const samples: RenderSample[] = [];
    let loadedJs: string[] = [];
    for (let i = 0; i < opts.loads; i++) {
      const page = await ctx.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      await page.waitForSelector(ITEM, { timeout: opts.timeoutMs ?? 15_000 });
      const result = await page.waitForFunction(
        () => {
          const s = (window as unknown as { __kopruBench?: Record<string, number> }).__kopruBench;
          return s && s.paintedMs !== undefined ? s : null;
        },
        undefined,
        { timeout: 5_000 },
      );
      const s = (await result.jsonValue()) as unknown as Partial<RenderSample> & { commitMs: number; paintedMs: number; items: number };
      samples.push({
        commitMs: s.commitMs,
        paintedMs: s.paintedMs,
        items: s.items,
        lcpMs: s.lcpMs ?? null,
        firstDomMs: s.firstDomMs ?? null,
        domContentLoadedMs: s.domContentLoadedMs ?? null,
        api: s.api ?? [],
      });
      if (i === 0) {
        loadedJs = await page.evaluate(() =>
          [
            ...performance.getEntriesByType('resource').map((e) => e.name),
            ...[...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src),
          ]
            .filter((u) => u.startsWith(location.origin) && u.endsWith('.js'))
            .map((u) => new URL(u).pathname),
        );
      }
      await page.close();
    }
    const sorted = samples.map((s) => s.paintedMs).sort((a, b) => a - b);
    return { samples, coldMs: samples[0]!.paintedMs, medianMs: sorted[Math.floor((sorted.length - 1) / 2)]!, loadedJs: [...new Set(loadedJs)] };
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
