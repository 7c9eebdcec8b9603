// @vitest-environment happy-dom
/**
 * The template list saved at the last opening: shown at once when the panel opens (before the
 * server answers), replaced by the server's list, never shown for another server, saved after a
 * load, forgotten at sign-out.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import { makeContact, shippedTemplate, ticketTemplate } from './fixtures';

vi.mock('wxt/utils/storage', () => import('./fake-imports'));
vi.mock('../../../extension/lib/ticket-store', () => ({
  watchActiveTicket: (cb: (t: null) => void) => {
    cb(null);
    return () => {};
  },
  requestActiveTabRead: async () => ({ ok: true }),
}));

const { resetFakeStorage } = (await import('wxt/utils/storage')) as unknown as typeof import('./fake-imports');
const { App } = await import('../../../extension/entrypoints/sidepanel/app');
const { usePanelStore } = await import('../../../extension/store');
const { TEMPLATE_CACHE_KEY, readTemplateCache, writeTemplateCache } = await import('../../../extension/lib/template-cache');
const { clearConnection } = await import('../../../extension/lib/settings');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SERVER = 'http://127.0.0.1:8787';
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A server whose GET /api/templates answers only when the test says so. */
function slowTemplatesServer(fresh: ApiTemplate[]) {
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    if (url.pathname === '/api/me') return json({ agent: { id: 'agt_1', name: 'Deniz', role: 'agent', createdAt: 0 } });
    if (url.pathname === '/api/templates') {
      await answered;
      return json({ templates: fresh });
    }
    if (url.pathname.startsWith('/api/contacts/')) return json({ contact: makeContact() });
    if (url.pathname === '/api/alerts') return json({ alerts: [] });
    if (url.pathname === '/api/events') return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode(': connected\n\n')) }), { status: 200 });
    return json({ error: { code: 'NOT_FOUND', message: url.pathname } }, 404);
  });
  return { fetch, answer: () => answer() };
}

let root: Root;
let container: HTMLElement;
const names = () => [...container.querySelectorAll('[data-testid="template-item"]')].map((el) => el.textContent ?? '');
const settle = (ms = 30) => act(async () => void (await new Promise((r) => setTimeout(r, ms))));

async function open(fresh: ApiTemplate[]) {
  resetFakeStorage({ settings: { serverUrl: SERVER, token: 'agent-token', language: 'en' } });
  usePanelStore.setState(usePanelStore.getInitialState(), true);
  const server = slowTemplatesServer(fresh);
  vi.stubGlobal('fetch', server.fetch);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<App />));
  await settle();
  return server;
}

beforeEach(() => localStorage.clear());
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe('the template list saved at the last opening', () => {
  it('is on screen before the server answers, then the server’s list replaces it', async () => {
    writeTemplateCache(SERVER, [shippedTemplate()], 1);
    const server = await open([ticketTemplate()]);
    expect(names().join(' ')).toContain('order shipped');
    expect(names().join(' ')).not.toContain('ticket update');
    server.answer();
    await settle();
    expect(names().join(' ')).toContain('ticket update');
    expect(names().join(' ')).not.toContain('order shipped');
  });

  it('is never shown for another server: the list waits for this server’s answer', async () => {
    writeTemplateCache('http://other.example:8787', [shippedTemplate()], 1);
    const server = await open([ticketTemplate()]);
    expect(names()).toEqual([]);
    server.answer();
    await settle();
    expect(names().join(' ')).toContain('ticket update');
  });

  it('is the server’s list once it has loaded (saved for the next opening), and is forgotten at sign-out', async () => {
    const server = await open([ticketTemplate()]);
    server.answer();
    await settle(700);
    expect(readTemplateCache(SERVER)?.map((t) => t.name)).toEqual(['ticket_update']);
    expect(readTemplateCache('http://other.example:8787')).toBeNull();
    await act(async () => clearConnection());
    expect(localStorage.getItem(TEMPLATE_CACHE_KEY)).toBeNull();
  });

  it('an unreadable saved list counts as none', async () => {
    localStorage.setItem(TEMPLATE_CACHE_KEY, '{not json');
    expect(readTemplateCache(SERVER)).toBeNull();
    localStorage.setItem(TEMPLATE_CACHE_KEY, JSON.stringify({ serverUrl: SERVER, templates: 'nope' }));
    expect(readTemplateCache(SERVER)).toBeNull();
  });
});
