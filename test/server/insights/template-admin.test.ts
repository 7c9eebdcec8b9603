/**
 * Template authoring over real HTTP: `POST /api/templates/lint` (admin) judges drafts in Turkish and
 * English the way Meta would, and `POST /api/templates` (admin) lints, submits to the sandbox's Graph
 * API and stores the template, whose review outcome then arrives live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../../server/env';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { LintResult } from '../../../shared/schemas/lint';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { sseReader } from '../consent/http';
import { sandboxSettings } from '../messaging/helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const draft = (name: string, language: string, text: string, example: string[]) => ({
  name,
  language,
  category: 'UTILITY',
  components: [{ type: 'BODY', text, example: { body_text: [example] } }],
});

const lint = (body: unknown, token = s.adminToken) => s.api('/api/templates/lint', { method: 'POST', token, json: body });

describe('POST /api/templates/lint', () => {
  it.each([
    ['a Turkish shipping update', draft('kargo_bilgisi', 'tr', 'Merhaba {{1}}, {{2}} numaralı siparişiniz kargoya verildi. Takip numaranız: {{3}}. İyi günler dileriz.', ['Ayşe', 'TR-10482', 'TRK123']), 'UTILITY'],
    ['an English payment receipt', draft('payment_received', 'en', 'Hi {{1}}, we received your payment of {{2}} for order {{3}}. Thank you.', ['Emma', '$42.50', 'TR-10482']), 'UTILITY'],
    ['a Turkish campaign', draft('bahar_kampanyasi', 'tr', 'Merhaba {{1}}, bahar kampanyası başladı! Tüm ürünlerde %20 indirim fırsatını kaçırmayın, hemen alışverişe başlayın.', ['Ayşe']), 'MARKETING'],
    ['an English offer', draft('weekend_offer', 'en', 'Hi {{1}}, exclusive offer this weekend only: get 20% off everything. Shop now!', ['Emma']), 'MARKETING'],
  ])('%s → %s', async (_label, body, category) => {
    const res = await lint(body);
    expect(res.status).toBe(200);
    const result = (await res.json()) as LintResult;
    expect(result.category).toBe(category);
    if (category === 'MARKETING') {
      expect(result.findings.filter((f) => f.severity === 'warning').length).toBeGreaterThan(0);
      for (const f of result.findings) expect(f.message.length).toBeGreaterThan(10);
    } else {
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });

  it('reports Meta’s structural rules as errors (a variable at the very start)', async () => {
    const res = await lint(draft('bad_start', 'en', '{{1}}, your order has shipped.', ['Emma']));
    const result = (await res.json()) as LintResult;
    expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('answers any JSON object with findings; refuses what is not an object', async () => {
    const empty = await lint({});
    expect(empty.status).toBe(200);
    expect(((await empty.json()) as LintResult).findings.length).toBeGreaterThan(0);
    expect((await lint([1, 2])).status).toBe(400);
    const raw = await s.api('/api/templates/lint', { method: 'POST', token: s.adminToken, headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(raw.status).toBe(400);
  });

  it('is for admins: an agent gets 403, no token 401', async () => {
    expect((await lint(draft('x_y', 'en', 'Hi {{1}}, your order shipped today.', ['Emma']), s.agentToken)).status).toBe(403);
    expect((await s.api('/api/templates/lint', { method: 'POST', token: null, json: {} })).status).toBe(401);
  });
});

describe('POST /api/templates (draft → lint → submit → status live)', () => {
  const create = (body: unknown, token = s.adminToken) => s.api('/api/templates', { method: 'POST', token, json: body });

  it('submits a clean utility draft: 201 PENDING, then APPROVED arrives live and agents can use it', async () => {
    const panel = sseReader(await s.api('/api/events', { token: s.adminToken }));
    await panel.until((t) => t.includes(': connected'));
    const res = await create({ draft: draft('order_packed', 'en', 'Hi {{1}}, your order {{2}} has been packed and will leave our warehouse today.', ['Emma', 'TR-10482']) });
    const body = (await res.json()) as { template: ApiTemplate; lint: LintResult };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.template).toMatchObject({ name: 'order_packed', language: 'en', status: 'PENDING', category: 'UTILITY' });
    expect(body.lint.category).toBe('UTILITY');
    await panel.until((t) => t.includes('"name":"order_packed"') && t.includes('"status":"APPROVED"'));
    await waitFor(async () => {
      const list = (await (await s.api('/api/templates')).json()) as { templates: ApiTemplate[] };
      return list.templates.some((t) => t.name === 'order_packed' && t.usable);
    });
    await panel.cancel();
    // Recorded as the admin's doing.
    const audit = (await (await s.api('/api/audit?action=template.create', { token: s.adminToken })).json()) as { entries: Array<{ target: string; actor: { kind: string } }> };
    expect(audit.entries.some((e) => e.target === 'template:order_packed/en' && e.actor.kind === 'admin')).toBe(true);
  });

  it('refuses a draft with errors (400, with the findings) and sends nothing to Meta', async () => {
    const res = await create({ draft: draft('bad_vars', 'en', 'Hi {{1}}{{2}}, thanks.', ['Emma', 'X']) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { lint: LintResult } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.lint.findings.some((f) => f.severity === 'error')).toBe(true);
    const graph = await fetch(`${s.url}/sandbox/graph/v25.0/${SANDBOX.wabaId}/message_templates?name=bad_vars`, { headers: { authorization: `Bearer ${SANDBOX.accessToken}` } });
    expect(((await graph.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('holds marketing wording back until the admin accepts the warnings', async () => {
    const promo = draft('yaz_firsati', 'tr', 'Merhaba {{1}}, yaz fırsatları başladı! Kaçırmayın, %30 indirimle hemen alışveriş yapın.', ['Ayşe']);
    const held = await create({ draft: promo });
    expect(held.status).toBe(400);
    const heldBody = (await held.json()) as { error: { message: string; details: { lint: LintResult } } };
    expect(heldBody.error.details.lint.category).toBe('MARKETING');
    expect(heldBody.error.message).toMatch(/MARKETING/);
    const accepted = await create({ draft: promo, acceptWarnings: true });
    expect(accepted.status).toBe(201);
  });

  it('409 for a name + language that already exists here', async () => {
    const res = await create({ draft: draft('order_confirmation', 'tr', 'Merhaba {{1}}, {{2}} numaralı siparişiniz alındı, teşekkürler.', ['Ayşe', 'TR-1']) });
    expect(res.status).toBe(409);
  });

  it('Meta’s own refusal comes back as 400 with Meta’s code', async () => {
    await sandboxSettings(s, { autoReview: false });
    // Created at "Meta" by someone else; Köprü has not synced it yet.
    const direct = await fetch(`${s.url}/sandbox/graph/v25.0/${SANDBOX.wabaId}/message_templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(draft('return_received', 'en', 'Hi {{1}}, we received your return for order {{2}} today.', ['Emma', 'TR-1'])),
    });
    expect(direct.status).toBe(200);
    const res = await create({ draft: draft('return_received', 'en', 'Hi {{1}}, we received your return for order {{2}} today.', ['Emma', 'TR-1']) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { meta: { code: number } } } };
    expect(body.error.details.meta.code).toBe(100);
    await sandboxSettings(s, { autoReview: true });
  });

  it('bad body → 400; agent → 403; no token → 401', async () => {
    expect((await create({ template: {} })).status).toBe(400);
    expect((await create({ draft: draft('agent_try', 'en', 'Hi {{1}}, your order shipped.', ['Emma']) }, s.agentToken)).status).toBe(403);
    expect((await s.api('/api/templates', { method: 'POST', token: null, json: {} })).status).toBe(401);
  });
});
