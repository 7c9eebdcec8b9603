/**
 * Survey answers and tracked links over real HTTP: quick-reply answers to feedback templates land
 * in `GET /api/analytics/surveys` per template and per agent; a template whose URL button points at
 * our /r/{{1}} gets a fresh code per message that counts clicks and forwards (302) only to allowed
 * hosts, and `GET /api/analytics/clicks` shows click-through; a /preferences/{{1}} button gets the
 * recipient's own link; admins set a template's topic and tracked buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickAnalytics, SurveyAnalytics } from '../../../shared/schemas/engagement';
import { ClickAnalytics as ClickAnalyticsSchema, SurveyAnalytics as SurveyAnalyticsSchema } from '../../../shared/schemas/engagement';
import type { Message } from '../../../shared/schemas/message';
import type { TemplateSetting } from '../../../shared/schemas/preferences';
import { createAgent } from '../../../server/db/agents-repo';
import { SANDBOX } from '../../../server/env';
import { waitFor, type TestServer } from '../../helpers/test-server';
import { customerSays, json, startCustomerServer, templatesOnPhone } from './helpers';

let s: TestServer;
let secondAgent: { id: string; token: string };
const TEMPLATE = 'order_status_link';

beforeAll(async () => {
  s = await startCustomerServer();
  const { db, clock } = s.running.deps;
  const a = createAgent(db, { name: 'Zeynep', role: 'agent', now: clock.now() });
  secondAgent = { id: a.agent.id, token: a.token };
  // A template whose buttons point at this server: a tracked link and the preference centre.
  const created = await fetch(`${s.url}/sandbox/graph/v25.0/${SANDBOX.wabaId}/message_templates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SANDBOX.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: TEMPLATE,
      language: 'tr',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Merhaba {{1}}, {{2}} numaralı siparişinizin durumunu aşağıdaki butondan görebilirsiniz.', example: { body_text: [['Ayşe', 'TR-10482']] } },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'URL', text: 'Siparişi gör', url: `${s.url}/r/{{1}}`, example: ['abc123'] },
            { type: 'URL', text: 'Bildirim ayarları', url: `${s.url}/preferences/{{1}}`, example: ['tok'] },
          ],
        },
      ],
    }),
  });
  expect(created.status, await created.clone().text()).toBe(200);
  await waitFor(async () => {
    await s.api('/api/templates/sync', { method: 'POST', token: s.adminToken });
    const list = await json<{ templates: Array<{ name: string; status: string }> }>(await s.api('/api/templates?status=all', { token: s.adminToken }));
    return list.templates.some((t) => t.name === TEMPLATE && t.status === 'APPROVED');
  });
});
afterAll(() => s.close());

let keys = 0;
async function send(token: string, phone: string, template: { name: string; language: string }, values: Record<string, string>, ticket?: { system: string; id: string }): Promise<Message> {
  const res = await s.api('/api/messages', {
    method: 'POST',
    token,
    headers: { 'Idempotency-Key': `engagement-${++keys}` },
    json: { phone, template, values, ...(ticket ? { ticket } : {}) },
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await json<{ message: Message }>(res)).message;
}

async function optIn(waId: string, topics: string[]) {
  expect((await s.api('/api/consents', { method: 'POST', json: { phone: `+${waId}`, action: 'opt_in', method: 'paper_form', topics } })).status).toBe(201);
}

/** The wamid of our message once Meta has accepted it. */
const wamidOf = (id: string) =>
  waitFor(async () => (await json<{ message: Message }>(await s.api(`/api/messages/${id}`, { token: s.adminToken }))).message.wamid);

const surveys = async (token: string, query = '') => SurveyAnalyticsSchema.parse(await json<SurveyAnalytics>(await s.api(`/api/analytics/surveys${query}`, { token })));
const clicks = async (token: string, query = '') => ClickAnalyticsSchema.parse(await json<ClickAnalytics>(await s.api(`/api/analytics/clicks${query}`, { token })));

