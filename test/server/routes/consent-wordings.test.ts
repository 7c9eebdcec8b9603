import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentWording } from '../../../shared/schemas/consent';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { json } from '../consent/http';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ KOPRU_BUSINESS_NAME: 'Anadolu Kitap' });
});
afterAll(() => s.close());

type ErrorBody = { error: { code: string; details?: Array<{ path: string; message: string }> } };
const list = async (query = '') => (await json<{ wordings: ConsentWording[] }>(await s.api(`/api/consent-wordings${query}`))).wordings;
const create = (body: unknown, token: string | null = s.adminToken) => s.api('/api/consent-wordings', { method: 'POST', json: body, token });

const NEW_TR =
  '{business} bana siparişim ve kargom hakkında WhatsApp üzerinden bilgi gönderebilir. İstemediğimde DUR yazarak bu mesajları durdurabilirim.';

describe('/api/consent-wordings', () => {
  it('lists the current wording per language with the business name filled in', async () => {
    const wordings = await list();
    expect(wordings.map((w) => [w.id, w.language, w.version])).toEqual([
      ['cw_tr_v1', 'tr', 1],
      ['cw_en_v1', 'en', 1],
    ]);
    for (const w of wordings) {
      expect(ConsentWording.parse(w)).toEqual(w);
      expect(w.text).toContain('Anadolu Kitap');
      expect(w.text).not.toContain('{business}');
    }
  });

  it('lets an admin add a version; it becomes current and the old one stays usable for records', async () => {
    const res = await create({ language: 'tr', text: NEW_TR });
    expect(res.status).toBe(201);
    const { wording } = await json<{ wording: ConsentWording }>(res);
    expect(wording).toMatchObject({ id: 'cw_tr_v2', language: 'tr', version: 2 });
    expect(wording.text.startsWith('Anadolu Kitap bana')).toBe(true);

    expect((await list()).map((w) => w.id)).toEqual(['cw_tr_v2', 'cw_en_v1']);
    expect((await list('?all=true')).map((w) => w.id)).toEqual(['cw_tr_v2', 'cw_tr_v1', 'cw_en_v1']);

    const old = await s.api('/api/consents', { method: 'POST', json: { phone: '05324182796', action: 'opt_in', method: 'paper_form', wordingId: 'cw_tr_v1' } });
    expect(old.status).toBe(201);
  });

  it.each<[string, unknown, string]>([
    ['too short a text', { language: 'en', text: 'Yes please' }, 'Too small'],
    ['an unsupported language', { language: 'de', text: 'Ich stimme zu, dass {business} mir Nachrichten schickt. STOP' }, ''],
    ['a text that does not name the business', { language: 'en', text: 'I agree to receive order updates on WhatsApp. Reply STOP to stop.' }, 'Name the business'],
    ['a text that does not say how to stop', { language: 'en', text: 'I agree to receive order updates from {business} on WhatsApp.' }, 'how to stop'],
    ['"DUR" only inside another word', { language: 'tr', text: '{business} bana sipariş durumumu WhatsApp üzerinden bildirebilir.' }, 'how to stop'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_name, body, message) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const err = await json<ErrorBody>(res);
    expect(err.error.code).toBe('VALIDATION_FAILED');
    if (message) expect(err.error.details?.map((d) => d.message).join(' ')).toContain(message);
  });

  it('refuses a bad query value with 400', async () => {
    const res = await s.api('/api/consent-wordings?all=yes');
    expect(res.status).toBe(400);
  });

  it('lets agents read but only admins write; no token is 401', async () => {
    expect((await s.api('/api/consent-wordings')).status).toBe(200);
    const agent = await create({ language: 'en', text: 'I agree to receive updates from {business} on WhatsApp. Reply STOP to stop.' }, s.agentToken);
    expect(agent.status).toBe(403);
    expect((await json<ErrorBody>(agent)).error.code).toBe('FORBIDDEN');
    expect((await s.api('/api/consent-wordings', { token: null })).status).toBe(401);
    expect((await create({ language: 'en', text: 'x'.repeat(30) }, null)).status).toBe(401);
  });
});
