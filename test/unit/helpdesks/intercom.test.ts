// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { intercom } from '../../../extension/helpdesks/intercom';
import { openFixture, readFixture, summary, switchToNextTicket } from './fixture-page';

const TICKET_1 = 'https://app.intercom.com/a/inbox/gu1e0q0t/inbox/shared/all/conversation/215470034567812';
const TICKET_2 = 'https://app.intercom.com/a/inbox/gu1e0q0t/inbox/shared/all/conversation/215470034567900';

describe('intercom.isTicketPage', () => {
  it.each([
    [TICKET_1, true],
    ['https://app.intercom.com/a/inbox/gu1e0q0t/inbox/conversation/42', true],
    ['https://app.intercom.com/a/inbox/gu1e0q0t/inbox/admin/5540981/conversation/215470034567812', true],
    ['https://app.intercom.com/a/apps/gu1e0q0t/conversations/215470034567812', true],
    ['https://app.eu.intercom.com/a/inbox/gu1e0q0t/inbox/shared/all/conversation/215470034567812', true],
    ['https://app.au.intercom.com/a/inbox/gu1e0q0t/inbox/shared/all/conversation/215470034567812', true],
    [`${TICKET_1}#part_id=comment-215470034567812-21733`, true],
    ['https://app.intercom.com/a/inbox/gu1e0q0t/inbox/shared/all', false], // the list
    ['https://app.intercom.com/a/apps/gu1e0q0t/conversations', false],
    ['https://app.intercom.com/a/apps/gu1e0q0t/users/segments/active', false],
    ['https://app.intercom.com/a/inbox/gu1e0q0t/inbox/conversation/new', false],
    ['https://www.intercom.com/a/inbox/gu1e0q0t/inbox/conversation/42', false],
    ['https://app.intercom.com.evil.example/a/inbox/gu1e0q0t/inbox/conversation/42', false],
  ])('%s → %s', (url, expected) => {
    expect(intercom.isTicketPage(new URL(url))).toBe(expected);
  });

  it('takes the id after the last /conversation/', () => {
    const doc = new DOMParser().parseFromString('<body></body>', 'text/html');
    const url = new URL('https://app.intercom.com/a/inbox/gu1e0q0t/inbox/admin/5540981/conversation/215470034567812');
    expect(intercom.readTicket(doc, url)?.ticketId).toBe('215470034567812');
  });
});

describe('intercom.readTicket', () => {
  it.each([
    [
      'ticket.html',
      TICKET_1,
      {
        helpdesk: 'intercom',
        ticketId: '215470034567812',
        title: 'Ödeme iki kez çekildi',
        name: 'Merve Koç',
        email: 'merve.koc@example.com',
        phone: '+905063147258',
        // The card number, the amount and the statement date are not phones.
        candidates: ['+905063147258 field'],
        orderNumbers: ['784655'],
      },
    ],
    [
      'ticket-2.html',
      TICKET_2,
      {
        helpdesk: 'intercom',
        ticketId: '215470034567900',
        title: 'Kupon kodu çalışmıyor',
        name: 'Oğuz Demir',
        email: 'oguz.demir@example.com',
        phone: '+905392218046',
        candidates: ['+905392218046 field'],
        orderNumbers: ['TR-10777'],
      },
    ],
  ])('reads %s', (file, url, expected) => {
    expect(summary(readFixture('intercom', file, url))).toEqual(expected);
  });
});

describe('intercom fixture switching', () => {
  it('switches in place to ticket 2, reading what ticket-2.html holds', () => {
    openFixture('intercom', 'ticket.html', TICKET_1);
    const switched = switchToNextTicket();
    expect(location.href).toBe(TICKET_2);
    expect(switched).toEqual(readFixture('intercom', 'ticket-2.html', TICKET_2));
  });
});
