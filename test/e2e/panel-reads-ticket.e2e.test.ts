/**
 * The panel shows the customer of the ticket on screen, for each helpdesk, and follows the agent
 * when the helpdesk switches to another ticket in place (single-page navigation, `#next-ticket`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../extension/i18n/en';
import { fixture, startPanelRig, type PanelRig } from './support/panel-rig';

let rig: PanelRig;
beforeAll(async () => {
  rig = await startPanelRig();
  await rig.connect('en');
  await rig.openPanel();
});
afterAll(() => rig?.close());

type Customer = { name: string | null; phone: string };

// What each fixture's ticket 1 and ticket 2 hold (see the adapters' unit tests).
const VENDORS: Array<[vendor: string, ticket: string, first: Customer, second: Customer]> = [
  ['zendesk', '#4711', { name: 'Ayşe Yılmaz', phone: '+905324182796' }, { name: 'Zeynep Çelik', phone: '+905057713412' }],
  ['freshdesk', '#1532', { name: 'Emre Şahin', phone: '+905442901563' }, { name: 'Elif Doğan', phone: '+905552084419' }],
  // Front has no phone field: the number comes from the conversation's text.
  ['front', '#cnv_5f3k2a9', { name: 'Deniz Kaya', phone: '+905435156071' }, { name: 'Tuğba Aksoy', phone: '+905514021973' }],
  ['helpscout', '#1187', { name: 'Burak Kılıç', phone: '+905357250981' }, { name: 'Selin Arslan', phone: '+905468123770' }],
  ['intercom', '#215470034567812', { name: 'Merve Koç', phone: '+905063147258' }, { name: 'Oğuz Demir', phone: '+905392218046' }],
  ['hubspot', '#987654321', { name: 'Hakan Yıldız', phone: '+905327001122' }, { name: 'Ece Kurt', phone: '+905417778899' }],
  // Gorgias shows no name the adapter may trust; the phone is a tel: link.
  ['gorgias', '#30125', { name: null, phone: '+905421234567' }, { name: null, phone: '+905386402215' }],
];

async function shownCustomer(): Promise<Customer> {
  const nameEl = rig.$('customer-name');
  const unknown = (await nameEl.locator('.hint').count()) > 0;
  return { name: unknown ? null : await nameEl.textContent(), phone: await rig.$('customer-phone').inputValue() };
}

describe('the panel reads the open ticket', () => {
  it.each(VENDORS)('%s: shows the customer, and the next one within a second of switching tickets', async (vendor, ticketLabel, first, second) => {
    await rig.openTicket(fixture(vendor, 'ticket.html').url);
    await expect.poll(shownCustomer, { timeout: 5000 }).toEqual(first);
    await expect(rig.$('customer-ticket').textContent()).resolves.toContain(ticketLabel);
    await expect(rig.$('phone-source').textContent()).resolves.toBe(en['customer.phoneFromTicket']);

    await rig.ticketTab.click('#next-ticket');
    await expect.poll(shownCustomer, { timeout: 1000, interval: 25 }).toEqual(second);
    expect(rig.ticketTab.url()).toBe(rig.fixtureUrl(fixture(vendor, 'ticket.html').next!));
  });

  it('lets the agent correct the number by hand, and goes back to the ticket’s number on the next ticket', async () => {
    await rig.openTicket(fixture('zendesk', 'ticket.html').url);
    await expect.poll(shownCustomer).toEqual({ name: 'Ayşe Yılmaz', phone: '+905324182796' });
    await rig.$('customer-phone').fill('+905336124578');
    await expect(rig.$('phone-source').textContent()).resolves.toBe(en['customer.phoneTyped']);

    await rig.ticketTab.click('#next-ticket');
    await expect.poll(shownCustomer).toEqual({ name: 'Zeynep Çelik', phone: '+905057713412' });
  });

  it('shows nothing from a page that is not a ticket', async () => {
    await rig.openTicket(fixture('zendesk', 'ticket.html').url);
    await expect.poll(shownCustomer).toEqual({ name: 'Ayşe Yılmaz', phone: '+905324182796' });
    await rig.ticketTab.goto(`${rig.server.url}/health`);
    await expect.poll(() => rig.$('customer-ticket').count()).toBe(0);
    await expect(rig.$('read-page').isVisible()).resolves.toBe(true);
  });
});
