/**
 * The customer-facing pages in Debian's Chromium (no extension needed), on a phone-sized screen, in
 * Turkish and English: the public opt-in page (labels a screen reader can use, the unticked box
 * refused, the submission, then the WhatsApp confirmation that makes it an opt-in), the page inside
 * a shop's iframe (allowed from an https shop, refused elsewhere), and the preference centre.
 * Screenshots go to test-results/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryPoint } from '../../shared/schemas/entry-point';
import type { TestServer } from '../helpers/test-server';
import { CHROMIUM_PATH, hostResolverRules, QUIET_CHROMIUM_ARGS } from './support/chromium';
import { consentOf, createEntryPoint, customerSays, startCustomerServer, templatesOnPhone, textsOnPhone } from '../server/customer/helpers';

const SHOTS = 'test-results/screenshots';
const SHOP_HOST = 'shop.example.com';

let s: TestServer;
let browser: Browser;
let web: EntryPoint;
let shop: { https: ReturnType<typeof createHttpsServer>; http: Server; httpsPort: number; httpPort: number; dir: string };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await startCustomerServer();
  web = await createEntryPoint(s, { name: 'Web sitesi', source: 'website_popup', topics: ['order_updates', 'shipping', 'surveys'] });
  shop = await startShopServers(`${s.url}/optin/${web.slug}?embed=1&lang=tr`);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...QUIET_CHROMIUM_ARGS,
      hostResolverRules([SHOP_HOST]),
      '--ignore-certificate-errors', // only the fake shop uses TLS, with a throwaway certificate
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => shop?.https.close(r));
  await new Promise((r) => shop?.http.close(r));
  if (shop) rmSync(shop.dir, { recursive: true, force: true });
  await s?.close();
});

/** A phone-sized page whose browser speaks `locale`. */
async function phonePage(locale: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return { ctx, page: await ctx.newPage() };
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

const LANGS = [
  {
    locale: 'tr-TR',
    lang: 'tr',
    waId: '905321270111',
    heading: "Köprü Demo Mağazası bilgilendirmelerini WhatsApp'tan alın",
    phoneLabel: 'Cep telefonunuz (WhatsApp)',
    consentName: /Köprü Demo Mağazası tarafından siparişlerim/,
    submit: 'Onay mesajı gönder',
    refused: 'Devam etmek için onay kutusunu işaretleyin.',
    sent: "WhatsApp'ınızı kontrol edin",
    confirm: 'Evet',
  },
  {
    locale: 'en-GB',
    lang: 'en',
    waId: '447911127112',
    heading: 'Get Köprü Demo Mağazası updates on WhatsApp',
    phoneLabel: 'Your mobile number (WhatsApp)',
    consentName: /I agree to receive service messages from Köprü Demo Mağazası/,
    submit: 'Send me the confirmation',
    refused: 'Tick the consent box to continue.',
    sent: 'Check your WhatsApp',
    confirm: 'Yes',
  },
] as const;

describe('the public opt-in page in Chromium', () => {
  for (const L of LANGS) {
    it(`${L.lang}: labelled form, unticked box refused, submission, then opted in only after the WhatsApp reply`, async () => {
      const { ctx, page } = await phonePage(L.locale);
      try {
        await page.goto(`${s.url}/optin/${web.slug}`);
        expect(await page.getAttribute('html', 'lang')).toBe(L.lang);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(L.heading);
        // Every field is reachable by its label; the consent box names the exact wording and starts unticked.
        const consent = page.getByRole('checkbox', { name: L.consentName });
        expect(await consent.isChecked()).toBe(false);
        expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(3); // the offered topics
        expect(await page.locator('#website').getAttribute('tabindex')).toBe('-1'); // the honeypot is out of the tab order
        expect(await noSideways(page)).toBe(true);
        await page.screenshot({ path: `${SHOTS}/optin-${L.lang}.png`, fullPage: true });

        await page.getByLabel(L.phoneLabel).fill(`+${L.waId}`);
        await page.getByRole('button', { name: L.submit }).click();
        await page.waitForLoadState('domcontentloaded');
        await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(L.refused);
        expect(await page.getByLabel(L.phoneLabel).inputValue()).toBe(`+${L.waId}`);
        expect(await page.locator('#consent').getAttribute('aria-invalid')).toBe('true');
        await page.screenshot({ path: `${SHOTS}/optin-${L.lang}-refused.png`, fullPage: true });
        expect((await consentOf(s, `+${L.waId}`)).status).toBe('none');

        await page.getByRole('checkbox', { name: L.consentName }).check();
        await page.getByRole('button', { name: L.submit }).click();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(L.sent);
        await page.screenshot({ path: `${SHOTS}/optin-${L.lang}-sent.png`, fullPage: true });

        // Pending until the customer answers the question on WhatsApp.
        expect((await consentOf(s, `+${L.waId}`)).status).toBe('none');
        const [question] = await templatesOnPhone(s, L.waId);
        await customerSays(s, L.waId, { text: L.confirm, context: { id: question!.id } });
        const after = await consentOf(s, `+${L.waId}`);
        expect(after).toMatchObject({ status: 'opted_in', topics: ['order_updates', 'shipping', 'surveys'] });
        expect(after.history[0]).toMatchObject({ method: 'web_form', evidence: { source: 'website_popup' } });
      } finally {
        await ctx.close();
      }
    });
  }

  it('embedded in an https shop page the form works inside the iframe; a plain-http page may not frame it', async () => {
    const { ctx, page } = await phonePage('tr-TR');
    try {
      await page.goto(`https://${SHOP_HOST}:${shop.httpsPort}/`);
      const frame = page.frameLocator('iframe');
      await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(LANGS[0].heading);
      await frame.getByLabel(LANGS[0].phoneLabel).fill('0532 127 01 13');
      await frame.getByRole('checkbox', { name: LANGS[0].consentName }).check();
      await frame.getByRole('button', { name: LANGS[0].submit }).click();
      await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent()).toBe(LANGS[0].sent);
      await page.screenshot({ path: `${SHOTS}/optin-embedded.png`, fullPage: true });
      await templatesOnPhone(s, '905321270113');

      // The same snippet on a page that is not https: Chromium refuses to render our page in it.
      const blocked = await ctx.newPage();
      await blocked.goto(`http://127.0.0.1:${shop.httpPort}/`);
      const frameDoc = await blocked.waitForSelector('iframe').then((el) => el.contentFrame());
      await blocked.waitForLoadState('load');
      // Chromium replaces a frame refused by frame-ancestors with its error page.
      await expect.poll(() => frameDoc?.url()).toMatch(/^chrome-error:/);
      expect(await blocked.getByText(LANGS[0].heading).count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });
});

describe('the preference centre in Chromium', () => {
  for (const L of [
    { lang: 'tr', locale: 'tr-TR', waId: '905321270121', keyword: 'AYARLAR', heading: 'WhatsApp bildirim tercihleriniz', shipping: 'Kargo ve teslimat', save: 'Tercihleri kaydet', saved: 'Tercihleriniz kaydedildi.' },
    { lang: 'en', locale: 'en-GB', waId: '447911127122', keyword: 'SETTINGS', heading: 'Your WhatsApp message preferences', shipping: 'Shipping and delivery', save: 'Save preferences', saved: 'Your preferences are saved.' },
  ] as const) {
    it(`${L.lang}: the link from ${L.keyword} opens the customer's topics; unticking one and saving records it`, async () => {
      await s.api('/api/consents', { method: 'POST', json: { phone: `+${L.waId}`, action: 'opt_in', method: 'paper_form', topics: ['order_updates', 'shipping'] } });
      await customerSays(s, L.waId, { text: L.keyword });
      const [text] = await textsOnPhone(s, L.waId);
      const link = /https?:\/\/\S+\/preferences\/\S+/.exec(text!)![0];
      const { ctx, page } = await phonePage(L.locale);
      try {
        await page.goto(`${link}?lang=${L.lang}`);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(L.heading);
        const shipping = page.getByRole('checkbox', { name: L.shipping });
        expect(await shipping.isChecked()).toBe(true);
        expect(await page.getByRole('checkbox').count()).toBe(7);
        expect(await noSideways(page)).toBe(true);
        await page.screenshot({ path: `${SHOTS}/preferences-${L.lang}.png`, fullPage: true });
        await shipping.uncheck();
        await page.getByRole('button', { name: L.save }).click();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(L.saved);
        await page.screenshot({ path: `${SHOTS}/preferences-${L.lang}-saved.png`, fullPage: true });
      } finally {
        await ctx.close();
      }
      const consent = await consentOf(s, `+${L.waId}`);
      expect(consent).toMatchObject({ status: 'opted_in', topics: ['order_updates'] });
      expect(consent.history[0]).toMatchObject({ method: 'preference_center', action: 'opt_out', topics: ['shipping'] });
    });
  }
});

/** The fake shop: the same page with our embed snippet over HTTPS (shop.example.com) and over plain HTTP. */
async function startShopServers(iframeSrc: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kopru-shop-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${SHOP_HOST}`, '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const page = `<!doctype html><html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title></head>
<body style="margin:0;font-family:sans-serif"><header style="background:#222;color:#fff;padding:12px">Örnek Mağaza</header>
<iframe src="${iframeSrc}" title="WhatsApp bildirim izni" width="100%" height="760" style="border:0"></iframe></body></html>`;
  const handler = (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  const https = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, handler);
  const http = createHttpServer(handler);
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { https, http, httpsPort: (https.address() as AddressInfo).port, httpPort: (http.address() as AddressInfo).port, dir };
}
