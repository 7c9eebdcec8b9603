/** Realistic test data for the panel: a ticket, a contact, templates and messages as the server sends them. */
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { Contact } from '../../../shared/schemas/contact';
import type { Message } from '../../../shared/schemas/message';
import type { TicketContext } from '../../../shared/schemas/ticket-context';

export const PHONE = '+905324182796';

export function makeTicket(over: Partial<TicketContext> = {}): TicketContext {
  return {
    helpdesk: 'zendesk',
    ticketId: '4711',
    url: 'https://acme.zendesk.com/agent/tickets/4711',
    title: 'Kargom nerede?',
    customer: { name: 'Ayşe Yılmaz', email: 'ayse@example.com', phone: PHONE, phoneRaw: '0532 418 27 96' },
    phoneCandidates: [{ e164: PHONE, raw: '0532 418 27 96', source: 'field' }],
    orderNumbers: ['TR-10482', 'TR-10490'],
    readAt: 1_760_000_000_000,
    ...over,
  };
}

/** `Merhaba {{1}}, {{2}} numaralı siparişiniz kargoya verildi. Teslim: {{3}}` + a tracking URL button. */
export function shippedTemplate(over: Partial<ApiTemplate> = {}): ApiTemplate {
  return {
    id: '9001',
    name: 'order_shipped',
    language: 'tr',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Siparişiniz yolda' },
      { type: 'BODY', text: 'Merhaba {{1}}, *{{2}}* numaralı siparişiniz kargoya verildi. Tahmini teslim: {{3}}.' },
      { type: 'FOOTER', text: 'Köprü Demo Mağazası' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Kargoyu izle', url: 'https://kargo.example.com/takip/{{1}}' }] },
    ],
    variables: [
      { key: '1', placeholder: '1', location: 'body', kind: 'name', required: true, example: 'Ayşe' },
      { key: '2', placeholder: '2', location: 'body', kind: 'order_number', required: true, example: 'TR-10482' },
      { key: '3', placeholder: '3', location: 'body', kind: 'date', required: true },
      { key: 'button.0', placeholder: '1', location: 'button', buttonIndex: 0, kind: 'url_suffix', required: true },
    ],
    topic: 'shipping',
    usable: true,
    pausedUntil: null,
    updatedAt: 1_760_000_000_000,
    ...over,
  };
}

/** A template whose only variables come from the ticket: `{{1}}` name, `{{2}}` ticket id. */
export function ticketTemplate(over: Partial<ApiTemplate> = {}): ApiTemplate {
  return {
    id: '9002',
    name: 'ticket_update',
    language: 'en',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hi {{1}}, we updated your request #{{2}}.' }],
    variables: [
      { key: '1', placeholder: '1', location: 'body', kind: 'name', required: true },
      { key: '2', placeholder: '2', location: 'body', kind: 'ticket_id', required: true },
    ],
    topic: 'order_updates',
    usable: true,
    pausedUntil: null,
    updatedAt: 1_760_000_000_000,
    ...over,
  };
}

export function makeContact(over: Partial<Contact> = {}): Contact {
  return {
    phone: PHONE,
    waId: PHONE.slice(1),
    name: 'Ayşe',
    consent: { status: 'opted_in', topics: ['order_updates'], updatedAt: 1_760_000_000_000, history: [] },
    window: { open: false, expiresAt: null },
    nextTemplatePrice: 'billable',
    messages: [],
    ...over,
  };
}

export function makeMessage(over: Partial<Message> = {}): Message {
  return {
    id: 'msg_1',
    kind: 'template',
    phone: PHONE,
    agentId: 'agt_1',
    status: 'accepted',
    template: { name: 'order_shipped', language: 'tr' },
    preview: { body: 'Merhaba Ayşe' },
    wamid: 'wamid.1',
    errorCode: null,
    errorReason: null,
    pricing: null,
    ticket: null,
    createdAt: 1_760_000_000_000,
    updatedAt: 1_760_000_000_000,
    history: [{ status: 'accepted', at: 1_760_000_000_000 }],
    ...over,
  };
}
