// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gorgias } from '../../../extension/helpdesks/gorgias';
import { openFixture, readFixture, summary, switchToNextTicket } from './fixture-page';

// Ticket 1 is opened from a view, ticket 2 by direct link: both URL forms in use.
const TICKET_1 = 'https://acme.gorgias.com/app/views/112233/30125';
const TICKET_2 = 'https://acme.gorgias.com/app/ticket/30126';

describe('gorgias.isTicketPage', () => {
  it.each([
    [TICKET_1, true],
    [TICKET_2, true],
    ['https://acme.gorgias.com/app/ticket/30126/', true],
    ['https://acme.gorgias.com/app/views/112233', false], // the view's list
    ['https://acme.gorgias.com/app/ticket/new', false],
    ['https://acme.gorgias.com/app/customer/5521', false],
    ['https://acme.gorgias.com/app/customers/5521', false],
    ['https://acme.gorgias.com/app/tickets', false],
    ['https://acme.gorgias.com/app/settings/integrations', false],
    ['https://gorgias.com/app/ticket/30126', false],
    ['https://acme.gorgias.com.evil.example/app/ticket/30126', false],
  ])('%s → %s', (url, expected) => {
    expect(gorgias.isTicketPage(new URL(url))).toBe(expected);
  });
});

describe('gorgias.readTicket', () => {
  it.each([
    [
      'ticket.html',
      TICKET_1,
      {
        helpdesk: 'gorgias',
        ticketId: '30125',
        title: 'İade talebim',
        // No public cue for the name: not guessed.
        name: undefined,
        email: 'can.aydin@example.com',
        // No known profile area: the tel: link is the best candidate, not the customer's phone.
        phone: undefined,
        candidates: ['+905421234567 tel_link'],
        orderNumbers: ['784601'],
      },
    ],
    [
      'ticket-2.html',
      TICKET_2,
      {
        helpdesk: 'gorgias',
        ticketId: '30126',
        title: 'Adres değişikliği',
        name: undefined,
        email: 'gokhan.polat@example.com',
        phone: undefined,
        candidates: ['+905386402215 text'],
        orderNumbers: ['TR-55120'],
      },
    ],
  ])('reads %s', (file, url, expected) => {
    expect(summary(readFixture('gorgias', file, url))).toEqual(expected);
  });

  it('shows the tel: link as the agent sees it', () => {
    expect(readFixture('gorgias', 'ticket.html', TICKET_1).phoneCandidates[0]?.raw).toBe('0542 123 45 67');
  });

  it("never reads other customers' previews in the view list beside the ticket", () => {
    const text = JSON.stringify(readFixture('gorgias', 'ticket.html', TICKET_1));
    for (const leaked of ['+905309876543', 'TR-44120']) expect(text).not.toContain(leaked);
  });
});

describe('gorgias fixture switching', () => {
  it('switches in place to ticket 2, reading what ticket-2.html holds', () => {
    openFixture('gorgias', 'ticket.html', TICKET_1);
    const switched = switchToNextTicket();
    expect(location.href).toBe(TICKET_2);
    expect(switched).toEqual(readFixture('gorgias', 'ticket-2.html', TICKET_2));
  });
});
