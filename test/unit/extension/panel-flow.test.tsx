// @vitest-environment happy-dom
/**
 * The whole side panel in a DOM, against a fake server: from an open ticket to a sent template in
 * three actions (type, Enter, Ctrl+Enter), then live status, in both languages.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../../shared/schemas/live-event';
import type { TicketContext } from '../../../shared/schemas/ticket-context';
import { makeContact, makeMessage, makeTicket, PHONE, shippedTemplate, ticketTemplate } from './fixtures';

vi.mock('wxt/utils/storage', () => import('./fake-imports'));
let emitTicket: (t: TicketContext | null) => void = () => {};
vi.mock('../../../extension/lib/ticket-store', () => ({
  watchActiveTicket: (cb: (t: TicketContext | null) => void) => {
    emitTicket = cb;
    cb(makeTicket());
    return () => {};
  },
  requestActiveTabRead: async () => ({ ok: true }),
}));

// The mocked module itself (a direct import of ./fake-imports would be a second instance).
const { resetFakeStorage } = (await import('wxt/utils/storage')) as unknown as typeof import('./fake-imports');
const { App } = await import('../../../extension/entrypoints/sidepanel/app');
const { usePanelStore } = await import('../../../extension/store');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Sent = { key: string | null; body: unknown };

/** The routes the panel uses, answering like the real server; `/api/events` stays open so tests can push events. */
function fakeServer() {
  const sent: Sent[] = [];
  const posted: Array<{ path: string; body: unknown }> = [];
  const state = { consent: 'opted_in' as 'opted_in' | 'opted_out' };
  let push: (e: LiveEvent) => void = () => {};
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (headers.authorization !== 'Bearer agent-token') return json({ error: { code: 'UNAUTHORIZED', message: 'no' } }, 401);
    if (url.pathname === '/api/me') return json({ agent: { id: 'agt_1', name: 'Deniz', role: 'agent', createdAt: 0 } });
    if (url.pathname === '/api/templates') return json({ templates: [shippedTemplate(), ticketTemplate()] });
    if (url.pathname.startsWith('/api/contacts/')) {
      // Like the server: an opt-in covers topics (those the panel's opt-in form ticks by default), an opt-out none.
      const topics = state.consent === 'opted_in' ? (['order_updates', 'shipping'] as const) : [];
      return json({ contact: makeContact({ consent: { status: state.consent, topics: [...topics], updatedAt: 1, history: [] } }) });
    }
    if (url.pathname === '/api/consent-wordings') {
      return json({
        wordings: [
          { id: 'cw_tr_v1', version: 1, language: 'tr', text: 'Köprü Demo Mağazası tarafından bilgilendirme mesajları almayı kabul ediyorum. DUR yazarak durdurabilirim.', createdAt: 0 },
          { id: 'cw_en_v1', version: 1, language: 'en', text: 'I agree to receive service messages from Köprü Demo Mağazası. Reply STOP to stop.', createdAt: 0 },
        ],
      });
    }
    if (init?.method === 'POST' && url.pathname !== '/api/messages') posted.push({ path: url.pathname, body: JSON.parse(String(init.body)) });
    if (url.pathname === '/api/consents') {
      const body = JSON.parse(String(init!.body)) as { action: 'opt_in' | 'opt_out'; method: string; topics?: string[]; wordingId?: string };
      state.consent = body.action === 'opt_in' ? 'opted_in' : 'opted_out';
      return json({ consent: { id: 'c1', seq: 1, phone: PHONE, action: body.action, method: body.method, topics: body.topics ?? [], wordingId: body.wordingId ?? null, agentId: 'agt_1', ticket: null, note: null, evidence: null, createdAt: Date.now(), prevHash: '0', hash: '1' } }, 201);
    }
    if (url.pathname === '/api/optin-codes') {
      return json({ code: 'KOPRU-7F3KQ', waMeLink: 'https://wa.me/908505551234?text=KOPRU-7F3KQ', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>', expiresAt: Date.now() + 600_000 }, 201);
    }
    if (url.pathname === '/api/handoffs') {
      return json({
        handoff: { id: 'ho_1', code: 'KOPRU-H4ND0', channel: 'chat', phone: null, requestedBy: null, agentId: 'agt_1', ticket: { system: 'zendesk', id: '4711' }, status: 'awaiting_customer', messageId: null, waMeLink: 'https://wa.me/908505551234?text=KOPRU-H4ND0', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>', linkedWaId: null, linkedAt: null, createdAt: Date.now() },
        templateSkipped: { code: 'NO_CONSENT' },
      }, 201);
    }
    if (url.pathname === '/api/messages' && init?.method === 'POST') {
      sent.push({ key: headers['idempotency-key'] ?? null, body: JSON.parse(String(init.body)) });
      return json({ message: makeMessage({ id: 'msg_7', status: 'sent', template: { name: 'ticket_update', language: 'en' } }) }, 202);
    }
    if (url.pathname === '/api/events') {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode('retry: 3000\n: connected\n\n'));
          push = (e) => controller.enqueue(encoder.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }
    return json({ error: { code: 'NOT_FOUND', message: url.pathname } }, 404);
  });
  return { fetch, sent, posted, state, push: (e: LiveEvent) => push(e) };
}

let root: Root;
let container: HTMLElement;
let server: ReturnType<typeof fakeServer>;

const $ = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 30))));

