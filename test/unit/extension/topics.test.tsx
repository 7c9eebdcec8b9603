// @vitest-environment happy-dom
/**
 * Consent topics in the panel: a template on a topic the opted-in customer does not receive is
 * listed greyed with the reason (and after the ones that can go), can still be opened to read its
 * preview, and Send says why it is disabled before the server would refuse (TOPIC_OPTED_OUT);
 * after such a refusal, or an opt-out one, the panel reloads the contact.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentTopic } from '../../../shared/schemas/consent';
import type { Contact } from '../../../shared/schemas/contact';
import { en } from '../../../extension/i18n/en';
import { tr } from '../../../extension/i18n/tr';
import type { ApiClient, ApiResult, SendResponse } from '../../../extension/lib/api-client';
import { createOutbox } from '../../../extension/lib/outbox';
import type { Services } from '../../../extension/lib/services';
import { makeContact, makeMessage, makeTicket, PHONE, shippedTemplate, ticketTemplate } from './fixtures';

vi.mock('wxt/utils/storage', () => import('./fake-imports'));
const { Composer } = await import('../../../extension/features/send/composer');
const { sendDraft } = await import('../../../extension/features/send/send-draft');
const { templateSendBlock } = await import('../../../extension/features/send/send-gate');
const { filterTemplates, indexTemplates } = await import('../../../extension/features/template-picker/filter-templates');
const { TemplatePicker } = await import('../../../extension/features/template-picker/template-picker');
const { topicNotReceived } = await import('../../../extension/features/template-picker/template-topic');
const { ServicesProvider } = await import('../../../extension/lib/services');
const { usePanelStore } = await import('../../../extension/store');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const consent = (status: Contact['consent']['status'], topics: ConsentTopic[]) => makeContact({ consent: { status, topics, updatedAt: 1, history: [] } });
/** order_shipped is a "shipping" template, ticket_update an "order_updates" one. */
const shipping = shippedTemplate();
const orders = ticketTemplate();
const noTopic = ticketTemplate({ name: 'whatsapp_handoff', topic: null });

describe('which templates a customer does not receive', () => {
  it.each([
    ['opted in to shipping', consent('opted_in', ['order_updates', 'shipping']), shipping, null],
    ['opted in, shipping turned off', consent('opted_in', ['order_updates']), shipping, 'shipping'],
    ['opted in to no topic at all', consent('opted_in', []), shipping, 'shipping'],
    ['a template without a topic needs only the opt-in', consent('opted_in', ['order_updates']), noTopic, null],
    ['opted out: the opt-out blocks, not the topic', consent('opted_out', []), shipping, null],
    ['no consent: that blocks, not the topic', consent('none', []), shipping, null],
    ['contact not loaded', null, shipping, null],
  ] as const)('%s', (_what, contact, template, expected) => {
    expect(topicNotReceived(template, contact)).toBe(expected);
  });
});

describe('Send says so before the server refuses', () => {
  const facts = { connection: 'connected', phone: PHONE, contactState: 'ready', contactError: null, send: { state: 'idle' }, hasTemplate: true, problemCount: 0 } as const;
  it.each([
    ['topic turned off', consent('opted_in', ['order_updates']), 'shipping', true, 'TOPIC_OPTED_OUT'],
    ['topic covered', consent('opted_in', ['shipping']), 'shipping', true, null],
    ['no topic', consent('opted_in', []), null, true, null],
    // The gate's order: opt-out, then consent, then topic, then the template itself.
    ['opted out wins', consent('opted_out', []), 'shipping', true, 'OPTED_OUT'],
    ['no consent wins', consent('none', []), 'shipping', true, 'NO_CONSENT'],
    ['topic before a paused template', consent('opted_in', ['order_updates']), 'shipping', false, 'TOPIC_OPTED_OUT'],
  ] as const)('%s', (_what, contact, templateTopic, templateUsable, expected) => {
    expect(templateSendBlock({ ...facts, contact, templateTopic, templateUsable })).toBe(expected);
  });
});

describe('the template list', () => {
  it('keeps templates the customer does not receive, after the ones that can go', () => {
    const index = indexTemplates([shipping, orders, shippedTemplate({ name: 'order_returned', topic: 'order_updates' })]);
    const order = (customerTopics: readonly string[] | null) =>
      filterTemplates(index, { query: 'order', language: null, topic: null, favourites: [], recents: [], limit: 10, customerTopics }).items.map((i) => i.template.name);
    expect(order(null)).toEqual(['order_returned', 'order_shipped']);
    expect(order(['shipping'])).toEqual(['order_shipped', 'order_returned']);
    expect(order(['order_updates'])).toEqual(['order_returned', 'order_shipped']);
  });
});

