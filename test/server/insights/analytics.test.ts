/**
 * `GET /api/analytics` against a scripted day and a half of a support team's WhatsApp: six template
 * sends by two agents to six customers, every status webhook and customer message at a time the
 * script sets (the server's clock is the test's), so every figure — counts, failures by Meta code,
 * replies within 24 h, rates, medians, free vs billable and the cost from the rate card — is known
 * exactly in advance and must come back exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../../server/core/consent-ledger';
import { DEFAULT_RATE_CARD } from '../../../shared/pricing/default-rate-card';
import type { AnalyticsReport, Figures } from '../../../shared/schemas/analytics';
import type { Message } from '../../../shared/schemas/message';
import { metaStatus, newKey, postWebhook, statusesPayload } from '../messaging/helpers';
import { inbound, startScriptedServer, type ScriptedServer } from './scripted-server';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0); // 2026-03-10 09:00 UTC
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const TR_UTILITY = DEFAULT_RATE_CARD.rates['90']!.utility;

const customer = (n: number) => ({ e164: `+90532555${String(n).padStart(4, '0')}`, waId: `90532555${String(n).padStart(4, '0')}` });
const A = customer(11), B = customer(12), C = customer(13), D = customer(14), E = customer(15), F = customer(16);

let s: ScriptedServer;
let agent1: { id: string; token: string };
let agent2: { id: string; token: string };
const sent: Record<string, Message & { waId: string }> = {};

const ORDER = { name: 'order_confirmation', language: 'tr', values: { '1': 'Ayşe', '2': 'TR-10482', '3': '1.249,90 TL' } };
const PAYMENT = { name: 'payment_reminder', language: 'tr', values: { '1': 'Ayşe', '2': '1.249,90 TL', '3': 'FTR-2026-0192', '4': '20 Mart' } };
const FREE = { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'utility' };
const BILLED = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' };

async function send(label: string, token: string, to: { e164: string; waId: string }, t: typeof ORDER) {
  const res = await s.api('/api/messages', {
    method: 'POST',
    token,
    headers: { 'Idempotency-Key': newKey() },
    json: { phone: to.e164, template: { name: t.name, language: t.language }, values: t.values },
  });
  const body = (await res.json()) as { message: Message };
  expect(res.status, JSON.stringify(body)).toBe(202);
  expect(body.message.status).toBe('accepted');
  sent[label] = { ...body.message, waId: to.waId };
}

async function status(label: string, name: string, extra: Record<string, unknown> = {}) {
  const m = sent[label]!;
  const res = await postWebhook(s, statusesPayload([metaStatus({ wamid: m.wamid!, id: m.id, waId: m.waId }, name, extra)]));
  expect(res.status).toBe(200);
}

const failedWith = (code: number) => ({ errors: [{ code, title: 'failed', message: 'failed', error_data: { details: 'failed' } }] });

/** The script, in time order: [offset from T0, step]. */
const SCRIPT: Array<[number, () => Promise<void>]> = [
  [0, () => inbound(s, A.waId, 'wamid.in.A1', 'Merhaba, siparişim ne durumda?', T0)],
  [1 * M, () => send('m1', agent1.token, A, ORDER)],
  [1 * M + 1 * S, () => status('m1', 'sent', { pricing: FREE })],
  [1 * M + 3 * S, () => status('m1', 'delivered')],
  [1 * M + 10 * S, () => status('m1', 'read')],
  [2 * M, () => send('m2', agent1.token, B, ORDER)],
  [2 * M + 1 * S, () => status('m2', 'sent', { pricing: BILLED })],
  [2 * M + 5 * S, () => status('m2', 'delivered')],
  [3 * M, () => send('m3', agent2.token, C, ORDER)],
  [3 * M + 1 * S, () => status('m3', 'sent', { pricing: BILLED })],
  [3 * M + 4 * S, () => status('m3', 'failed', failedWith(131026))],
  [4 * M, () => send('m4', agent2.token, D, ORDER)],
  [4 * M + 1 * S, () => status('m4', 'sent', { pricing: BILLED })],
  [4 * M + 7 * S, () => status('m4', 'delivered')],
  [4 * M + 20 * S, () => status('m4', 'read')],
  [5 * M, () => send('m5', agent1.token, E, ORDER)],
  [5 * M + 1 * S, () => status('m5', 'sent', { pricing: BILLED })],
  [5 * M + 9 * S, () => status('m5', 'failed', failedWith(131049))],
  // A free-form reply inside A's window: not a template, not counted.
  [5 * M + 30 * S, async () => {
    const res = await s.api('/api/messages', { method: 'POST', token: agent1.token, headers: { 'Idempotency-Key': newKey() }, json: { phone: A.e164, text: 'Kargonuz yarın çıkıyor.' } });
    expect(res.status).toBe(202);
  }],
  [2 * H, () => inbound(s, A.waId, 'wamid.in.A2', 'Teşekkürler!', T0 + 2 * H)], // replies to m1
  [24 * H + 5 * M, () => inbound(s, F.waId, 'wamid.in.F1', 'Faturam ne zaman?', T0 + 24 * H + 5 * M)],
  [24 * H + 6 * M, () => send('m6', agent2.token, F, PAYMENT)],
  [24 * H + 6 * M + 1 * S, () => status('m6', 'sent', { pricing: FREE })],
  [24 * H + 6 * M + 2 * S, () => status('m6', 'delivered')],
  [24 * H + 6 * M + 4 * S, () => status('m6', 'read')],
  [25 * H + 4 * M, () => inbound(s, D.waId, 'wamid.in.D1', 'Tamamdır', T0 + 25 * H + 4 * M)], // 25 h after m4: not a reply
  [25 * H + 6 * M, () => inbound(s, F.waId, 'wamid.in.F2', 'Ödedim, teşekkürler', T0 + 25 * H + 6 * M)], // replies to m6
];

