/**
 * First render of the side panel with the server's templates, in Debian's Chromium with the built
 * extension loaded (launch shape of test/e2e/support/browser.ts).
 *
 * The extension is pointed at the benchmark server by writing its settings (`local:settings`, see
 * extension/lib/settings.ts) from the service worker. Then `chrome-extension://<id>/sidepanel.html`
 * is opened in a fresh page `loads` times. An init script (it runs before the panel's own code)
 * waits for the panel's own mark `kopru:templates-rendered` (performance.mark when the list first
 * renders with data: the list saved at the last opening, or the server's — `detail.source`), and
 * — for builds without the mark — for the first `[data-testid="template-item"]` in the DOM. That
 * moment (ms since the page's navigation started) is `commitMs`. `paintedMs`, the figure reported,
 * is when the browser painted the list: First Contentful Paint when the list was already in the
 * page's first paint (FCP at or after the render — a panel opening with its saved list), else the
 * first frame after the render (requestAnimationFrame, then a task; `frameMs`, always noted: it
 * comes later than the paint when other tasks, e.g. the server's answer, queue in between; Element
 * Timing would be exact but Chromium reports none for extension pages). The first load is the
 * cold one: no code cache, and no list saved yet (its list comes from the server); the next ones
 * open as an agent's panel usually does. `kopru:templates-rendered:server` (the server's list on
 * screen) is recorded too.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { EXTENSION_ID } from '../../shared/extension-id';
import { CHROMIUM_PATH, hostResolverRules, QUIET_CHROMIUM_ARGS } from '../../test/e2e/support/chromium';
import { TEMPLATE_CACHE_KEY } from '../../extension/lib/template-cache';

declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };

export type RenderSample = {
  commitMs: number;
  /** The first frame after the render (rAF, then a task): the figure when Element Timing is not reported. */
  frameMs: number | null;
  /** What the first rendered list was: 'cache' (saved at the last opening), 'server', or 'dom' (no mark: older build). */
  source: string;
  /** When the server's list was first rendered (the `…:server` mark), if it was by the time of the paint. */
  serverListMs: number | null;
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
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') state.fcpMs = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  const finish = () => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        state.frameMs = performance.now();
        state.api = performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/'))
          .map((e) => ({ path: new URL(e.name).pathname, startMs: e.startTime, endMs: e.responseEnd }));
        const nav = performance.getEntriesByType('navigation')[0];
        if (nav) state.domContentLoadedMs = nav.domContentLoadedEventEnd;
        const server = performance.getEntriesByName('kopru:templates-rendered:server')[0];
        state.serverListMs = server ? server.startTime : null;
        // The paint itself when the list was in the page's first contentful paint (the panel's
        // first render had it: the list saved at the last opening) — First Contentful Paint, reported
        // a task or two after that frame; else the first frame after the render (rAF, then a task:
        // later than the paint when other tasks queue in between).
        const started = performance.now();
        const settle = () => {
          if (state.fcpMs !== undefined) state.paintedMs = state.fcpMs >= state.commitMs ? state.fcpMs : state.frameMs;
          else if (performance.now() - started > 250) state.paintedMs = state.frameMs;
          else return void setTimeout(settle, 10);
        };
        settle();
      };
      ch.port2.postMessage(null);
    });
  };
  const rendered = (at, source) => {
    if (state.commitMs !== undefined) return;
    state.commitMs = at;
    state.source = source;
    state.items = document.querySelectorAll(${JSON.stringify(ITEM)}).length;
    finish();
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'kopru:templates-rendered') rendered(e.startTime, (e.detail && e.detail.source) || 'unknown');
      }
    }).observe({ type: 'mark', buffered: true });
  } catch {}
  const observer = new MutationObserver(() => {
    if (state.firstDomMs === undefined && document.getElementById('root')?.firstChild) state.firstDomMs = performance.now();
    if (document.querySelectorAll(${JSON.stringify(ITEM)}).length === 0) return;
    observer.disconnect();
    // Builds without the mark: the first item in the DOM. With the mark, give it a frame to arrive.
    setTimeout(() => {
      if (performance.getEntriesByName('kopru:templates-rendered').length === 0) rendered(performance.now(), 'dom');
    }, 50);
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
    executablePath: CHROMIUM_PATH,
    headless: false, // --headless=new below: the mode that loads extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: 'en-US',
    viewport: { width: 380, height: 900 },
    args: [
      '--headless=new',
      ...QUIET_CHROMIUM_ARGS,
      '--lang=en-US',
      `--disable-extensions-except=${opts.extDir}`,
      `--load-extension=${opts.extDir}`,
      hostResolverRules(),
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
      // A list from storage is replaced by the server's moments later: note when (not part of the figure).
      s.serverListMs = await page
        .waitForFunction(() => performance.getEntriesByName('kopru:templates-rendered:server')[0]?.startTime ?? null, undefined, { timeout: 5_000 })
        .then((h) => h.jsonValue() as Promise<number | null>)
        .catch(() => null);
      samples.push({
        commitMs: s.commitMs,
        frameMs: s.frameMs ?? null,
        source: s.source ?? 'dom',
        serverListMs: s.serverListMs ?? null,
        paintedMs: s.paintedMs,
        items: s.items,
        lcpMs: s.lcpMs ?? null,
        firstDomMs: s.firstDomMs ?? null,
        domContentLoadedMs: s.domContentLoadedMs ?? null,
        api: s.api ?? [],
      });
      // An agent's panel stays open for more than a moment: let it save the list it shows for the
      // next opening (it does so half a second after loading it) before this page is closed.
      const saved = () => page.evaluate((key) => localStorage.getItem(key) !== null, TEMPLATE_CACHE_KEY);
      for (let waited = 0; waited < 5_000 && !(await saved()); waited += 100) await new Promise((r) => setTimeout(r, 100));
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
