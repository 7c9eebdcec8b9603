// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { front } from '../../../extension/helpdesks/front';
import { openFixture, readFixture, summary, switchToNextTicket } from './fixture-page';

const TICKET_1 = 'https://app.frontapp.com/open/cnv_5f3k2a9';
const TICKET_2 = 'https://app.frontapp.com/inboxes/teammates/8812/inbox/open/cnv_5f3k2b4';

describe('front.isTicketPage', () => {
  it.each([
    [TICKET_1, true],
    [TICKET_2, true],
    ['https://app.frontapp.com/inboxes/teammates/8812/inbox/open/cnv_5f3k2b4/msg_9a8b7c', true],
    ['https://app.frontapp.com/open/msg_9a8b7c6d', true], // deep link to a message in a conversation
    ['https://app.frontapp.com/inboxes/teammates/8812/inbox/open', false], // the list
    ['https://app.frontapp.com/settings/preferences', false],
    ['https://app.frontapp.com/open/cnv_', false],
    ['https://front.com/open/cnv_5f3k2a9', false],
    ['https://app.frontapp.com.evil.example/open/cnv_5f3k2a9', false],
  ])('%s → %s', (url, expected) => {
    expect(front.isTicketPage(new URL(url))).toBe(expected);
  });
});

describe('front.readTicket', () => {
  it.each([
    [
      'ticket.html',
      TICKET_1,
      {
        helpdesk: 'front',
        ticketId: 'cnv_5f3k2a9',
        title: 'Hediye paketi eksik',
        // From the first message's handle "Name <email>", not the agent's reply.
        name: 'Deniz Kaya',
        email: 'deniz.kaya@example.com',
        phone: undefined,
        candidates: ['+905435156071 text', '+908505550011 text'],
        orderNumbers: ['784812'],
      },
    ],
    [
      'ticket-2.html',
      TICKET_2,
      {
        helpdesk: 'front',
        ticketId: 'cnv_5f3k2b4',
        title: 'Teslimat saati',
        name: 'Tuğba Aksoy',
        email: 'tugba.aksoy@example.com',
        phone: undefined,
        candidates: ['+905514021973 text'],
        orderNumbers: ['TR-10990'],
      },
    ],
  ])('reads %s', (file, url, expected) => {
    expect(summary(readFixture('front', file, url))).toEqual(expected);
  });

  it("takes the viewer's id when the URL links a message instead of the conversation", () => {
    expect(readFixture('front', 'ticket.html', 'https://app.frontapp.com/open/msg_9a8b7c6d').ticketId).toBe('81234');
  });
});

describe('front fixture switching', () => {
  it('switches in place to ticket 2, reading what ticket-2.html holds', () => {
    openFixture('front', 'ticket.html', TICKET_1);
    const switched = switchToNextTicket();
    expect(location.href).toBe(TICKET_2);
    expect(switched).toEqual(readFixture('front', 'ticket-2.html', TICKET_2));
  });
});