describe('survey answers', () => {
  it('quick-reply answers are stored against the message, its agent and ticket, and counted per template and per agent', async () => {
    const customers = ['905321260111', '905321260112', '905321260113', '905321260114'];
    for (const c of customers) await optIn(c, ['order_updates', 'surveys']);
    const trSurvey = { name: 'feedback_survey', language: 'tr' };
    const ticket = { system: 'zendesk', id: '48213' };
    const m1 = await send(s.agentToken, `+${customers[0]}`, trSurvey, { '1': 'Ayşe', '2': '#1' }, ticket);
    const m2 = await send(s.agentToken, `+${customers[1]}`, trSurvey, { '1': 'Can', '2': '#2' });
    const m3 = await send(secondAgent.token, `+${customers[2]}`, trSurvey, { '1': 'Ece', '2': '#3' });
    const m4 = await send(secondAgent.token, `+${customers[3]}`, { name: 'feedback_survey', language: 'en' }, { '1': 'Emma', '2': '#4' });

    await customerSays(s, customers[0]!, { button: { payload: 'Evet', text: 'Evet' }, context: { id: await wamidOf(m1.id) } });
    await customerSays(s, customers[1]!, { button: { payload: 'Hayır', text: 'Hayır' }, context: { id: await wamidOf(m2.id) } });
    await customerSays(s, customers[2]!, { button: { payload: 'Hayır', text: 'Hayır' }, context: { id: await wamidOf(m3.id) } });
    // Changes their mind: the second tap replaces the first.
    await customerSays(s, customers[2]!, { button: { payload: 'Evet', text: 'Evet' }, context: { id: await wamidOf(m3.id) } });
    await customerSays(s, customers[3]!, { button: { payload: '4', text: '4' }, context: { id: await wamidOf(m4.id) } });

    const stored = s.running.deps.db.prepare('SELECT agent_id, ticket_json, answer, template_name FROM survey_answers WHERE message_id = ?').get(m1.id);
    expect(stored).toEqual({ agent_id: m1.agentId, ticket_json: JSON.stringify(ticket), answer: 'Evet', template_name: 'feedback_survey' });

    const all = await surveys(s.adminToken);
    const tr = all.templates.find((t) => t.name === 'feedback_survey' && t.language === 'tr')!;
    expect(tr.total).toBe(3);
    expect(tr.answers).toEqual({ Evet: 2, Hayır: 1 });
    expect(tr.byAgent).toEqual(
      expect.arrayContaining([
        { agentId: m1.agentId, agentName: 'Test agent', total: 2, answers: { Evet: 1, Hayır: 1 } },
        { agentId: secondAgent.id, agentName: 'Zeynep', total: 1, answers: { Evet: 1 } },
      ]),
    );
    expect(all.templates.find((t) => t.language === 'en')).toMatchObject({ total: 1, answers: { '4': 1 } });

    // An agent sees only their own messages' answers.
    const mine = await surveys(s.agentToken);
    expect(mine.templates.map((t) => [t.name, t.language, t.total])).toEqual([['feedback_survey', 'tr', 2]]);
    expect(mine.templates[0]!.byAgent.map((a) => a.agentId)).toEqual([m1.agentId]);

    // The answers were not consent: nobody was opted out or in by them.
    for (const c of customers) {
      const consent = await json<{ contact: { consent: { history: unknown[] } } }>(await s.api(`/api/contacts/%2B${c}`));
      expect(consent.contact.consent.history).toHaveLength(1);
    }
  });

  it('a quick reply on a template that is not a survey is not an answer', async () => {
    const waId = '905321260121';
    await optIn(waId, ['appointments']);
    const m = await send(s.agentToken, `+${waId}`, { name: 'appointment_reminder', language: 'tr' }, { '1': 'Ali', '2': '14 Mayıs', '3': '10:30', '4': 'servis' });
    await customerSays(s, waId, { button: { payload: 'Geleceğim', text: 'Geleceğim' }, context: { id: await wamidOf(m.id) } });
    expect(s.running.deps.db.prepare('SELECT COUNT(*) FROM survey_answers WHERE message_id = ?').pluck().get(m.id)).toBe(0);
  });

  it('the range filters by when the answer came; bad ranges are refused; no token → 401', async () => {
    const now = s.running.deps.clock.now();
    expect((await surveys(s.adminToken, `?from=${now + 60_000}&to=${now + 120_000}`)).templates).toEqual([]);
    const today = new Date(now).toISOString().slice(0, 10);
    expect((await surveys(s.adminToken, `?from=${today}&to=${today}`)).templates.length).toBeGreaterThan(0);
    for (const q of ['/surveys?from=yesterday', `/surveys?from=${now}&to=${now - 1}`, '/clicks?to=soon', `/clicks?from=${now}&to=${now}`]) {
      const res = await s.api(`/api/analytics${q}`, { token: s.adminToken });
      expect(res.status).toBe(400);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('VALIDATION_FAILED');
    }
    expect((await s.api('/api/analytics/surveys', { token: null })).status).toBe(401);
    expect((await s.api('/api/analytics/clicks', { token: null })).status).toBe(401);
  });
});

