/**
 * Sending from the panel against the real server in sandbox mode: consent first, then a template the
 * customer's phone shows exactly as previewed, with live delivered/read; the three-action path; a
 * double click that sends once; and STOP from the customer, which the panel and the server honour.
 *
 * Each journey uses its own helpdesk ticket (so its own customer number, none ending in the
 * sandbox's fault suffixes 0000–0009).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentWording } from '../../shared/schemas/consent';
import { en } from '../../extension/i18n/en';
import { chooseTemplate, consentStatus, recordStatuses, waitForCustomer } from './support/panel-actions';
import { fixture, startPanelRig, type PanelRig } from './support/panel-rig';
import { alreadyOptedIn, contactOf, customerWrites, phoneBubbles, sentTo } from './support/sandbox-customer';

let rig: PanelRig;
beforeAll(async () => {
  // Slow enough that "delivered" is on screen before "read" arrives.
  rig = await startPanelRig({ env: { SANDBOX_DELIVERY_DELAY_MS: '150', SANDBOX_READ_DELAY_MS: '700' } });
  await rig.connect('en');
  await rig.openPanel();
});
afterAll(() => rig?.close());


const isDisabled = (testId: string) => rig.$(testId).isDisabled();

describe('sending from the panel', () => {
  it('records an in-person opt-in with the wording shown, sends a template, sees delivered then read; the phone shows exactly the preview', async () => {
    const phone = '+905324182796';
    await rig.openTicket(fixture('zendesk', 'ticket.html').url);
    await waitForCustomer(rig, 'Ayşe Yılmaz', 'none');

    // Consent tab: in person, the exact wording the server stores, and the agent's confirmation.
    await rig.$('tab-consent').click();
    expect(await rig.$('consent-method-in_person').isChecked()).toBe(true);
    const wordingId = await rig.$('consent-wording').getAttribute('data-wording-id');
    const { wordings } = (await (await rig.server.api('/api/consent-wordings')).json()) as { wordings: ConsentWording[] };
    expect(await rig.$('consent-wording').textContent()).toBe(wordings.find((w) => w.id === wordingId)?.text);
    expect(await isDisabled('consent-record')).toBe(true);
    expect(await rig.$('consent-disabled-reason').textContent()).toBe(en['consent.block.notConfirmed']);
    await rig.$('consent-confirm').check();
    await rig.$('consent-record').click();
    await expect.poll(() => rig.$('consent-recorded').textContent()).toBe(en['consent.recorded']);
    await expect.poll(() => consentStatus(rig)).toBe('opted_in');
    const ledger = (await contactOf(rig.server, phone)).consent;
    expect(ledger.status).toBe('opted_in');
    expect(ledger.history[0]).toMatchObject({ action: 'opt_in', method: 'in_person', wordingId, ticket: { system: 'zendesk', id: '4711' } });

    // Message tab: the template, the values the ticket holds, and the two the agent types.
    await rig.$('tab-message').click();
    await chooseTemplate(rig, 'shipping_update', 'en');
    expect(await rig.$('variable-input-1').inputValue()).toBe('Ayşe Yılmaz');
    expect(await rig.$('variable-input-2').inputValue()).toBe('784512');
    await rig.$('variable-input-3').fill('TRK4829301');
    await rig.$('variable-input-button.0').fill('TRK4829301');
    await expect.poll(() => rig.$('preview').getAttribute('data-complete')).toBe('true');
    const previewed = await rig.$('preview-body').textContent();
    expect(previewed).toBe('Hi Ayşe Yılmaz, your order 784512 is on its way. Tracking number: TRK4829301. You can follow your parcel with the button below.');
    expect(await rig.$('preview-button-url').textContent()).toBe('https://kargo.example.com/track/TRK4829301');

    const statuses = await recordStatuses(rig.panel);
    await rig.$('send-button').click();
    await expect.poll(statuses, { timeout: 10_000 }).toContain('read');
    const shown = await statuses();
    expect(shown.indexOf('delivered')).toBeGreaterThanOrEqual(0);
    expect(shown.indexOf('delivered')).toBeLessThan(shown.indexOf('read'));
    expect(await rig.$('message-status').textContent()).toContain(en['status.read']);

    // What reached the customer's phone is what the agent saw.
    expect(await phoneBubbles(rig, phone)).toEqual([previewed]);
  });

  it('goes from an open ticket to a sent template in three actions: a few letters, Enter, Ctrl+Enter', async () => {
    const phone = '+905442901563';
    alreadyOptedIn(rig.server, phone);
    await rig.openTicket(fixture('freshdesk', 'ticket.html').url);
    await rig.openPanel(); // the agent opens the panel on the ticket
    await waitForCustomer(rig, 'Emre Şahin', 'opted_in');
    await expect.poll(() => rig.$('template-item').count()).toBeGreaterThan(0);
    expect(await rig.panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('template-search');

    await rig.panel.keyboard.type('fail'); // 1
    await rig.panel.keyboard.press('Enter'); // 2
    await rig.panel.keyboard.press('Control+Enter'); // 3

    await expect.poll(() => rig.$('message-status').getAttribute('data-status'), { timeout: 10_000 }).toMatch(/^(sent|delivered|read)$/);
    expect(await rig.$('chosen-template').textContent()).toBe('payment failed tr');
    const previewed = await rig.$('preview-body').textContent();
    expect(previewed).toBe('Merhaba Emre Şahin, TR-20931 numaralı siparişinizin ödemesi alınamadı. Siparişinizin iptal olmaması için lütfen ödeme yönteminizi hesabınızdan güncelleyin.');
    const sent = await sentTo(rig.server, phone);
    expect(sent.map((m) => [m.template?.name, m.template?.language])).toEqual([['payment_failed', 'tr']]);
    expect((await contactOf(rig.server, phone)).messages.map((m) => m.preview.body)).toEqual([previewed]);
  });

  it.each([
    ['a double click on Send', 'ticket.html', 'Deniz Kaya', '+905435156071'],
    ['two clicks in the same instant (before the panel re-renders)', 'ticket-2.html', 'Tuğba Aksoy', '+905514021973'],
  ])('%s sends once', async (how, file, name, phone) => {
    alreadyOptedIn(rig.server, phone);
    await rig.openTicket(fixture('front', file).url);
    await waitForCustomer(rig, name, 'opted_in');
    await chooseTemplate(rig, 'whatsapp_handoff', 'en');
    await expect.poll(() => rig.$('preview').getAttribute('data-complete')).toBe('true');
    expect(await isDisabled('send-button')).toBe(false);

    if (how.startsWith('a double click')) {
      await rig.$('send-button').dblclick();
    } else {
      await rig.$('send-button').evaluate((button) => {
        (button as HTMLButtonElement).click();
        (button as HTMLButtonElement).click();
      });
    }
    // Read is the last status: by then a second send would long have reached the sandbox.
    await expect.poll(() => rig.$('message-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('read');
    expect(await sentTo(rig.server, phone)).toHaveLength(1);
    expect((await contactOf(rig.server, phone)).messages).toHaveLength(1);
    expect(await rig.$('send-disabled-reason').textContent()).toBe(en['block.SENT']);
  });

  it('the customer replies STOP: the panel shows opted out, Send is disabled with the reason, and the server refuses', async () => {
    const phone = '+905063147258';
    alreadyOptedIn(rig.server, phone);
    await rig.openTicket(fixture('intercom', 'ticket.html').url);
    await waitForCustomer(rig, 'Merve Koç', 'opted_in');
    await chooseTemplate(rig, 'whatsapp_handoff', 'en');
    await expect.poll(() => rig.$('preview').getAttribute('data-complete')).toBe('true');
    expect(await isDisabled('send-button')).toBe(false);

    await customerWrites(rig.server, phone, 'STOP');
    await expect.poll(() => consentStatus(rig)).toBe('opted_out');
    expect(await rig.$('consent-status').textContent()).toBe(en['consent.status.opted_out']);
    expect(await isDisabled('send-button')).toBe(true);
    expect(await rig.$('send-disabled-reason').textContent()).toBe(en['block.OPTED_OUT']);
    expect(await rig.$('send-button').getAttribute('aria-describedby')).toBe(await rig.$('send-disabled-reason').getAttribute('id'));

    const res = await rig.server.api('/api/messages', {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      json: { phone, template: { name: 'whatsapp_handoff', language: 'en' }, values: { '1': 'Merve Koç', '2': '215470034567812' } },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('OPTED_OUT');
    // Only the sandbox's own opt-out confirmation went out; no template.
    expect((await sentTo(rig.server, phone)).filter((m) => m.type === 'template')).toEqual([]);
  });
});
