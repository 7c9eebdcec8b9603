// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { helpscout } from '../../../extension/helpdesks/helpscout';
import { openFixture, readFixture, summary, switchToNextTicket } from './fixture-page';

const TICKET_1 = 'https://secure.helpscout.net/conversation/2650178093/1187?folderId=7654321';
const TICKET_2 = 'https://secure.helpscout.net/conversation/2650178150/1188?folderId=7654321';

describe('helpscout.isTicketPage', () => {
  it.each([
    [TICKET_1, true],
    ['https://secure.helpscout.net/conversation/2650178093/1187', true],
    ['https://secure.helpscout.net/conversation/2650178093', true], // number not in the URL yet
    ['https://secure.helpscout.net/mailbox/445566/', false],
    ['https://secure.helpscout.net/customer/5566778/', false],
    ['https://secure.helpscout.net/conversation/abc/1187', false],
    ['https://secure.helpscout.net/conversation/2650178093/1187/edit', false],
    ['https://docs.helpscout.com/conversation/2650178093/1187', false],
    ['https://secure.helpscout.net.evil.example/conversation/2650178093/1187', false],
    ['http://secure.helpscout.net/conversation/2650178093/1187', false],
  ])('%s → %s', (url, expected) => {
    expect(helpscout.isTicketPage(new URL(url))).toBe(expected);
  });
});

describe('helpscout.readTicket', () => {
  it.each([
    [
      'ticket.html',
      TICKET_1,
      {
        helpdesk: 'helpscout',
        // The number agents see, not the internal conversation id.
        ticketId: '1187',
        title: 'Kargo takip numarası çalışmıyor',
        name: 'Burak Kılıç',
        email: 'burak.kilic@example.com',
        phone: '+905357250981',
        // The profile's tel: link; the same number in the thread is not repeated; the tracking
        // number is not a phone.
        candidates: ['+905357250981 field', '+902163456789 text'],
        orderNumbers: ['784590'],
      },
    ],
    [
      'ticket-2.html',
      TICKET_2,
      {
        helpdesk: 'helpscout',
        ticketId: '1188',
        title: 'Ürün iadesi',
        name: 'Selin Arslan',
        email: 'selin.arslan@example.com',
        // No phone in the profile: the thread's number is only a candidate.
        phone: undefined,
        candidates: ['+905468123770 text'],
        orderNumbers: ['TR-10511'],
      },
    ],
  ])('reads %s', (file, url, expected) => {
    expect(summary(readFixture('helpscout', file, url))).toEqual(expected);
  });

  it('falls back to document.title "#number subject - customer" before the sidebar renders', () => {
    const doc = new DOMParser().parseFromString(
      '<title>#1187 Kargo takip numarası çalışmıyor - Burak Kılıç</title><body></body>',
      'text/html',
    );
    expect(helpscout.readTicket(doc, new URL('https://secure.helpscout.net/conversation/2650178093'))).toMatchObject({
      ticketId: '1187',
      title: 'Kargo takip numarası çalışmıyor',
      customer: { name: 'Burak Kılıç' },
    });
  });
});

describe('helpscout fixture switching', () => {
  it('switches in place to ticket 2, reading what ticket-2.html holds', () => {
    openFixture('helpscout', 'ticket.html', TICKET_1);
    const switched = switchToNextTicket();
    expect(location.href).toBe(TICKET_2);
    expect(document.title).toBe('#1188 Ürün iadesi - Selin Arslan');
    expect(switched).toEqual(readFixture('helpscout', 'ticket-2.html', TICKET_2));
  });
});