describe('template settings (admin)', () => {
  it('lists each template with its inferred topic and Köprü link buttons', async () => {
    const res = await s.api('/api/template-settings', { token: s.adminToken });
    expect(res.status).toBe(200);
    const { templates } = await json<{ templates: TemplateSetting[] }>(res);
    expect(templates.find((t) => t.name === 'shipping_update')).toMatchObject({ topic: 'shipping', topicSource: 'inferred', languages: ['en', 'tr'] });
    expect(templates.find((t) => t.name === 'optin_confirmation')).toMatchObject({ topic: null, topicSource: 'none' });
    expect(templates.find((t) => t.name === TEMPLATE)).toMatchObject({
      topic: 'order_updates',
      linkButtons: [
        { index: 0, link: 'click_tracking', targetUrl: null },
        { index: 1, link: 'preferences', targetUrl: null },
      ],
    });
  });

  it.each([
    ['a host not in KOPRU_REDIRECT_HOSTS', { clickTracking: { '0': 'https://evil.example.com/x/{{1}}' } }, 'clickTracking.0'],
    ['a button that is not a /r/ button', { clickTracking: { '1': 'https://shop.example.com/x' } }, 'clickTracking.1'],
    ['a URL that is not http(s)', { clickTracking: { '0': 'javascript:alert(1)' } }, 'clickTracking.0'],
    ['an unknown topic', { topic: 'lottery' }, 'topic'],
    ['an unknown field', { colour: 'red' }, '(root)'],
  ])('refuses %s with 400 naming the field', async (_label, body, path) => {
    const res = await s.api(`/api/template-settings/${TEMPLATE}`, { method: 'POST', token: s.adminToken, json: body });
    expect(res.status).toBe(400);
    const error = (await json<{ error: { code: string; details: Array<{ path: string }> } }>(res)).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => d.path)).toContain(path);
  });

  it('agents may not change settings (403), unknown templates are 404', async () => {
    expect((await s.api(`/api/template-settings/${TEMPLATE}`, { method: 'POST', json: { topic: 'surveys' } })).status).toBe(403);
    expect((await s.api('/api/template-settings')).status).toBe(403);
    expect((await s.api('/api/template-settings/nope', { method: 'POST', token: s.adminToken, json: { topic: 'surveys' } })).status).toBe(404);
  });

  it('an admin-set topic is what the gate checks; null unbinds it; inferTopic goes back to the name', async () => {
    const waId = '905321260131';
    await optIn(waId, ['order_updates']);
    const values = { '1': 'Ayşe', '2': 'TR-1', 'button.0': 'TR-1', 'button.1': 'x' };
    const set = (body: unknown) => s.api(`/api/template-settings/${TEMPLATE}`, { method: 'POST', token: s.adminToken, json: body });
    expect((await json<{ template: TemplateSetting }>(await set({ topic: 'payments' }))).template).toMatchObject({ topic: 'payments', topicSource: 'admin' });
    const refused = await s.api('/api/messages', { method: 'POST', headers: { 'Idempotency-Key': 'topic-admin-1' }, json: { phone: `+${waId}`, template: { name: TEMPLATE, language: 'tr' }, values } });
    expect((await json<{ error: { code: string; details: { topicSource: string } } }>(refused)).error).toMatchObject({ code: 'TOPIC_OPTED_OUT', details: { topicSource: 'admin' } });
    expect((await json<{ template: TemplateSetting }>(await set({ topic: null }))).template).toMatchObject({ topic: null, topicSource: 'admin' });
    await send(s.agentToken, `+${waId}`, { name: TEMPLATE, language: 'tr' }, values);
    expect((await json<{ template: TemplateSetting }>(await set({ inferTopic: true }))).template).toMatchObject({ topic: 'order_updates', topicSource: 'inferred' });
  });
});

