// @vitest-environment happy-dom
/**
 * The panel's issue-6 parts in a DOM, against a fake server that answers like the real one: template
 * alerts (loaded, then live), the Insights tab (totals, a funnel per template, the daily trend,
 * failures by reason; team for admins, own for agents), the price before sending, and the admins'
 * template editor (live lint, submit, warnings to accept, the status arriving live) — in both languages.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/schemas/alert';
import type { AnalyticsReport, Figures } from '../../../shared/schemas/analytics';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { LiveEvent } from '../../../shared/schemas/live-event';
import type { TicketContext } from '../../../shared/schemas/ticket-context';
import { lintTemplate } from '../../../shared/templates/lint-template';
import { makeContact, makeTicket, shippedTemplate } from './fixtures';

vi.mock('wxt/utils/storage', () => import('./fake-imports'));
vi.mock('../../../extension/lib/ticket-store', () => ({
  watchActiveTicket: (cb: (t: TicketContext | null) => void) => {
    cb(makeTicket());
    return () => {};
  },
  requestActiveTabRead: async () => ({ ok: true }),
}));

const { resetFakeStorage } = (await import('wxt/utils/storage')) as unknown as typeof import('./fake-imports');
const { App } = await import('../../../extension/entrypoints/sidepanel/app');
const { usePanelStore } = await import('../../../extension/store');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const figures = (over: Partial<Figures> = {}): Figures => ({
  messages: 6, sent: 6, delivered: 4, read: 3, failed: 2, replied: 2,
  failures: [{ code: 131026, reason: 'undeliverable', count: 1 }, { code: null, reason: 'stopped', count: 1 }],
  rates: { delivery: 4 / 6, read: 3 / 4, reply: 2 / 4, failure: 2 / 6 },
  medianMs: { toDelivered: 4000, toRead: 10_000 },
  price: { free: 2, billable: 2, amount: 0.0106, currency: 'USD' },
  ...over,
});

function report(groupBy: 'template' | 'day', scope: 'team' | 'agent'): AnalyticsReport {
  const groups =
    groupBy === 'template'
      ? [
          { key: 'order_shipped/tr', label: 'order_shipped (tr)', figures: figures({ messages: 5, sent: 5, delivered: 3, read: 2, replied: 1 }) },
          { key: 'payment_reminder/tr', label: 'payment_reminder (tr)', figures: figures({ messages: 1, sent: 1, delivered: 1, read: 1, failed: 0, replied: 1, failures: [] }) },
        ]
      : ['2026-03-09', '2026-03-10', '2026-03-11'].map((day, i) => ({ key: day, label: day, figures: figures({ sent: i * 2, delivered: i, failed: i === 2 ? 1 : 0 }) }));
  return { range: { from: 0, to: 1, tz: 'UTC' }, groupBy, scope, agentId: scope === 'agent' ? 'agt_1' : null, rateCardSource: 'Test card', totals: figures(), groups };
}

const pausedAlert: Alert = {
  id: 'alr_1', kind: 'paused', severity: 'critical', message: 'paused', at: 1, resolvedAt: null,
  template: { id: '9001', name: 'order_shipped', language: 'tr' }, pausedUntil: Date.UTC(2026, 2, 10, 12), pause: 'FIRST_PAUSE',
};

function fakeServer(role: 'admin' | 'agent') {
  let push: (e: LiveEvent) => void = () => {};
  const calls: Array<{ path: string; query: string; body?: unknown }> = [];
  const created: ApiTemplate[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    calls.push({ path: url.pathname, query: url.search, body });
    if (url.pathname === '/api/me') return json({ agent: { id: 'agt_1', name: 'Deniz', role, createdAt: 0 } });
    if (url.pathname === '/api/templates' && url.searchParams.get('status') === 'all') return json({ templates: [shippedTemplate(), ...created] });
    if (url.pathname === '/api/templates' && init?.method === 'POST') {
      const { draft, acceptWarnings } = body as { draft: Record<string, unknown>; acceptWarnings: boolean };
      const lint = lintTemplate(draft);
      if (lint.findings.length && !acceptWarnings) return json({ error: { code: 'VALIDATION_FAILED', message: 'warnings', details: { lint } } }, 400);
      const t = shippedTemplate({ id: '77', name: String(draft.name), language: String(draft.language), status: 'PENDING', updatedAt: 1_770_000_000_000 });
      created.push(t);
      return json({ template: t, lint }, 201);
    }
    if (url.pathname === '/api/templates') return json({ templates: [shippedTemplate()] });
    if (url.pathname === '/api/templates/lint') return json(lintTemplate(body));
    if (url.pathname.startsWith('/api/contacts/')) return json({ contact: makeContact() });
    if (url.pathname === '/api/alerts') return json({ alerts: [pausedAlert] });
    if (url.pathname.endsWith('/dismiss')) return json({ alert: { ...pausedAlert, resolvedAt: 2 } });
    if (url.pathname === '/api/analytics') return json(report(url.searchParams.get('groupBy') as 'template' | 'day', role === 'admin' ? 'team' : 'agent'));
    if (url.pathname === '/api/price') {
      return json({ phone: '+905324182796', category: 'UTILITY', price: { priceClass: 'utility', billable: true, amount: 0.0053, currency: 'USD', market: '90' }, window: { open: false, expiresAt: null }, rateCard: { source: null, currency: 'USD' } });
    }
    if (url.pathname === '/api/events') {
      const encoder = new TextEncoder();
      return new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode('retry: 3000\n: connected\n\n'));
            push = (e) => controller.enqueue(encoder.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
          },
        }),
        { status: 200, headers: { 'content-type': 'text/event-stream' } },
      );
    }
    return json({ error: { code: 'NOT_FOUND', message: url.pathname } }, 404);
  });
  return { fetch, calls, created, push: (e: LiveEvent) => push(e) };
}

let root: Root;
let container: HTMLElement;
let server: ReturnType<typeof fakeServer>;
const $ = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const $$ = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 30))));
async function until(check: () => unknown, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await settle();
  }
  throw new Error(`never happened: ${what}\n${container.innerHTML.slice(0, 3000)}`);
}
async function type(el: HTMLElement, text: string) {
  await act(async () => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const click = (el: HTMLElement) => act(async () => el.click());

async function renderPanel(role: 'admin' | 'agent', language: 'tr' | 'en' = 'en') {
  resetFakeStorage({ settings: { serverUrl: 'http://127.0.0.1:8787', token: 'token', language } });
  usePanelStore.setState(usePanelStore.getInitialState(), true);
  server = fakeServer(role);
  vi.stubGlobal('fetch', server.fetch);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<App />));
  await until(() => $('connection-status')?.dataset.state === 'live', 'the live stream');
}

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe('template alerts in the panel', () => {
  it('shows the open ones, adds live ones, and lets an admin dismiss', async () => {
    await renderPanel('admin');
    await until(() => $('alerts-toggle')?.textContent === 'Template alerts: 1', 'the loaded alert');
    await click($('alerts-toggle')!);
    expect($('alert')?.dataset.kind).toBe('paused');
    expect($('alert')?.textContent).toMatch(/Paused by Meta.*order_shipped \(tr\).*cannot be sent until/s);

    const rejected: Alert = { ...pausedAlert, id: 'alr_2', kind: 'rejected', severity: 'warning', reason: 'PROMOTIONAL', metaReason: null, metaRecommendation: null, advice: 'x', findings: [] };
    await act(async () => server.push({ type: 'alert', alert: rejected, at: 2 }));
    await until(() => $$('[data-testid="alert"]').length === 2, 'the live alert');
    expect($$('[data-testid="alert"]')[0]!.textContent).toMatch(/Rejected by Meta.*PROMOTIONAL.*offers/s);

    await click($$('[data-testid="alert-dismiss"]')[1]!);
    await until(() => $$('[data-testid="alert"]').length === 1, 'the dismissed alert gone');
    expect(server.calls.some((c) => c.path === '/api/alerts/alr_1/dismiss')).toBe(true);
  });

  it('agents see alerts but cannot dismiss them; Turkish words', async () => {
    await renderPanel('agent', 'tr');
    await until(() => $('alerts-toggle')?.textContent === 'Şablon uyarısı: 1', 'the alert');
    await click($('alerts-toggle')!);
    expect($('alert')?.textContent).toMatch(/Meta duraklattı/);
    expect($('alert-dismiss')).toBeNull();
  });
});

describe('Insights', () => {
  it('draws totals, a funnel per template, the trend per day and failures by reason', async () => {
    await renderPanel('admin');
    await click($('tab-insights')!);
    await until(() => $('insights-totals'), 'the figures');
    expect($('insights-scope')?.textContent).toBe('Whole team');
    expect($('total-delivered')?.textContent).toBe('Delivered4 67%');
    expect($('total-replied')?.textContent).toBe('Replied2 50%');
    expect($('insights-medians')?.textContent).toBe('Median time to delivered: 4 s · to read: 10 s');
    expect($('insights-cost')?.textContent).toBe('Delivered free: 2 · billable: 2 · cost: $0.0106');
    const funnels = $$('[data-testid="funnels"] > li');
    expect(funnels.map((f) => f.dataset.template)).toEqual(['order_shipped/tr', 'payment_reminder/tr']);
    const steps = [...funnels[0]!.querySelectorAll<SVGGElement>('[data-step]')].map((g) => [g.dataset.step, g.dataset.value]);
    expect(steps).toEqual([['sent', '5'], ['delivered', '3'], ['read', '2'], ['replied', '1']]);
    expect(funnels[0]!.querySelector('svg')?.getAttribute('aria-label')).toBe('order_shipped (tr): 5 sent, 3 delivered, 2 read, 1 replied');
    expect([...container.querySelectorAll<SVGGElement>('[data-testid="trend-chart"] [data-day]')].map((g) => g.dataset.day)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
    expect($$('[data-testid="failures"] li').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/could not deliver.*1$/s),
      expect.stringMatching(/Stopped by Köprü.*1$/s),
    ]);
    // A longer period asks again with a wider range.
    const before = server.calls.filter((c) => c.path === '/api/analytics').length;
    await click($('period-90')!);
    await until(() => server.calls.filter((c) => c.path === '/api/analytics').length === before + 2, 'the refetch');
    const q = new URLSearchParams(server.calls.filter((c) => c.path === '/api/analytics').at(-1)!.query);
    expect((Date.parse(q.get('to')!) - Date.parse(q.get('from')!)) / 86_400_000).toBe(89);
  });

  it('an agent sees their own messages, in Turkish', async () => {
    await renderPanel('agent', 'tr');
    await click($('tab-insights')!);
    await until(() => $('insights-scope'), 'the figures');
    expect($('insights-scope')?.textContent).toBe('Sizin mesajlarınız');
    expect($('total-sent')?.textContent).toBe('Gönderilen6');
    expect($('insights-medians')?.textContent).toBe('Teslime kadar ortanca süre: 4 sn · okunmaya kadar: 10 sn');
  });
});

describe('the price before sending', () => {
  it('shows what the chosen template would cost this customer', async () => {
    await renderPanel('agent');
    await until(() => $('consent-status')?.dataset.status === 'opted_in', 'the contact');
    await type($('template-search')!, 'order');
    await act(async () => $('template-search')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await until(() => $('price-estimate'), 'the price');
    expect($('price-estimate')?.textContent).toBe('About $0.0053 if delivered (utility rate)');
    expect(server.calls.find((c) => c.path === '/api/price')?.query).toBe('?phone=%2B905324182796&template=order_shipped&language=tr');
  });
});

describe('the template editor', () => {
  it('is only offered to admins', async () => {
    await renderPanel('agent');
    expect($('tab-templates')).toBeNull();
  });

  it('lints while typing, holds marketing wording until accepted, submits, and shows Meta’s status live', async () => {
    await renderPanel('admin');
    await click($('tab-templates')!);
    await until(() => $('template-editor'), 'the editor');
    await type($('editor-name')!, 'Summer Deal');
    await act(async () => $('editor-name')!.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    await until(() => ($('editor-name') as HTMLInputElement).value === 'summer_deal', 'the suggested name');
    await act(async () => {
      const select = $('editor-language') as HTMLSelectElement;
      select.value = 'en';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await type($('editor-body')!, 'Hi {{1}}, exclusive offer this weekend: 20% off everything. Shop now!');
    await until(() => $('editor-example-1'), 'the example field');
    await type($('editor-example-1')!, 'Emma');
    await until(() => $('lint-category')?.textContent === 'Meta is likely to file it as MARKETING.', 'the lint');
    expect($$('[data-severity="warning"]').length).toBeGreaterThan(0);

    await click($('editor-submit')!);
    await until(() => $('editor-submit-anyway'), 'held for the warnings');
    await click($('editor-submit-anyway')!);
    await until(() => $('editor-done'), 'submitted');
    expect(server.calls.filter((c) => c.path === '/api/templates' && c.body).map((c) => (c.body as { acceptWarnings: boolean }).acceptWarnings)).toEqual([false, true]);
    await until(() => container.querySelector('[data-template="summer_deal/en"]')?.getAttribute('data-status') === 'PENDING', 'PENDING in the list');

    // Meta's verdict arrives as a template event; the list follows.
    server.created[0]!.status = 'APPROVED';
    await act(async () => server.push({ type: 'template.changed', templateId: '77', name: 'summer_deal', language: 'en', status: 'APPROVED', category: 'UTILITY', at: 3 }));
    await until(() => container.querySelector('[data-template="summer_deal/en"]')?.getAttribute('data-status') === 'APPROVED', 'APPROVED in the list');
  });
});
