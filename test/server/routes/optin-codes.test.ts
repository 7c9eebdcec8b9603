import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentRecord, OptinCode } from '../../../shared/schemas/consent';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { customerSays, json, outboundTexts } from '../consent/http';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

type ErrorBody = { error: { code: string; details?: unknown } };
const create = (body: unknown, token?: string | null) => s.api('/api/optin-codes', { method: 'POST', json: body, ...(token !== undefined ? { token } : {}) });
const prefillOf = (link: string) => decodeURIComponent(new URL(link).searchParams.get('text') ?? '');

describe('POST /api/optin-codes', () => {
  it('returns a readable code, a wa.me link to the business number with the code prefilled, and a QR of that link', async () => {
    const before = s.running.deps.clock.now();
    const res = await create({ language: 'tr', ticket: { system: 'freshdesk', id: '981' } });
    const after = s.running.deps.clock.now();
    expect(res.status).toBe(201);
    const body = await json<OptinCode>(res);
    expect(OptinCode.parse(body)).toEqual(body);
    expect(body.code).toMatch(/^KOPRU-[2-9A-HJKMNP-Z]{5}$/);
    const link = new URL(body.waMeLink);
    expect(`${link.origin}${link.pathname}`).toBe('https://wa.me/908505551234');
    expect(prefillOf(body.waMeLink)).toBe(`Merhaba! Köprü Demo Mağazası bildirimlerini WhatsApp'tan almak istiyorum. Onay kodum: ${body.code}`);
    expect(body.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Valid for 24 h from creation (the sandbox's virtual clock runs along with real time).
    expect(body.expiresAt).toBeGreaterThanOrEqual(before + 24 * 60 * 60 * 1000);
    expect(body.expiresAt).toBeLessThanOrEqual(after + 24 * 60 * 60 * 1000);

    const status = await s.api(`/api/optin-codes/${body.code}`);
    expect(status.status).toBe(200);
    expect(await json(status)).toMatchObject({ code: body.code, status: 'pending', phone: null, wording: { id: 'cw_tr_v1' } });
  });

  it('when the customer sends the code from WhatsApp: opted in by qr_code with evidence, confirmed on their phone', async () => {
    const waId = '905301234567';
    const created = await json<OptinCode>(await create({ phone: '0530 123 45 67', language: 'en', topics: ['shipping'] }));
    const text = prefillOf(created.waMeLink);
    const wamid = await customerSays(s, waId, { name: 'Emma', text });

    const status = await json<{ status: string; phone: string; consentId: string }>(await s.api(`/api/optin-codes/${created.code.toLowerCase()}`));
    expect(status).toMatchObject({ status: 'confirmed', phone: '+905301234567' });

    const { contact } = await json<{ contact: { consent: { status: string; topics: string[]; history: ConsentRecord[] } } }>(
      await s.api('/api/contacts/05301234567'),
    );
    expect(contact.consent).toMatchObject({ status: 'opted_in', topics: ['shipping'] });
    expect(contact.consent.history[0]).toMatchObject({
      id: status.consentId,
      method: 'qr_code',
      wordingId: 'cw_en_v1',
      evidence: { inboundMessageId: wamid, text, code: created.code },
    });

    const texts = await waitFor(async () => {
      const t = await outboundTexts(s, waId);
      return t.length ? t : null;
    });
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^Thanks! WhatsApp updates are now on\.\n\nI agree to receive service messages from Köprü Demo Mağazası/);
  });

  it('refuses a bad phone (422 INVALID_PHONE), an unknown wording or topic (400 VALIDATION_FAILED)', async () => {
    const phone = await create({ phone: 'call me' });
    expect(phone.status).toBe(422);
    expect((await json<ErrorBody>(phone)).error.code).toBe('INVALID_PHONE');
    const wording = await create({ wordingId: 'cw_tr_v99' });
    expect(wording.status).toBe(400);
    expect((await json<ErrorBody>(wording)).error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'wordingId' }] });
    const topic = await create({ topics: ['everything'] });
    expect(topic.status).toBe(400);
    expect((await json<ErrorBody>(topic)).error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 for a code that does not exist', async () => {
    const res = await s.api('/api/optin-codes/KOPRU-ZZZZZ');
    expect(res.status).toBe(404);
    expect((await json<ErrorBody>(res)).error.code).toBe('NOT_FOUND');
  });

  it('needs a token', async () => {
    expect((await create({}, null)).status).toBe(401);
    expect((await s.api('/api/optin-codes/KOPRU-ZZZZZ', { token: null })).status).toBe(401);
  });
});