async function until(check: () => unknown, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await settle();
  }
  throw new Error(`never happened: ${what}\n${container.innerHTML.slice(0, 2000)}`);
}

async function type(el: HTMLElement, text: string) {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(el: Element, key: string, mods: KeyboardEventInit = {}) {
  await act(async () => void el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods })));
}

async function renderPanel(language: 'tr' | 'en') {
  resetFakeStorage({ settings: { serverUrl: 'http://127.0.0.1:8787', token: 'agent-token', language } });
  usePanelStore.setState(usePanelStore.getInitialState(), true);
  server = fakeServer();
  vi.stubGlobal('fetch', server.fetch);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<App />));
  await until(() => $('connection-status')?.dataset.state === 'live', 'the live stream');
  await until(() => $('consent-status')?.dataset.status === 'opted_in', 'the contact');
}

beforeEach(() => {
  emitTicket = () => {};
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe('side panel', () => {
  it('goes from the open ticket to a sent template in three actions, once, and shows delivered then read', async () => {
    await renderPanel('en');
    expect($('customer-name')?.textContent).toBe('Ayşe Yılmaz');
    expect(($('customer-phone') as HTMLInputElement).value).toBe(PHONE);

    const search = $('template-search')!;
    await type(search, 'ticket'); // 1: a few letters
    await press(search, 'Enter'); // 2: pick the highlighted template
    await until(() => $('preview-body')?.textContent === 'Hi Ayşe Yılmaz, we updated your request #4711.', 'the filled preview');
    expect($('variable-source-1')?.textContent).toBe('From the ticket: customer name');

    await press(document.activeElement ?? document.body, 'Enter', { ctrlKey: true }); // 3: send
    await press(document.activeElement ?? document.body, 'Enter', { ctrlKey: true }); // an impatient second press
    await until(() => $('message-status')?.dataset.status === 'sent', 'the sent status');
    expect(server.sent).toHaveLength(1);
    expect(server.sent[0]).toMatchObject({
      key: expect.stringMatching(/^[\w-]{8,}$/),
      body: { phone: PHONE, template: { name: 'ticket_update', language: 'en' }, values: { '1': 'Ayşe Yılmaz', '2': '4711' } },
    });
    expect($('send-disabled-reason')?.textContent).toContain('Sent.');

    await act(async () => server.push({ type: 'message.status', messageId: 'msg_7', phone: PHONE, agentId: 'agt_1', status: 'delivered', at: Date.now() }));
    await until(() => $('message-status')?.dataset.status === 'delivered', 'delivered');
    await act(async () => server.push({ type: 'message.status', messageId: 'msg_7', phone: PHONE, agentId: 'agt_1', status: 'read', at: Date.now() }));
    await until(() => $('message-status')?.dataset.status === 'read', 'read');
  });

  it('speaks Turkish, and disables Send with the reason when the customer sends STOP', async () => {
    await renderPanel('tr');
    await type($('template-search')!, 'kargo');
    await press($('template-search')!, 'Enter');
    await until(() => $('chosen-template')?.textContent?.includes('order shipped'), 'the chosen template');
    expect($('consent-status')?.textContent).toBe('İzin verdi');

    server.state.consent = 'opted_out'; // the customer wrote STOP
    await act(async () => server.push({ type: 'consent.changed', phone: PHONE, status: 'opted_out', method: 'whatsapp_keyword', recordId: 'c9', at: Date.now() }));
    await until(() => $('consent-status')?.dataset.status === 'opted_out', 'the opt-out');
    expect(($('send-button') as HTMLButtonElement).disabled).toBe(true);
    expect($('send-disabled-reason')?.textContent).toBe('Müşteri WhatsApp mesajı almak istemediğini bildirdi.');
  });

  it('switching tickets updates the card and clears values taken from the previous ticket', async () => {
    await renderPanel('en');
    await type($('template-search')!, 'ticket');
    await press($('template-search')!, 'Enter');
    await until(() => ($('variable-input-2') as HTMLInputElement | null)?.value === '4711', 'the first ticket’s id');
    await act(async () =>
      emitTicket(makeTicket({ ticketId: '4800', url: 'https://acme.zendesk.com/agent/tickets/4800', customer: { name: 'Mehmet Öz', phone: '+905551112233' }, phoneCandidates: [] })),
    );
    await until(() => $('customer-name')?.textContent === 'Mehmet Öz', 'the new customer');
    expect(($('variable-input-2') as HTMLInputElement).value).toBe('4800');
    expect(($('customer-phone') as HTMLInputElement).value).toBe('+905551112233');
  });

  it('`/` jumps to the template search and the language switch changes every label', async () => {
    await renderPanel('en');
    await press(document.body, '/');
    expect(document.activeElement).toBe($('template-search'));
    await act(async () => $('language-switch')!.click());
    await until(() => $('tab-consent')?.textContent === 'İzin', 'Turkish labels');
  });

  it('records an in-person opt-in with the exact wording shown, and a QR opt-in confirmed live', async () => {
    await renderPanel('tr');
    await act(async () => $('tab-consent')!.click());
    await until(() => $('consent-wording')?.dataset.wordingId === 'cw_tr_v1', 'the Turkish wording');
    expect(($('consent-record') as HTMLButtonElement).disabled).toBe(true);
    expect($('consent-disabled-reason')?.textContent).toBe('Müşteri kabul edince kutuyu işaretleyin.');
    await act(async () => $('consent-confirm')!.click());
    await act(async () => $('consent-record')!.click());
    await until(() => $('consent-recorded'), 'the confirmation');
    expect(server.posted[0]).toEqual({
      path: '/api/consents',
      body: { phone: PHONE, action: 'opt_in', method: 'in_person', topics: ['order_updates', 'shipping'], wordingId: 'cw_tr_v1', ticket: { system: 'zendesk', id: '4711', url: 'https://acme.zendesk.com/agent/tickets/4711' } },
    });

    await act(async () => $('optin-qr-create')!.click());
    await until(() => $('optin-qr'), 'the QR code');
    expect($('optin-qr')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect($('optin-status')?.dataset.state).toBe('pending');
    await act(async () => server.push({ type: 'optin.confirmed', code: 'KOPRU-7F3KQ', phone: PHONE, at: Date.now() }));
    await until(() => $('optin-status')?.dataset.state === 'confirmed', 'the live confirmation');
    expect($('optin-status')?.textContent).toBe(`Onaylandı: ${PHONE} izin verdi.`);
  });

  it('a hand-off without consent gives the wa.me link and QR, and shows when the customer writes', async () => {
    await renderPanel('en');
    await act(async () => $('tab-handoff')!.click());
    await act(async () => $('handoff-create')!.click());
    await until(() => $('handoff-link'), 'the link');
    expect($('handoff-link')?.getAttribute('href')).toBe('https://wa.me/908505551234?text=KOPRU-H4ND0');
    expect($('handoff-qr')).not.toBeNull();
    expect(server.posted[0]).toMatchObject({ path: '/api/handoffs', body: { channel: 'chat', ticket: { system: 'zendesk', id: '4711' }, phone: PHONE, customerName: 'Ayşe Yılmaz' } });
    await act(async () => server.push({ type: 'handoff.linked', handoffId: 'ho_1', phone: PHONE, at: Date.now() }));
    await until(() => $('handoff-result')?.dataset.status === 'linked', 'the link-up');
  });
});
