/**
 * `GET /api/templates` and `POST /api/templates/sync` over real HTTP against the sandbox (whose
 * demo templates include a paused, a rejected and a marketing one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../../shared/schemas/api-error';
import { ApiTemplate } from '../../../shared/schemas/api-template';
import type { Message } from '../../../shared/schemas/message';
import type { Template } from '../../../shared/schemas/template';
import { saveTemplateSetting } from '../../../server/db/preferences-repo';
import { upsertTemplate } from '../../../server/db/templates-repo';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(() => ts?.close());

type List = { templates: ApiTemplate[] };
const list = async (query = '', token?: string) => {
  const res = await ts.api(`/api/templates${query}`, token ? { token } : {});
  return { res, body: res.status === 200 ? ((await res.json()) as List) : null };
};
const names = (l: List | null) => (l?.templates ?? []).map((t) => `${t.name}/${t.language}`);

describe('GET /api/templates', () => {
  it('lists the usable templates (APPROVED, UTILITY, not paused) with their variables, synced at start-up', async () => {
    const { res, body } = await list();
    expect(res.status).toBe(200);
    for (const t of body!.templates) ApiTemplate.parse(t);
    expect(names(body)).toContain('order_confirmation/tr');
    expect(names(body)).not.toContain('delivery_delay_notice/tr'); // paused
    expect(names(body)).not.toContain('account_verification/tr'); // rejected
    expect(names(body)).not.toContain('spring_sale/tr'); // marketing
    expect(body!.templates.every((t) => t.usable && t.status === 'APPROVED' && t.category === 'UTILITY')).toBe(true);
    const order = body!.templates.find((t) => t.name === 'order_confirmation' && t.language === 'tr')!;
    expect(order.variables.map((v) => v.key)).toEqual(['1', '2', '3']);
    expect(order.variables[0]).toMatchObject({ location: 'body', example: 'Ayşe', required: true });
  });

  it.each([
    ['siparis', 'order_confirmation/tr'],
    ['SİPARİŞİNİZ', 'order_confirmation/tr'],
    ['KARGOYA VERİLDİ', 'shipping_update/tr'],
    ['tracking number', 'shipping_update/en'],
    ['PAYMENT_REM', 'payment_reminder/en'],
  ])('finds %s by name or body, ignoring case, Turkish dots and accents', async (q, expected) => {
    const { body } = await list(`?q=${encodeURIComponent(q)}`);
    expect(names(body)).toContain(expected);
  });

  it('answers an empty list when nothing matches', async () => {
    const { res, body } = await list('?q=zzzz-nothing');
    expect(res.status).toBe(200);
    expect(body!.templates).toEqual([]);
  });

  it('filters by language', async () => {
    const { body } = await list('?language=en');
    expect(body!.templates.length).toBeGreaterThan(0);
    expect(body!.templates.every((t) => t.language === 'en' || t.language.startsWith('en_'))).toBe(true);
  });

  it('lets an admin see every template with its status and rejection reason', async () => {
    const { res, body } = await list('?status=all', ts.adminToken);
    expect(res.status).toBe(200);
    const rejected = body!.templates.find((t) => t.name === 'account_verification')!;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejected_reason: 'SCAM', usable: false });
    expect(body!.templates.find((t) => t.name === 'delivery_delay_notice')).toMatchObject({ status: 'PAUSED', usable: false });
    expect(body!.templates.find((t) => t.name === 'spring_sale')).toMatchObject({ category: 'MARKETING', usable: false });
  });

  it('refuses ?status=all to an agent with 403', async () => {
    const { res } = await list('?status=all');
    expect(res.status).toBe(403);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('FORBIDDEN');
  });

  it.each([['?status=everything'], ['?language=' + encodeURIComponent('<script>')]])('refuses a bad query %s with 400', async (q) => {
    const { res } = await list(q);
    expect(res.status).toBe(400);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a request without a token with 401', async () => {
    expect((await ts.api('/api/templates', { token: null })).status).toBe(401);
  });
});

describe('POST /api/templates/sync', () => {
  it('pulls every template for an admin and reports counts; a second sync changes nothing', async () => {
    ts.running.deps.db.prepare("DELETE FROM templates WHERE name = 'order_confirmation' AND language = 'en'").run();
    const res = await ts.api('/api/templates/sync', { method: 'POST', token: ts.adminToken });
    expect(res.status).toBe(200);
    const { counts } = (await res.json()) as { counts: Record<string, number> };
    expect(counts).toMatchObject({ created: 1, removed: 0 });
    expect(counts.total).toBeGreaterThanOrEqual(20);
    const again = (await (await ts.api('/api/templates/sync', { method: 'POST', token: ts.adminToken })).json()) as { counts: Record<string, number> };
    expect(again.counts).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: again.counts.total });
  });

  it('marks a template Meta no longer lists as DELETED', async () => {
    const db = ts.running.deps.db;
    db.prepare(
      "INSERT INTO templates (name, language, id, status, category, search_text, json, updated_at) VALUES ('gone_template', 'tr', '999', 'APPROVED', 'UTILITY', 'gone', ?, 0)",
    ).run(JSON.stringify({ id: '999', name: 'gone_template', language: 'tr', status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL', components: [{ type: 'BODY', text: 'Hi' }] }));
    const { counts } = (await (await ts.api('/api/templates/sync', { method: 'POST', token: ts.adminToken })).json()) as { counts: Record<string, number> };
    expect(counts.removed).toBe(1);
    const all = (await list('?status=all', ts.adminToken)).body!;
    expect(all.templates.find((t) => t.name === 'gone_template')).toMatchObject({ status: 'DELETED', usable: false });
  });

  it('refuses an agent with 403 and no token with 401', async () => {
    expect((await ts.api('/api/templates/sync', { method: 'POST' })).status).toBe(403);
    expect((await ts.api('/api/templates/sync', { method: 'POST', token: null })).status).toBe(401);
  });
});

describe('GET /api/templates: link buttons Köprü fills itself', () => {
  // A server of its own: these templates point at its public URL, and tracking needs allowed hosts.
  let own: TestServer;
  const template = (name: string, buttons: Array<{ text: string; url: string }>): Template => ({
    id: `77${name.length}${buttons.length}`,
    name,
    language: 'tr',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [
      { type: 'BODY', text: 'Merhaba {{1}}, bağlantılarınız aşağıda.', example: { body_text: [['Ayşe']] } },
      { type: 'BUTTONS', buttons: buttons.map((b) => ({ type: 'URL' as const, ...b, example: ['abc'] })) },
    ],
  });
  const variablesOf = async (name: string) => {
    const res = await own.api('/api/templates');
    const found = ((await res.json()) as List).templates.find((t) => t.name === name)!;
    ApiTemplate.parse(found);
    return found.variables.map(({ key, kind, serverLink, filledBy }) => ({ key, kind, serverLink, filledBy }));
  };

  beforeAll(async () => {
    own = await startTestServer({ KOPRU_REDIRECT_HOSTS: 'shop.example.com' });
    const { db, clock } = own.running.deps;
    const now = clock.now();
    upsertTemplate(db, template('link_preferences', [
      { text: 'Bildirim ayarları', url: `${own.url}/preferences/{{1}}` },
      { text: 'Siparişi gör', url: `${own.url}/r/{{1}}` },
    ]), now);
    upsertTemplate(db, template('link_tracked_with_value', [
      { text: 'Kargoyu izle', url: `${own.url}/r/{{1}}` },
      { text: 'Mağaza', url: 'https://shop.example.com/siparis/{{1}}' },
    ]), now);
    upsertTemplate(db, template('link_untracked', [{ text: 'Siparişi gör', url: `${own.url}/r/{{1}}` }]), now);
    const setting = { topic: null, noTopic: true, updatedBy: null, updatedAt: now };
    saveTemplateSetting(db, { ...setting, name: 'link_preferences', clickTracking: { '1': 'https://shop.example.com/hesabim' } });
    saveTemplateSetting(db, { ...setting, name: 'link_tracked_with_value', clickTracking: { '0': 'https://shop.example.com/kargo/{{1}}' } });
    saveTemplateSetting(db, { ...setting, name: 'link_untracked', clickTracking: {} });
  });
  afterAll(() => own?.close());

  it.each([
    [
      'a preference-centre button and a tracked link with a fixed target: neither value is asked for',
      'link_preferences',
      [
        { key: '1', kind: 'name', serverLink: undefined, filledBy: undefined },
        { key: 'button.0', kind: 'url_suffix', serverLink: 'preferences', filledBy: 'server' },
        { key: 'button.1', kind: 'url_suffix', serverLink: 'click_tracking', filledBy: 'server' },
      ],
    ],
    [
      'a tracked link whose target takes the value: still asked for; an outside link: untouched',
      'link_tracked_with_value',
      [
        { key: '1', kind: 'name', serverLink: undefined, filledBy: undefined },
        { key: 'button.0', kind: 'url_suffix', serverLink: 'click_tracking', filledBy: undefined },
        { key: 'button.1', kind: 'url_suffix', serverLink: undefined, filledBy: undefined },
      ],
    ],
    [
      'a /r/ button without a tracking target: the agent’s value is the link',
      'link_untracked',
      [
        { key: '1', kind: 'name', serverLink: undefined, filledBy: undefined },
        { key: 'button.0', kind: 'url_suffix', serverLink: undefined, filledBy: undefined },
      ],
    ],
  ])('%s', async (_what, name, expected) => {
    expect(await variablesOf(name)).toEqual(expected);
  });

  it('a placeholder sent for a server-filled value never reaches the customer: the real links do', async () => {
    const phone = '+905321260190';
    const consent = await own.api('/api/consents', { method: 'POST', json: { phone, action: 'opt_in', method: 'paper_form' } });
    expect(consent.status).toBe(201);
    const res = await own.api('/api/messages', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'server-filled-links-1' },
      json: { phone, template: { name: 'link_preferences', language: 'tr' }, values: { '1': 'Ayşe', 'button.0': 'auto', 'button.1': 'auto' } },
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const urls = ((await res.json()) as { message: Message }).message.preview.buttons?.map((b) => (b as { url?: string }).url) ?? [];
    expect(urls[0]).toMatch(new RegExp(`^${own.url}/preferences/[^/]+$`));
    expect(urls[1]).toMatch(new RegExp(`^${own.url}/r/[A-Za-z0-9]{10}$`));
    expect(urls.join(' ')).not.toContain('auto');
  });
});
