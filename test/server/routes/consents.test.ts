import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentRecord } from '../../../shared/schemas/consent';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { json } from '../consent/http';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

type ErrorBody = { error: { code: string; message: string; details?: Array<{ path: string; message: string }> } };
const post = (body: unknown, token?: string | null) => s.api('/api/consents', { method: 'POST', json: body, ...(token !== undefined ? { token } : {}) });
const me = async (token: string) => (await json<{ agent: { id: string } }>(await s.api('/api/me', { token }))).agent.id;

describe('POST /api/consents', () => {
  it('records an in-person opt-in as the agent, pointing at the exact wording shown, and answers 201', async () => {
    const res = await post({
      phone: '0532 418 27 96',
      action: 'opt_in',
      method: 'in_person',
      wordingId: 'cw_tr_v1',
      topics: ['shipping', 'order_updates'],
      ticket: { system: 'zendesk', id: '4711', url: 'https://acme.zendesk.com/agent/tickets/4711' },
      note: 'Signed at the counter',
    });
    expect(res.status).toBe(201);
    const { consent } = await json<{ consent: ConsentRecord }>(res);
    expect(ConsentRecord.parse(consent)).toEqual(consent);
    expect(consent).toMatchObject({
      phone: '+905324182796',
      action: 'opt_in',
      method: 'in_person',
      topics: ['order_updates', 'shipping'],
      wordingId: 'cw_tr_v1',
      agentId: await me(s.agentToken),
      ticket: { system: 'zendesk', id: '4711' },
      note: 'Signed at the counter',
    });
    // The text the customer agreed to is kept with the record, business name filled in.
    expect((consent.evidence as { wording: { text: string } }).wording.text).toContain('Köprü Demo Mağazası tarafından');
    expect(consent.hash).toMatch(/^[0-9a-f]{64}$/);

    const contact = await json<{ contact: { consent: { status: string; history: ConsentRecord[] } } }>(await s.api('/api/contacts/05324182796'));
    expect(contact.contact.consent.status).toBe('opted_in');
    expect(contact.contact.consent.history[0]!.id).toBe(consent.id);
  });

  it('records an opt-out without a wording, and the contact becomes opted_out', async () => {
    await post({ phone: '+447911123456', action: 'opt_in', method: 'web_form' });
    const res = await post({ phone: '+44 7911 123456', action: 'opt_out', method: 'phone_call', note: 'Asked us to stop' });
    expect(res.status).toBe(201);
    const contact = await json<{ contact: { consent: { status: string } } }>(await s.api('/api/contacts/%2B447911123456'));
    expect(contact.contact.consent.status).toBe('opted_out');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing method', { phone: '05324182796', action: 'opt_in' }, 'method'],
    ['an unknown action', { phone: '05324182796', action: 'maybe', method: 'web_form' }, 'action'],
    ['an unknown topic', { phone: '05324182796', action: 'opt_in', method: 'web_form', topics: ['lottery'] }, 'topics.0'],
    ['a method only the server records (qr_code)', { phone: '05324182796', action: 'opt_in', method: 'qr_code' }, 'method'],
    ['a method only the server records (whatsapp_keyword)', { phone: '05324182796', action: 'opt_out', method: 'whatsapp_keyword' }, 'method'],
    ['an in-person opt-in without wording', { phone: '05324182796', action: 'opt_in', method: 'in_person' }, 'wordingId'],
    ['a phone-call opt-in without wording', { phone: '05324182796', action: 'opt_in', method: 'phone_call' }, 'wordingId'],
    ['an unknown wording', { phone: '05324182796', action: 'opt_in', method: 'web_form', wordingId: 'cw_xx_v9' }, 'wordingId'],
    ['a ticket without id', { phone: '05324182796', action: 'opt_in', method: 'web_form', ticket: { system: 'zendesk' } }, 'ticket.id'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_name, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const err = await json<ErrorBody>(res);
    expect(err.error.code).toBe('VALIDATION_FAILED');
    expect(err.error.details?.map((d) => d.path)).toContain(path);
  });

  it('refuses an invalid phone with 422 INVALID_PHONE, and malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await post({ phone: '12', action: 'opt_in', method: 'web_form' });
    expect(res.status).toBe(422);
    expect((await json<ErrorBody>(res)).error.code).toBe('INVALID_PHONE');
    const bad = await fetch(`${s.url}/api/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.agentToken}` },
      body: '{"phone":',
    });
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).error.code).toBe('BAD_REQUEST');
  });

  it('needs a token', async () => {
    const res = await post({ phone: '05324182796', action: 'opt_in', method: 'web_form' }, null);
    expect(res.status).toBe(401);
    expect((await json<ErrorBody>(res)).error.code).toBe('UNAUTHORIZED');
  });
});

describe('GET /api/consents/verify and /export', () => {
  it('lets an admin re-check the chain; agents get 403 and anonymous callers 401', async () => {
    const ok = await s.api('/api/consents/verify', { token: s.adminToken });
    expect(ok.status).toBe(200);
    const verdict = await json<{ ok: boolean; count: number; headHash: string }>(ok);
    expect(verdict.ok).toBe(true);
    expect(verdict.count).toBeGreaterThanOrEqual(3);
    expect(verdict.headHash).toMatch(/^[0-9a-f]{64}$/);

    const agent = await s.api('/api/consents/verify');
    expect(agent.status).toBe(403);
    expect((await json<ErrorBody>(agent)).error.code).toBe('FORBIDDEN');
    expect((await s.api('/api/consents/verify', { token: null })).status).toBe(401);
    expect((await s.api('/api/consents/export')).status).toBe(403);
  });

  it('exports the ledger in pages, in chain order', async () => {
    const first = await json<{ consents: ConsentRecord[]; nextAfter: number | null }>(await s.api('/api/consents/export?limit=2', { token: s.adminToken }));
    expect(first.consents).toHaveLength(2);
    expect(first.consents[1]!.prevHash).toBe(first.consents[0]!.hash);
    expect(first.nextAfter).toBe(first.consents[1]!.seq);
    const rest = await json<{ consents: ConsentRecord[] }>(await s.api(`/api/consents/export?after=${first.nextAfter}`, { token: s.adminToken }));
    expect(rest.consents[0]!.prevHash).toBe(first.consents[1]!.hash);
    const bad = await s.api('/api/consents/export?limit=0', { token: s.adminToken });
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).error.code).toBe('VALIDATION_FAILED');
  });

  it('the database itself refuses to change or delete a record', () => {
    const { db } = s.running.deps;
    expect(() => db.prepare("UPDATE consents SET action = 'opt_in' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consents WHERE seq = 1').run()).toThrow(/append-only/);
  });

  // Runs last in this file: it breaks the ledger on purpose.
  it('detects a record edited behind the triggers and names its seq', async () => {
    const { db } = s.running.deps;
    const target = db.prepare("SELECT seq FROM consents WHERE action = 'opt_out' ORDER BY seq LIMIT 1").pluck().get() as number;
    db.exec('DROP TRIGGER consents_no_update');
    db.prepare("UPDATE consents SET action = 'opt_in' WHERE seq = ?").run(target);
    const res = await s.api('/api/consents/verify', { token: s.adminToken });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ ok: false, brokenAt: target });
  });
});
