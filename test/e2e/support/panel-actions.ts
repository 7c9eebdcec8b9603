/**
 * What an agent does and sees in the panel, as the journeys need it.
 *
 * @module
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PanelRig } from './panel-rig';

/** The consent badge's state: `opted_in`, `opted_out`, `none` (or `loading`/`unknown`). */
export const consentStatus = (rig: PanelRig) => rig.$('consent-status').getAttribute('data-status');

/** Waits until the card shows this customer with that consent state (the contact has loaded). */
export async function waitForCustomer(rig: PanelRig, name: string, status: string): Promise<void> {
  await expect.poll(() => rig.$('customer-name').textContent(), { timeout: 5000 }).toBe(name);
  await expect.poll(() => consentStatus(rig), { timeout: 5000 }).toBe(status);
}

/** Searches and clicks the template row of that name and language. */
export async function chooseTemplate(rig: PanelRig, name: string, language: string): Promise<void> {
  await rig.$('template-search').fill(name.replace(/_/g, ' '));
  await rig.panel.locator(`[data-testid="template-item"][data-template="${name}"][data-language="${language}"]`).click();
  await expect.poll(() => rig.$('chosen-template').textContent()).toBe(`${name.replace(/_/g, ' ')} ${language}`);
}

/**
 * Records every status the message line shows, in order, from now on (a status shown for one
 * frame still counts), so a test can prove "delivered, then read".
 */
export async function recordStatuses(panel: Page, testId = 'message-status'): Promise<() => Promise<string[]>> {
  await panel.evaluate((id) => {
    const seen: string[] = [];
    (window as unknown as { __kopruStatuses: string[] }).__kopruStatuses = seen;
    const note = () => {
      const status = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status');
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  }, testId);
  return () => panel.evaluate(() => [...(window as unknown as { __kopruStatuses: string[] }).__kopruStatuses]);
}

/**
 * The whole panel as one 380 px wide image. The viewport is made as tall as the panel first:
 * Playwright's `fullPage` keeps the width measured with the vertical scrollbar (365 px) while
 * laying the page out again without it (380 px), which crops the right edge.
 */
export async function screenshotPanel(panel: Page, path: string): Promise<void> {
  const before = panel.viewportSize() ?? { width: 380, height: 900 };
  const height = await panel.evaluate(() => document.documentElement.scrollHeight);
  await panel.setViewportSize({ width: before.width, height: Math.max(height, before.height) });
  try {
    await panel.screenshot({ path });
  } finally {
    await panel.setViewportSize(before);
  }
}
