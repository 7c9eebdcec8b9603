// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readTicketContext } from '../../../extension/helpdesks/read-ticket-context';
import { zendesk } from '../../../extension/helpdesks/zendesk';
import { openFixture, READ_AT, readFixture, summary, switchToNextTicket } from './fixture-page';

const TICKET_1 = 'https://acme.zendesk.com/agent/tickets/4711';
const TICKET_2 = 'https://acme.zendesk.com/agent/tickets/4712';

describe('zendesk.isTicketPage', () => {
  it.each([
    [TICKET_1, true],
    ['https://acme.zendesk.com/agent/tickets/4711/', true],
    ['https://acme.zendesk.com/agent/tickets/4711?brand=2', true],
    ['https://acme.zendesk.com/agent/tickets/4711/events', false], // another view of the ticket
    ['https://acme.zendesk.com/agent/tickets/new/1', false],
    ['https://acme.zendesk.com/agent/dashboard', false],
    ['https://acme.zendesk.com/agent/filters/360001', false],
    ['https://acme.zendesk.com/agent/users/90211/requested_tickets', false],
    ['https://acme.zendesk.com/hc/tr/requests/4711', false], // customer-facing help center
    ['http://acme.zendesk.com/agent/tickets/4711', false],
    ['https://zendesk.com/agent/tickets/4711', false],
    ['https://acme.zendesk.com.evil.example/agent/tickets/4711', false],
    ['https://evilzendesk.com/agent/tickets/4711', false],
  ])('%s → %s', (url, expected) => {
    expect(zendesk.isTicketPage(new URL(url))).toBe(expected);
  });
});

describe('zendesk.readTicket', () => {
  it.each([
    [
      'ticket.html',
      TICKET_1,
      {
        helpdesk: 'zendesk',
        ticketId: '4711',
        title: 'Siparişim hâlâ kargoya verilmedi',
        name: 'Ayşe Yılmaz',
        email: 'ayse.yilmaz@example.com',
        phone: '+905324182796',
        // Profile field first; the spouse's number (said "numarası") before the agent signature.
        candidates: ['+905324182796 field', '+905336124578 text', '+908505550011 text'],
        // "Talep #4711" is the ticket itself; the IBAN, amount, dates and tracking number are nothing.
        orderNumbers: ['784512'],
      },
    ],
    [
      'ticket-2.html',
      TICKET_2,
      {
        helpdesk: 'zendesk',
        ticketId: '4712',
        title: 'Fatura adresimi değiştirmek istiyorum',
        name: 'Zeynep Çelik',
        email: 'zeynep.celik@example.com',
        phone: '+905057713412',
        candidates: ['+905057713412 field'],
        orderNumbers: ['TR-10482'],
      },
    ],
  ])('reads %s', (file, url, expected) => {
    expect(summary(readFixture('zendesk', file, url))).toEqual(expected);
  });

  it('keeps the profile phone as shown next to its E.164 form', () => {
    const ticket = readFixture('zendesk', 'ticket.html', TICKET_1);
    expect(ticket.customer).toMatchObject({ phone: '+905324182796', phoneRaw: '+90 (532) 418-27-96' });
    expect(ticket).toMatchObject({ url: TICKET_1, readAt: READ_AT });
  });

  it('never reads the customer of another open (hidden) ticket tab', () => {
    const text = JSON.stringify(readFixture('zendesk', 'ticket.html', TICKET_1));
    for (const leaked of ['Mehmet', 'mehmet.ozturk', '+905423110865', 'TR-99001']) expect(text).not.toContain(leaked);
  });

  it('reports the ticket id alone while its pane has not rendered yet', () => {
    const doc = new DOMParser().parseFromString('<body><div id="loading">Yükleniyor…</div></body>', 'text/html');
    expect(zendesk.readTicket(doc, new URL(TICKET_1))).toEqual({
      ticketId: '4711',
      customer: {},
      phoneCandidates: [],
      orderNumbers: [],
    });
  });

  it('reads nothing on a non-ticket view of the agent app', () => {
    const doc = new DOMParser().parseFromString('<body></body>', 'text/html');
    expect(readTicketContext(doc, new URL('https://acme.zendesk.com/agent/dashboard'), READ_AT)).toBeNull();
  });
});

describe('zendesk fixture switching', () => {
  it('switches in place to ticket 2 (old tab stays mounted, hidden), reading what ticket-2.html holds', () => {
    openFixture('zendesk', 'ticket.html', TICKET_1);
    const switched = switchToNextTicket();
    expect(location.href).toBe(TICKET_2);
    expect(document.querySelectorAll('[data-side-conversations-anchor-id="4711"]')).toHaveLength(1);
    expect(switched).toEqual(readFixture('zendesk', 'ticket-2.html', TICKET_2));
  });
});
