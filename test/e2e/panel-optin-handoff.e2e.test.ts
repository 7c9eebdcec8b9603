/**
 * The opt-in and hand-off paths that need the customer's own WhatsApp message, end to end: the panel
 * creates the code, the simulated customer writes it from their phone, the server records it from
 * the signed inbound webhook, and the panel confirms it live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../extension/i18n/en';
import { consentStatus, waitForCustomer } from './support/panel-actions';
import { fixture, startPanelRig, type PanelRig } from './support/panel-rig';
import { alreadyOptedIn, contactOf, customerWrites, phoneBubbles, sentTo } from './support/sandbox-customer';

let rig: PanelRig;
beforeAll(async () => {
  rig = await startPanelRig();
  await rig.connect('en');
  await rig.openPanel();
});
afterAll(() => rig?.close());


describe('opt-in by QR code', () => {
  it('the panel shows a code, the customer sends it from WhatsApp, and the panel confirms the opt-in live', async () => {
    const phone = '+905327001122';
    await rig.openTicket(fixture('hubspot', 'ticket.html').url);
    await waitForCustomer(rig, 'Hakan Yıldız', 'none');
    // Live: the confirmation comes over the event stream, not the fallback polling.
    await expect.poll(() => rig.$('connection-status').getAttribute('data-state')).toBe('live');
    await rig.$('tab-consent').click();
    await rig.$('optin-qr-create').click();

    const code = (await rig.$('optin-code').textContent()) ?? '';
    expect(code).toMatch(/^KOPRU-[A-Z0-9]+$/);
    expect(await rig.$('optin-qr').isVisible()).toBe(true);
    expect(await rig.$('optin-status').getAttribute('data-state')).toBe('pending');
    expect(await rig.$('optin-status').textContent()).toBe(en['consent.qrWaiting']);

    await customerWrites(rig.server, phone, code);
    await expect.poll(() => rig.$('optin-status').getAttribute('data-state')).toBe('confirmed');
    expect(await rig.$('optin-status').textContent()).toBe(en['consent.qrConfirmed'].replace('{phone}', phone));
    await expect.poll(() => consentStatus(rig)).toBe('opted_in');
    // The ledger keeps the customer's own message as the proof.
    const [record] = (await contactOf(rig.server, phone)).consent.history;
    expect(record).toMatchObject({ action: 'opt_in', method: 'qr_code', ticket: { system: 'hubspot', id: '987654321' } });
    expect(JSON.stringify(record?.evidence)).toContain(code);
  });
});

describe('hand-off to WhatsApp', () => {
  it('without consent: the panel gives a link with a code, the customer writes it, and the panel shows the conversation linked', async () => {
    const phone = '+905468123770';
    await rig.openTicket(fixture('helpscout', 'ticket-2.html').url);
    await waitForCustomer(rig, 'Selin Arslan', 'none');
    await rig.$('tab-handoff').click();
    await rig.$('handoff-channel').selectOption('email');
    await rig.$('handoff-create').click();

    await expect.poll(() => rig.$('handoff-result').getAttribute('data-status')).toBe('awaiting_customer');
    expect(await rig.$('handoff-status').textContent()).toBe(en['handoff.waiting']);
    expect(await rig.$('handoff-qr').isVisible()).toBe(true);
    const link = new URL((await rig.$('handoff-link').getAttribute('href')) ?? '');
    expect(link.hostname).toBe('wa.me');
    // Tapping the link opens WhatsApp with this message typed in; the customer sends it.
    const prefilled = link.searchParams.get('text') ?? '';
    expect(prefilled).toMatch(/KOPRU-[A-Z0-9]+/);
    expect(await sentTo(rig.server, phone)).toEqual([]);

    await customerWrites(rig.server, phone, prefilled);
    await expect.poll(() => rig.$('handoff-result').getAttribute('data-status')).toBe('linked');
    expect(await rig.$('handoff-status').textContent()).toBe(en['handoff.linked'].replace('{phone}', phone));
  });

  it('puts the link into the Zendesk reply the agent is writing, after the draft, and submits nothing', async () => {
    await rig.openTicket(fixture('zendesk', 'ticket.html').url);
    await waitForCustomer(rig, 'Ayşe Yılmaz', 'none');
    await rig.$('tab-handoff').click();
    // A hand-off stays on its tab until the agent starts a new one, also across tickets.
    if ((await rig.$('handoff-result').count()) > 0) await rig.panel.getByRole('button', { name: en['handoff.new'] }).click();
    await rig.$('handoff-create').click();
    await expect.poll(() => rig.$('handoff-result').getAttribute('data-status')).toBe('awaiting_customer');
    const link = (await rig.$('handoff-link').getAttribute('href')) ?? '';
    expect(link).toMatch(/^https:\/\/wa\.me\//);

    const composer = (ticket: string) => rig.ticketTab.locator(`[data-side-conversations-anchor-id="${ticket}"] [data-test-id="omnicomposer-rich-text-ckeditor"]`);
    const pageUrl = rig.ticketTab.url();
    await rig.$('handoff-insert').click();
    await expect.poll(() => rig.$('handoff-insert-result').getAttribute('data-state')).toBe('done');
    expect(await rig.$('handoff-insert-result').textContent()).toBe(en['insertReply.done']);
    expect(await composer('4711').textContent()).toBe(`Merhaba Ayşe Hanım, ${link}`);
    // Only the open ticket's reply; the hidden tab's draft (another customer) is untouched, and nothing was submitted.
    expect(await composer('4690').textContent()).toBe('Mehmet Bey, fatura kopyanız ektedir.');
    expect(rig.ticketTab.url()).toBe(pageUrl);
  });

  it('with consent: the panel sends the hand-off template, and the customer’s phone shows it', async () => {
    const phone = '+905392218046';
    alreadyOptedIn(rig.server, phone);
    await rig.openTicket(fixture('intercom', 'ticket-2.html').url);
    await waitForCustomer(rig, 'Oğuz Demir', 'opted_in');
    await rig.$('tab-handoff').click();
    // A hand-off stays on its tab until the agent starts a new one, also across tickets.
    if ((await rig.$('handoff-result').count()) > 0) await rig.panel.getByRole('button', { name: en['handoff.new'] }).click();
    await rig.$('handoff-create').click();

    await expect.poll(() => rig.$('handoff-result').getAttribute('data-status')).toBe('template_sent');
    await expect.poll(() => rig.$('handoff-message-status').getAttribute('data-status'), { timeout: 10_000 }).toMatch(/^(delivered|read)$/);
    expect((await sentTo(rig.server, phone)).map((m) => m.template?.name)).toEqual(['whatsapp_handoff']);
    expect(await phoneBubbles(rig, phone)).toEqual(['Hi Oğuz Demir, we can continue our conversation about your request 215470034567900 here.']);
  });
});
