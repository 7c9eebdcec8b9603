import { describe, expect, it } from 'vitest';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import { prefillInputs } from '../../../extension/features/variables-form/prefill';
import { makeTicket, shippedTemplate, ticketTemplate } from './fixtures';

const withKinds = (...kinds: ApiTemplate['variables'][number]['kind'][]) =>
  shippedTemplate({
    variables: kinds.map((kind, i) => ({ key: String(i + 1), placeholder: String(i + 1), location: 'body' as const, kind, required: true })),
  });

describe('prefillInputs: what the ticket already says', () => {
  it('maps name, first order number and ticket id, and says where each came from', () => {
    const p = prefillInputs(withKinds('name', 'order_number', 'ticket_id', 'date'), makeTicket());
    expect(p.inputs).toEqual({ '1': 'Ayşe Yılmaz', '2': 'TR-10482', '3': '4711', '4': '' });
    expect(p.sources).toEqual({ '1': 'ticket_customer_name', '2': 'ticket_order_number', '3': 'ticket_id' });
  });

  it.each([
    ['no customer name, the contact’s WhatsApp name is used', makeTicket({ customer: {} }), 'Ayşe', { '1': 'Ayşe' }, { '1': 'contact_name' }],
    ['no customer name and no contact name', makeTicket({ customer: {} }), null, { '1': '' }, {}],
    ['a blank ticket name does not count', makeTicket({ customer: { name: '  ' } }), 'Can', { '1': 'Can' }, { '1': 'contact_name' }],
    ['no ticket at all', null, null, { '1': '' }, {}],
  ] as const)('%s', (_label, ticket, contactName, inputs, sources) => {
    const p = prefillInputs(withKinds('name'), ticket, contactName);
    expect(p.inputs).toEqual(inputs);
    expect(p.sources).toEqual(sources);
  });

  it('leaves order and ticket fields empty when the page has none (generic pages have no ticket id)', () => {
    const p = prefillInputs(withKinds('order_number', 'ticket_id'), makeTicket({ orderNumbers: [], ticketId: null, helpdesk: 'generic' }));
    expect(p.inputs).toEqual({ '1': '', '2': '' });
    expect(p.sources).toEqual({});
  });

  it('fills only the first variable of a kind (a second "name" is often a store, a second order number a tracking code)', () => {
    const p = prefillInputs(withKinds('name', 'order_number', 'order_number', 'name'), makeTicket());
    expect(p.inputs).toEqual({ '1': 'Ayşe Yılmaz', '2': 'TR-10482', '3': '', '4': '' });
  });

  it('fills every variable of a template whose values all come from the ticket', () => {
    expect(prefillInputs(ticketTemplate(), makeTicket()).inputs).toEqual({ '1': 'Ayşe Yılmaz', '2': '4711' });
  });

  it('skips optional quick-reply payloads, which the customer never sees', () => {
    const t = shippedTemplate({
      variables: [
        { key: '1', placeholder: '1', location: 'body', kind: 'name', required: true },
        { key: 'button.0', placeholder: '', location: 'button', buttonIndex: 0, kind: 'free_text', required: false },
      ],
    });
    expect(Object.keys(prefillInputs(t, makeTicket()).inputs)).toEqual(['1']);
  });
});