beforeAll(async () => {
  s = await startScriptedServer(T0);
  agent1 = s.newAgent('Ayla');
  agent2 = s.newAgent('Burak');
  for (const c of [A, B, C, D, E, F]) recordConsent(s.running.deps, { phone: c.e164, action: 'opt_in', method: 'paper_form' });
  for (const [offset, step] of SCRIPT) {
    s.setNow(T0 + offset);
    await step();
  }
  s.setNow(T0 + 26 * H);
}, 30_000);
afterAll(() => s?.close());

async function report(query: string, token = s.adminToken): Promise<AnalyticsReport> {
  const res = await s.api(`/api/analytics?${query}`, { token });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body as AnalyticsReport;
}

const money = (n: number) => Math.round(n * 1e6) / 1e6;

const figures = (f: Partial<Figures> & Pick<Figures, 'messages' | 'sent' | 'delivered' | 'read' | 'failed' | 'replied'>, extra: { failures: Figures['failures']; toDelivered: number | null; toRead: number | null; free: number; billable: number }): Figures => ({
  messages: f.messages,
  sent: f.sent,
  delivered: f.delivered,
  read: f.read,
  failed: f.failed,
  replied: f.replied,
  failures: extra.failures,
  rates: {
    delivery: f.sent ? f.delivered / f.sent : null,
    read: f.delivered ? f.read / f.delivered : null,
    reply: f.delivered ? f.replied / f.delivered : null,
    failure: f.messages ? f.failed / f.messages : null,
  },
  medianMs: { toDelivered: extra.toDelivered, toRead: extra.toRead },
  price: { free: extra.free, billable: extra.billable, amount: money(extra.billable * TR_UTILITY), currency: 'USD' },
});

const F131026 = { code: 131026, reason: expect.any(String) as unknown as string, count: 1 };
const F131049 = { code: 131049, reason: expect.any(String) as unknown as string, count: 1 };

