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

export type RenderSample = { commitMs: number; paintedMs: number; items: number; lcpMs: number | null };
export type PanelRender = { samples: RenderSample[]; coldMs: number; medianMs: number; loadedJs: string[] };

const ITEM = '[data-testid="template-item"]';

/** Runs inside the panel page before its scripts. */
function watchFirstTemplateItem(selector: string) {
  const w = window as unknown as { __kopruBench?: Record<string, unknown> };
  const state: Record<string, unknown> = {};
  w.__kopruBench = state;
  try {
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      if (last) state.lcpMs = last.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {
    // LCP is informational only
  }
  const check = () => {
    if (state.commitMs !== undefined) return;
    const items = document.querySelectorAll(selector);
    if (items.length === 0) return;
    state.commitMs = performance.now();
    state.items = items.length;
    observer.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (state.paintedMs = performance.now());
      ch.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

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
    await ctx.addInitScript(watchFirstTemplateItem, ITEM);

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
      const s = (await result.jsonValue()) as { commitMs: number; paintedMs: number; items: number; lcpMs?: number };
      samples.push({ commitMs: s.commitMs, paintedMs: s.paintedMs, items: s.items, lcpMs: s.lcpMs ?? null });
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
