// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { freshdesk } from '../../../extension/helpdesks/freshdesk';
import { openFixture, readFixture, summary, switchToNextTicket } from './fixture-page';

const TICKET_1 = 'https://acme.freshdesk.com/a/tickets/1532';
const TICKET_2 = 'https://acme.freshdesk.com/a/tickets/1533';

describe('freshdesk.isTicketPage', () => {
  it.each([
    [TICKET_1, true],
    ['https://acme.freshdesk.com/a/tickets/1532/', true],
    ['https://acme.freshdesk.com/a/tickets/1532?from=notification', true],
    ['https://acme.freshdesk.com/a/tickets/filters/all_tickets', false], // the list
    ['https://acme.freshdesk.com/a/tickets/new', false],
    ['https://acme.freshdesk.com/a/dashboard/default', false],
    ['https://acme.freshdesk.com/a/contacts/80421', false],
    ['https://acme.freshdesk.com/support/tickets/1532', false], // customer portal
    ['https://acme.freshdesk.com/helpdesk/tickets/1532', false], // pre-2018 UI, not supported
    ['https://freshdesk.com/a/tickets/1532', false],
    ['https://acme.freshdesk.com.evil.example/a/tickets/1532', false],
  ])('%s → %s', (url, expected) => {
    expect(freshdesk.isTicketPage(new URL(url))).toBe(expected);
  });
});

describe('freshdesk.readTicket', () => {
  it.each([
    [
      'ticket.html',
      TICKET_1,
      {
        helpdesk: 'freshdesk',
        ticketId: '1532',
        title: 'Yanlış beden gönderildi',
        name: 'Emre Şahin',
        email: 'emre.sahin@example.com',
        // The mobile field wins over the work landline for WhatsApp.
        phone: '+905442901563',
        candidates: ['+905442901563 field', '+902125551234 field'],
        // The order-id custom field first, then the one written in the request.
        orderNumbers: ['TR-20931', '784533'],
      },
    ],
    [
      'ticket-2.html',
      TICKET_2,
      {
        helpdesk: 'freshdesk',
        ticketId: '1533',
        title: 'Kargo hasarlı ulaştı',
        name: 'Elif Doğan',
        email: 'elif.dogan@example.com',
        phone: '+905552084419',
        candidates: ['+905552084419 field'],
        orderNumbers: ['TR-20977'],
      },
    ],
  ])('reads %s', (file, url, expected) => {
    expect(summary(readFixture('freshdesk', file, url))).toEqual(expected);
  });

  it('keeps an unparseable profile phone as shown, without guessing another', () => {
    const doc = new DOMParser().parseFromString(
      `<div class="app-main-wrapper"><div id="ticket-details"><p>Beni 0533 612 45 78 numarasından arayın</p></div>
       <aside class="widget-requestor-info"><div data-test-id="requester-info-contact-mobile"><span class="info-details-content">dahili 12</span></div></aside></div>`,
      'text/html',
    );
    const ticket = freshdesk.readTicket(doc, new URL(TICKET_1));
    expect(ticket?.customer).toEqual({ phoneRaw: 'dahili 12' });
    expect(ticket?.phoneCandidates).toEqual([{ e164: '+905336124578', raw: '0533 612 45 78', source: 'text' }]);
  });
});

describe('freshdesk fixture switching', () => {
  it('switches in place to ticket 2, reading what ticket-2.html holds', () => {
    openFixture('freshdesk', 'ticket.html', TICKET_1);
    const switched = switchToNextTicket();
    expect(location.href).toBe(TICKET_2);
    expect(switched).toEqual(readFixture('freshdesk', 'ticket-2.html', TICKET_2));
  });
});