describe('GET /api/analytics over the scripted sequence', () => {
  it('team totals: exactly the scripted counts, rates, medians, free/billable and cost', async () => {
    const r = await report('from=2026-03-10&to=2026-03-11');
    expect(r.scope).toBe('team');
    expect(r.range).toEqual({ from: T0 - 9 * H, to: T0 - 9 * H + 48 * H, tz: 'UTC' });
    expect(r.totals).toEqual(
      figures(
        { messages: 6, sent: 6, delivered: 4, read: 3, failed: 2, replied: 2 },
        // delivered after 3 s, 5 s, 7 s, 2 s → median (3+5)/2; read after 10 s, 20 s, 4 s → 10 s
        { failures: [F131026, F131049], toDelivered: 4000, toRead: 10_000, free: 2, billable: 2 },
      ),
    );
    // Meta's failure codes come with a readable reason.
    expect(r.totals.failures.map((f) => f.reason).join(' ')).toMatch(/deliver|WhatsApp/i);
  });

  it('by template: order_confirmation and payment_reminder each with their own figures', async () => {
    const r = await report('from=2026-03-10&to=2026-03-11&groupBy=template');
    expect(r.groups.map((g) => [g.key, g.label])).toEqual([
      ['order_confirmation/tr', 'order_confirmation (tr)'],
      ['payment_reminder/tr', 'payment_reminder (tr)'],
    ]);
    expect(r.groups[0]!.figures).toEqual(
      figures({ messages: 5, sent: 5, delivered: 3, read: 2, failed: 2, replied: 1 }, { failures: [F131026, F131049], toDelivered: 5000, toRead: 15_000, free: 1, billable: 2 }),
    );
    expect(r.groups[1]!.figures).toEqual(
      figures({ messages: 1, sent: 1, delivered: 1, read: 1, failed: 0, replied: 1 }, { failures: [], toDelivered: 2000, toRead: 4000, free: 1, billable: 0 }),
    );
  });

  it('by agent: each agent with their own messages, named', async () => {
    const r = await report('from=2026-03-10&to=2026-03-11&groupBy=agent');
    const byName = Object.fromEntries(r.groups.map((g) => [g.label, g]));
    expect(Object.keys(byName).sort()).toEqual(['Ayla', 'Burak']);
    expect(byName.Ayla!.key).toBe(agent1.id);
    expect(byName.Ayla!.figures).toEqual(
      figures({ messages: 3, sent: 3, delivered: 2, read: 1, failed: 1, replied: 1 }, { failures: [F131049], toDelivered: 4000, toRead: 10_000, free: 1, billable: 1 }),
    );
    expect(byName.Burak!.figures).toEqual(
      figures({ messages: 3, sent: 3, delivered: 2, read: 2, failed: 1, replied: 1 }, { failures: [F131026], toDelivered: 4500, toRead: 12_000, free: 1, billable: 1 }),
    );
  });

  it('by day: every day of the range, in the asked time zone', async () => {
    const utc = await report('from=2026-03-10&to=2026-03-11&groupBy=day');
    expect(utc.groups.map((g) => [g.key, g.figures.messages, g.figures.delivered])).toEqual([
      ['2026-03-10', 5, 3],
      ['2026-03-11', 1, 1],
    ]);
    // 09:0x UTC is 23:0x the evening before in Honolulu (UTC−10).
    const hawaii = await report('from=2026-03-08&to=2026-03-10&groupBy=day&tz=Pacific%2FHonolulu');
    expect(hawaii.groups.map((g) => [g.key, g.figures.messages])).toEqual([
      ['2026-03-08', 0],
      ['2026-03-09', 5],
      ['2026-03-10', 1],
    ]);
    expect(hawaii.totals.messages).toBe(6);
  });

  it('a range that leaves out the second day counts only the first day’s sends', async () => {
    const r = await report(`from=${T0}&to=${T0 + 12 * H}`);
    expect(r.totals).toMatchObject({ messages: 5, sent: 5, delivered: 3, read: 2, failed: 2, replied: 1 });
  });

  it('stored a price class per message at send time (free inside the window, the TR utility rate outside)', () => {
    const rows = s.running.deps.db
      .prepare("SELECT id, price_class, price_amount, price_market, template_category FROM messages WHERE kind = 'template' ORDER BY created_at")
      .all() as Array<{ id: string; price_class: string; price_amount: number; price_market: string; template_category: string }>;
    expect(rows.map((r) => [r.price_class, r.price_amount, r.price_market, r.template_category])).toEqual([
      ['free', 0, '90', 'UTILITY'],
      ['utility', TR_UTILITY, '90', 'UTILITY'],
      ['utility', TR_UTILITY, '90', 'UTILITY'],
      ['utility', TR_UTILITY, '90', 'UTILITY'],
      ['utility', TR_UTILITY, '90', 'UTILITY'],
      ['free', 0, '90', 'UTILITY'],
    ]);
  });
});

describe('who sees what', () => {
  it('an agent gets their own figures only, whatever they ask', async () => {
    const own = await report('from=2026-03-10&to=2026-03-11', agent1.token);
    expect(own.scope).toBe('agent');
    expect(own.agentId).toBe(agent1.id);
    expect(own.totals).toMatchObject({ messages: 3, delivered: 2, failed: 1 });
    const res = await s.api(`/api/analytics?agentId=${agent2.id}`, { token: agent1.token });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('an admin may narrow the team to one agent', async () => {
    const r = await report(`from=2026-03-10&to=2026-03-11&agentId=${agent2.id}`);
    expect(r.scope).toBe('agent');
    expect(r.totals).toMatchObject({ messages: 3, read: 2 });
  });

  it('needs a token', async () => {
    expect((await s.api('/api/analytics', { token: null })).status).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    ['groupBy=week', 'groupBy'],
    ['from=yesterday', 'from'],
    ['from=2026-03-12&to=2026-03-10', 'to'],
    ['from=2026-02-30', 'from'],
    ['tz=Mars%2FOlympus', 'tz'],
    ['from=2020-01-01&to=2026-03-10', 'from'],
  ])('%s → 400 VALIDATION_FAILED naming %s', async (query, field) => {
    const res = await s.api(`/api/analytics?${query}`, { token: s.adminToken });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path)).toContain(field);
  });
});
