// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { generic } from '../../../extension/helpdesks/generic';
import { readFixture, summary } from './fixture-page';

const PAGE = 'https://destek.example.test/talepler/5521';

describe('generic.isTicketPage', () => {
  it.each([
    [PAGE, true],
    ['http://localhost:8080/ticket?id=5521', true],
    ['file:///home/agent/ticket.html', false],
    ['chrome://extensions/', false],
  ])('%s → %s', (url, expected) => {
    expect(generic.isTicketPage(new URL(url))).toBe(expected);
  });
});

describe('generic.readTicket', () => {
  it('reads links, title and the visible text of an unknown helpdesk page', () => {
    expect(summary(readFixture('generic', 'page.html', PAGE))).toEqual({
      helpdesk: 'generic',
      ticketId: null,
      title: 'Talep #5521 – Ekranı kırık telefon – Destek Paneli',
      name: undefined,
      // The mailto: link without its ?subject=…
      email: 'kemal.ozkan@example.com',
      // Nothing says whose number a tel: link is on an unknown page: candidates only.
      phone: undefined,
      // tel: link first; the number said to be "numarası" before the call-centre footer.
      candidates: ['+905321112233 tel_link', '+902163456789 text', '+908502223344 text'],
      // "Talep #5521" is the page's ticket, not an order.
      orderNumbers: ['785001', 'ORD-2025-000917'],
    });
  });

  it('skips scripts and hidden elements', () => {
    const text = JSON.stringify(readFixture('generic', 'page.html', PAGE));
    expect(text).not.toContain('+908509998877'); // in a <script>
    expect(text).not.toContain('+905440001122'); // in a hidden <div>
  });
});