describe('tracked links and preference buttons', () => {
  const values = (order: string) => ({ '1': 'Ayşe', '2': order, 'button.0': order, 'button.1': 'x' });

  it('each message gets its own /r/ code forwarding to the business URL; clicks and click-through per template', async () => {
    const set = await s.api(`/api/template-settings/${TEMPLATE}`, {
      method: 'POST',
      token: s.adminToken,
      json: { clickTracking: { '0': 'https://shop.example.com/siparis/{{1}}' } },
    });
    expect(set.status).toBe(200);
    const customers = ['905321260141', '905321260142', '905321260143'];
    for (const c of customers) await optIn(c, ['order_updates']);
    const sent = [];
    for (const [i, c] of customers.entries()) {
      const token = i === 2 ? secondAgent.token : s.agentToken;
      sent.push(await send(token, `+${c}`, { name: TEMPLATE, language: 'tr' }, values(`TR-${i}`)));
    }
    const urls = sent.map((m) => (m.preview.buttons as Array<{ url: string }>)[0]!.url);
    for (const u of urls) expect(u).toMatch(new RegExp(`^${s.url}/r/[A-Za-z0-9]{10}$`));
    expect(new Set(urls).size).toBe(3);
    // What the customer's phone shows is the same link.
    const [onPhone] = await templatesOnPhone(s, customers[0]!);
    expect(JSON.stringify(onPhone!.rendered)).toContain(urls[0]);
    await Promise.all(sent.map((m) => wamidOf(m.id)));

    const follow = (u: string, method = 'GET') => fetch(u, { method, redirect: 'manual' });
    const first = await follow(urls[0]!);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://shop.example.com/siparis/TR-0');
    await follow(urls[0]!);
    expect((await follow(urls[0]!, 'HEAD')).status).toBe(302); // a link checker: not counted
    expect((await follow(urls[2]!)).headers.get('location')).toBe('https://shop.example.com/siparis/TR-2');

    const admin = (await clicks(s.adminToken)).templates.find((t) => t.name === TEMPLATE)!;
    expect(admin).toEqual({ name: TEMPLATE, language: 'tr', sent: 3, clicks: 3, uniqueClicks: 2, clickThroughRate: 0.6667 });
    const mine = (await clicks(s.agentToken)).templates.find((t) => t.name === TEMPLATE)!;
    expect(mine).toEqual({ name: TEMPLATE, language: 'tr', sent: 2, clicks: 2, uniqueClicks: 1, clickThroughRate: 0.5 });
  });

  it('never an open redirect: an unknown code is 404, and a host taken off the list stops forwarding (and is not counted)', async () => {
    expect((await fetch(`${s.url}/r/NoSuchCode99`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${s.url}/r/..%2F..%2Fetc`, { redirect: 'manual' })).status).toBe(404);
    const waId = '905321260151';
    await optIn(waId, ['order_updates']);
    const m = await send(s.agentToken, `+${waId}`, { name: TEMPLATE, language: 'tr' }, values('TR-9'));
    const url = (m.preview.buttons as Array<{ url: string }>)[0]!.url;
    const code = url.split('/r/')[1]!;
    const config = s.running.deps.config;
    const hosts = config.redirectHosts;
    config.redirectHosts = ['other.example.net'];
    try {
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    } finally {
      config.redirectHosts = hosts;
    }
    expect(s.running.deps.db.prepare('SELECT COUNT(*) FROM link_clicks WHERE code = ?').pluck().get(code)).toBe(0);
  });

  it('a /preferences/{{1}} button carries the recipient\'s own signed link', async () => {
    const waId = '905321260161';
    await optIn(waId, ['order_updates', 'payments']);
    const m = await send(s.agentToken, `+${waId}`, { name: TEMPLATE, language: 'tr' }, values('TR-5'));
    const prefs = (m.preview.buttons as Array<{ url: string }>)[1]!.url;
    expect(prefs.startsWith(`${s.url}/preferences/`)).toBe(true);
    const page = await fetch(prefs);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('+90 532 ***** 61');
    expect(html).toMatch(/value="payments" checked/);
  });
});
