// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hubspot } from '../../../extension/helpdesks/hubspot';
import { openFixture, readFixture, summary, switchToNextTicket } from './fixture-page';

const TICKET_1 = 'https://app.hubspot.com/help-desk/4455667/view/1234/ticket/987654321';
const TICKET_2 = 'https://app.hubspot.com/help-desk/4455667/view/1234/ticket/987654400';
const CONTACT = 'https://app.hubspot.com/contacts/4455667/record/0-1/51234';

describe('hubspot.isTicketPage', () => {
  it.each([
    [TICKET_1, true],
    [`${TICKET_1}/thread/8812345`, true],
    [`${TICKET_1}?messageId=abc123`, true],
    ['https://app.hubspot.com/help-desk/4455667/view/search/ticket/987654321', true],
    ['https://app.hubspot.com/contacts/4455667/record/0-5/987654321', true], // ticket record
    ['https://app.hubspot.com/contacts/4455667/ticket/987654321', true], // older ticket record
    [CONTACT, true], // a contact: no ticket, but a customer to message
    ['https://app-eu1.hubspot.com/help-desk/4455667/view/1234/ticket/987654321', true],
    ['https://app.hubspot.com/help-desk/4455667/view/1234', false], // the view's list
    ['https://app.hubspot.com/contacts/4455667/objects/0-5/views/all/list', false],
    ['https://app.hubspot.com/contacts/4455667/record/0-2/7788', false], // a company
    ['https://app.hubspot.com/reports-dashboard/4455667/view/1', false],
    ['https://app.hubspot.com.evil.example/help-desk/4455667/view/1234/ticket/987654321', false],
    ['https://www.hubspot.com/help-desk/4455667/view/1234/ticket/987654321', false],
  ])('%s → %s', (url, expected) => {
    expect(hubspot.isTicketPage(new URL(url))).toBe(expected);
  });
});

describe('hubspot.readTicket', () => {
  it.each([
    [
      'ticket.html',
      TICKET_1,
      {
        helpdesk: 'hubspot',
        ticketId: '987654321',
        title: 'Kargo hasarlı geldi',
        name: 'Hakan Yıldız',
        email: 'hakan.yildiz@example.com',
        // The phone property, not the fax row's look-alike button placed before it.
        phone: '+905327001122',
        candidates: ['+905327001122 field', '+902124445566 field'],
        orderNumbers: ['784700'],
      },
    ],
    [
      'ticket-2.html',
      TICKET_2,
      {
        helpdesk: 'hubspot',
        ticketId: '987654400',
        title: 'Garanti başvurusu',
        name: 'Ece Kurt',
        email: 'ece.kurt@example.com',
        phone: '+905417778899',
        candidates: ['+905417778899 field'],
        orderNumbers: ['TR-10654'],
      },
    ],
    [
      'contact.html',
      CONTACT,
      {
        helpdesk: 'hubspot',
        ticketId: null,
        title: undefined,
        name: 'Hakan Yıldız',
        email: 'hakan.yildiz@example.com',
        phone: '+905327001122',
        candidates: ['+905327001122 field'],
        orderNumbers: ['784700'],
      },
    ],
  ])('reads %s', (file, url, expected) => {
    expect(summary(readFixture('hubspot', file, url))).toEqual(expected);
  });

  it("never reads other customers' previews in the help desk's ticket list", () => {
    const text = JSON.stringify(readFixture('hubspot', 'ticket.html', TICKET_1));
    for (const leaked of ['Tolga', '+905329998877', 'TR-77001']) expect(text).not.toContain(leaked);
  });
});

describe('hubspot fixture switching', () => {
  it('switches in place to ticket 2, reading what ticket-2.html holds', () => {
    openFixture('hubspot', 'ticket.html', TICKET_1);
    const switched = switchToNextTicket();
    expect(location.href).toBe(TICKET_2);
    expect(switched).toEqual(readFixture('hubspot', 'ticket-2.html', TICKET_2));
  });
});
