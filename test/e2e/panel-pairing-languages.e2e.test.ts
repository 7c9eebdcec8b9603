/**
 * Connecting with the pairing link an admin hands out (the one `npm start` prints), and the panel in
 * English and Turkish at side-panel width, with screenshots under test-results/screenshots/ for a
 * person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../extension/i18n/en';
import { tr } from '../../extension/i18n/tr';
import { pairingLink } from '../../server/demo-data';
import { chooseTemplate, screenshotPanel, waitForCustomer } from './support/panel-actions';
import { fixture, startPanelRig, type PanelRig } from './support/panel-rig';
import { alreadyOptedIn } from './support/sandbox-customer';

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

const SCREENSHOTS = resolve('test-results/screenshots');

let rig: PanelRig;
beforeAll(async () => {
  rig = await startPanelRig();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => rig?.close());

const storedSettings = () => rig.browser.sw.evaluate(async () => (await chrome.storage.local.get('settings')).settings ?? null);

describe('pairing link', () => {
  it('a link with a wrong token connects nothing and says why', async () => {
    const options = await rig.browser.ctx.newPage();
    await options.goto(pairingLink(rig.server.url, 'not-a-real-token'));
    await expect.poll(() => options.getByTestId('connect-problem').isVisible()).toBe(true);
    expect(await options.getByTestId('options-success').count()).toBe(0);
    expect(await storedSettings()).toBeNull();
    await options.close();
  });

  it('opening options.html#server=…&token=… connects, forgets the token from the address bar, and the open panel follows', async () => {
    await rig.openPanel();
    await expect.poll(() => rig.$('connect-form').isVisible()).toBe(true); // first run: not connected yet

    const options = await rig.browser.ctx.newPage();
    await options.goto(pairingLink(rig.server.url, rig.server.agentToken));
    await expect.poll(() => options.getByTestId('options-success').textContent()).toContain(
      en['options.connected'].replace('{server}', rig.server.url).replace('{name}', 'Test agent'),
    );
    expect(options.url()).not.toContain('#');
    expect(options.url()).not.toContain(rig.server.agentToken);
    expect(await storedSettings()).toEqual({ serverUrl: rig.server.url, token: rig.server.agentToken, language: null });

    await expect.poll(() => rig.$('connection-status').getAttribute('data-state')).toBe('live');
    expect(await rig.$('connect-form').count()).toBe(0);
    await options.close();
  });
});

describe('the panel in English and Turkish at side-panel width', () => {
  beforeAll(() => alreadyOptedIn(rig.server, '+905324182796'));

  it.each([
    ['en', en],
    ['tr', tr],
  ] as const)('%s: labels, the filled template and a screenshot', async (language, dict) => {
    if ((await storedSettings()) === null) await rig.connect(null);
    await rig.openTicket(fixture('zendesk', 'ticket.html').url);
    await rig.openPanel();
    await waitForCustomer(rig, 'Ayşe Yılmaz', 'opted_in');
    if ((await rig.$('language-switch').getAttribute('data-language')) !== language) await rig.$('language-switch').click();
    await expect.poll(() => rig.$('tab-consent').textContent()).toBe(dict['tabs.consent']);
    expect(await rig.panel.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await rig.$('consent-status').textContent()).toBe(dict['consent.status.opted_in']);
    expect(await rig.$('connection-status').textContent()).toBe(dict['header.state.live']);

    await chooseTemplate(rig, 'order_confirmation', language);
    await rig.$('variable-input-3').fill(language === 'tr' ? '1.249,90 TL' : '42.50');
    await expect.poll(() => rig.$('preview').getAttribute('data-complete')).toBe('true');
    expect(await rig.$('send-button').textContent()).toBe(dict['send.button']);

    // Side-panel width: nothing wider than the 380 px viewport (no sideways scrolling).
    const { viewport, visible, content } = await rig.panel.evaluate(() => ({
      viewport: window.innerWidth,
      visible: document.documentElement.clientWidth, // less a vertical scrollbar, if any
      content: document.documentElement.scrollWidth,
    }));
    expect(viewport).toBe(380);
    expect(content).toBe(visible);
    await screenshotPanel(rig.panel, join(SCREENSHOTS, `panel-${language}.png`));

    await rig.$('tab-consent').click();
    await expect.poll(() => rig.$('consent-wording').isVisible()).toBe(true);
    await screenshotPanel(rig.panel, join(SCREENSHOTS, `panel-${language}-consent.png`));
    await rig.$('tab-message').click();
  });
});