function services(answer: () => ApiResult<SendResponse>, contacts: Contact[]) {
  const contactCalls: string[] = [];
  const api = {
    sendMessage: async () => answer(),
    contact: async (phone: string) => {
      contactCalls.push(phone);
      return { ok: true, value: contacts[Math.min(contactCalls.length - 1, contacts.length - 1)] };
    },
    message: async () => ({ ok: true, value: makeMessage() }),
  } as unknown as ApiClient;
  const outbox = createOutbox({ storage: { getValue: async () => [], setValue: async () => {} }, send: async () => answer(), now: () => 0 });
  return { services: { api, outbox } satisfies Services, contactCalls };
}

function panelWith(contact: Contact, language: 'tr' | 'en' = 'en') {
  usePanelStore.setState(usePanelStore.getInitialState(), true);
  const s = usePanelStore.getState();
  s.settingsLoaded({ serverUrl: 'http://127.0.0.1:8787', token: 't', language });
  s.agentVerified({ id: 'agt_1', name: 'Agent', role: 'agent', createdAt: 0 });
  s.ticketDetected(makeTicket());
  s.contactRequested(PHONE);
  s.contactLoaded(PHONE, contact);
  s.templatesLoaded([shipping, orders]);
}

describe('in the panel', () => {
  let root: Root;
  let container: HTMLElement;
  const $ = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const row = (name: string) => container.querySelector<HTMLElement>(`[data-testid="template-item"][data-template="${name}"]`);
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
  });
  const render = (svc: Services) =>
    act(async () =>
      root.render(
        <ServicesProvider services={svc}>
          <TemplatePicker />
          <Composer />
        </ServicesProvider>,
      ),
    );

  it.each([
    ['en', en, 'Shipping'],
    ['tr', tr, tr['topic.shipping']],
  ] as const)('greys the template out with the reason, opens it for its preview, and Send explains (%s)', async (language, dict, topicName) => {
    panelWith(consent('opted_in', ['order_updates']), language);
    await render(services(() => ({ ok: true, value: { message: makeMessage(), replayed: false } }), []).services);
    expect(row('ticket_update')?.dataset.sendable).toBe('true');
    expect(row('order_shipped')?.dataset.sendable).toBe('false');
    expect(row('order_shipped')?.querySelector('[data-testid="template-not-received"]')?.textContent).toBe(dict['templates.notReceived'].replace('{topic}', topicName));
    expect(row('ticket_update')?.querySelector('[data-testid="template-not-received"]')).toBeNull();

    await act(async () => row('order_shipped')!.click());
    expect($('preview-body')?.textContent).toContain('Ayşe Yılmaz');
    expect(($('send-button') as HTMLButtonElement).disabled).toBe(true);
    expect($('send-disabled-reason')?.textContent).toBe(dict['block.TOPIC_OPTED_OUT'].replace('{topic}', topicName));
  });

  it.each(['TOPIC_OPTED_OUT', 'OPTED_OUT'] as const)('after a %s refusal the contact is reloaded, and Send shows the new reason', async (code) => {
    // The panel's copy is stale: the customer turned shipping off (or wrote STOP) a moment ago.
    const now = code === 'TOPIC_OPTED_OUT' ? consent('opted_in', ['order_updates']) : consent('opted_out', []);
    panelWith(consent('opted_in', ['order_updates', 'shipping']));
    const { services: svc, contactCalls } = services(() => ({ ok: false, error: { code, message: 'refused', status: 422 } }), [now]);
    usePanelStore.getState().templateChosen(shipping);
    usePanelStore.getState().variableEdited('3', '14 Mart');
    usePanelStore.getState().variableEdited('button.0', 'TRK4829301');
    await render(svc);
    expect(($('send-button') as HTMLButtonElement).disabled).toBe(false);

    await act(async () => sendDraft(svc, usePanelStore));
    await vi.waitFor(() => expect(contactCalls).toEqual([PHONE]));
    await act(async () => {});
    expect(usePanelStore.getState().contact?.consent).toEqual(now.consent);
    expect($('send-error')?.dataset.code).toBe(code);
    expect(($('send-button') as HTMLButtonElement).disabled).toBe(true);
    expect($('send-disabled-reason')?.textContent).toBe(code === 'TOPIC_OPTED_OUT' ? en['block.TOPIC_OPTED_OUT'].replace('{topic}', 'Shipping') : en['block.OPTED_OUT']);
  });
});
