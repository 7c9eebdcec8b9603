/**
 * Debian's Chromium with the built extension (.output/chrome-mv3) loaded, driven by playwright-core
 * (never `playwright install`). Fake helpdesk hosts resolve to 127.0.0.1; every other lookup fails,
 * so the browser makes no outside connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { EXTENSION_ID } from '../../../shared/extension-id';
import { CHROMIUM_PATH, hostResolverRules, QUIET_CHROMIUM_ARGS } from './chromium';

export const EXT_DIR = resolve('.output/chrome-mv3');

export type ExtensionBrowser = {
  ctx: BrowserContext;
  sw: Worker;
  extensionId: string;
  close(): Promise<void>;
};

export async function launchExtensionBrowser(opts: { hosts?: string[]; locale?: string } = {}): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'kopru-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: false, // --headless=new below: the mode that loads extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: opts.locale ?? 'en-US',
    viewport: { width: 380, height: 900 },
    args: [
      '--headless=new',
      ...QUIET_CHROMIUM_ARGS,
      `--lang=${opts.locale ?? 'en-US'}`,
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      hostResolverRules(opts.hosts),
      '--ignore-certificate-errors', // only the fake helpdesk hosts use TLS, with a throwaway certificate
    ],
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(sw.url()).host;
  if (extensionId !== EXTENSION_ID) throw new Error(`unexpected extension id ${extensionId}`);
  return {
    ctx,
    sw,
    extensionId,
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
