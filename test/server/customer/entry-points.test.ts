/**
 * Opt-in entry points over real HTTP: create (admin), list with counts, QR assets (the PNG decodes
 * to the wa.me link), the printable card in both languages, and a customer sending the code from
 * WhatsApp → opted in with that source and their message as evidence, and told what they get.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntryPoint } from '../../../shared/schemas/entry-point';
import { SANDBOX } from '../../../server/env';
import type { TestServer } from '../../helpers/test-server';
import { consentOf, createEntryPoint, customerSays, json, startCustomerServer, textsOnPhone } from './helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCustomerServer();
});
afterAll(() => s.close());

const asset = (path: string, token: string | null = s.adminToken) => s.api(path, { token });

describe('POST /api/entry-points', () => {
  it('creates an entry point with a code, a wa.me link carrying it and asset URLs under /api', async () => {
    const e = await createEntryPoint(s, { name: 'Kargo kutusu QR', source: 'qr_packaging', topics: ['shipping', 'order_updates'], language: 'tr' });
    expect(EntryPoint.parse(e)).toEqual(e);
    expect(e.code).toMatch(/^KOPRU-[2-9A-HJKMNP-Z]{6}$/);
    expect(e.waMeLink.startsWith(`https://wa.me/${SANDBOX.businessNumber}?text=`)).toBe(true);
    expect(decodeURIComponent(new URL(e.waMeLink).searchParams.get('text')!)).toContain(e.code);
    expect(e).toMatchObject({
      qrSvgUrl: `/api/entry-points/${e.id}/qr.svg`,
      qrPngUrl: `/api/entry-points/${e.id}/qr.png`,
      cardUrl: `/api/entry-points/${e.id}/card?lang=tr`,
      // A printed QR is not a web page: no public form, no embed snippet.
      optinUrl: null,
      embedSnippet: null,
      topics: ['shipping', 'order_updates'],
      wordings: { tr: 'cw_tr_v1', en: 'cw_en_v1' },
      counts: { optIns: 0, viaCode: 0, viaWebForm: 0, pending: 0, pageViews: 0 },
    });
  });

  it('gives web sources a public page and an iframe snippet', async () => {
    const e = await createEntryPoint(s, { name: 'Ödeme sonrası ekran', source: 'embedded_form', topics: ['order_updates'] });
    expect(e.optinUrl).toBe(`${s.url}/optin/${e.slug}`);
    expect(e.slug).toMatch(/^odeme-sonrasi-ekran-[a-z0-9]{4}$/);
    expect(e.embedSnippet).toContain(`<iframe src="${s.url}/optin/${e.slug}?embed=1&lang=tr"`);
  });

  it.each([
    ['an unknown source', { source: 'billboard' }, 'source'],
    ['no topics', { topics: [] }, 'topics'],
    ['an unknown topic', { topics: ['lottery'] }, 'topics.0'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a wording version that does not exist', { wordingVersion: 99 }, 'wordingVersion'],
    ['an embed origin that is not https', { embedOrigins: ['http://shop.example.com'] }, 'embedOrigins.0'],
  ])('refuses %s with VALIDATION_FAILED naming the field', async (_label, patch, path) => {
    const res = await s.api('/api/entry-points', {
      method: 'POST',
      token: s.adminToken,
      json: { name: 'X', source: 'website_popup', topics: ['shipping'], ...patch },
    });
    expect(res.status).toBe(400);
    const body = await json<{ error: { code: string; details: Array<{ path: string }> } }>(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path)).toContain(path);
  });

  it('is for admins: an agent gets 403, no token 401, and nothing is created', async () => {
    const before = (await json<{ entryPoints: unknown[] }>(await asset('/api/entry-points'))).entryPoints.length;
    const body = { name: 'Sneaky', source: 'website_popup', topics: ['shipping'] };
    expect((await s.api('/api/entry-points', { method: 'POST', json: body })).status).toBe(403);
    expect((await s.api('/api/entry-points', { method: 'POST', json: body, token: null })).status).toBe(401);
    expect((await s.api('/api/entry-points')).status).toBe(403);
    expect((await json<{ entryPoints: unknown[] }>(await asset('/api/entry-points'))).entryPoints.length).toBe(before);
  });
});

describe('QR code and card', () => {
  it('the PNG QR decodes (jsQR) to exactly the wa.me link; the SVG is an SVG of the same size class', async () => {
    const e = await createEntryPoint(s, { name: 'Kasa QR', source: 'qr_point_of_sale', topics: ['order_updates'] });
    const res = await asset(e.qrPngUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(e.waMeLink);

    const svg = await asset(e.qrSvgUrl);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<path/);
  });

  it('?lang=en gives the QR an English sentence with the same code', async () => {
    const e = await createEntryPoint(s, { name: 'Invoice insert', source: 'qr_invoice', topics: ['payments'], language: 'tr' });
    const png = PNG.sync.read(Buffer.from(await (await asset(`${e.qrPngUrl}?lang=en`)).arrayBuffer()));
    const link = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data;
    const text = new URL(link).searchParams.get('text')!;
    expect(text).toMatch(/^Hi! I'd like to get updates from/);
    expect(text).toContain(e.code);
  });

  it.each([
    ['tr', ['Köprü Demo Mağazası', 'Bilgilendirmeleri WhatsApp', 'DUR yazarak', 'ödemeler', 'kabul ediyorum']],
    ['en', ['Köprü Demo Mağazası', 'Get updates on WhatsApp', 'Reply STOP', 'payments', 'I agree to receive']],
  ])('the printable card in %s names the business, what the customer agrees to, how to stop, and shows the QR and code', async (lang, phrases) => {
    const e = await createEntryPoint(s, { name: 'Fatura eki', source: 'billing_insert', topics: ['payments'] });
    const res = await asset(`/api/entry-points/${e.id}/card?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}">`);
    for (const p of phrases) expect(html).toContain(p);
    expect(html).toContain(e.code);
    expect(html).toContain('<svg');
    expect(html).toContain('+90 850 555 12 34');
  });

  it('assets need the admin token (401 without, 403 for an agent), 404 for an unknown id, 400 for a bad lang', async () => {
    const e = await createEntryPoint(s, { name: 'Stand', source: 'qr_event', topics: ['appointments'] });
    for (const path of [e.qrSvgUrl, e.qrPngUrl, e.cardUrl]) {
      expect((await asset(path, null)).status).toBe(401);
      expect((await asset(path, s.agentToken)).status).toBe(403);
    }
    expect((await asset('/api/entry-points/ep_nope/qr.png')).status).toBe(404);
    expect((await asset(`/api/entry-points/${e.id}/card?lang=de`)).status).toBe(400);
  });
});

describe('a customer sends the code from WhatsApp', () => {
  it('opts them in with the entry point\'s source and topics, their message as evidence, and a confirmation naming business, topics and STOP', async () => {
    const e = await createEntryPoint(s, { name: 'Kargo kutusu', source: 'qr_packaging', topics: ['shipping', 'order_updates'], language: 'tr' });
    const waId = '905321230101';
    const text = new URL(e.waMeLink).searchParams.get('text')!;
    const wamid = await customerSays(s, waId, { name: 'Ayşe', text });

    const consent = await consentOf(s, `+${waId}`);
    expect(consent.status).toBe('opted_in');
    expect(consent.topics).toEqual(['order_updates', 'shipping']);
    expect(consent.history[0]).toMatchObject({
      action: 'opt_in',
      method: 'qr_code',
      wordingId: 'cw_tr_v1',
      evidence: { inboundMessageId: wamid, text, code: e.code, source: 'qr_packaging', entryPointId: e.id, entryPointName: 'Kargo kutusu', channel: 'whatsapp_code' },
    });
    const [confirmation] = await textsOnPhone(s, waId, 1);
    expect(confirmation).toContain('Köprü Demo Mağazası');
    expect(confirmation).toContain('sipariş bilgileri ve kargo ve teslimat');
    expect(confirmation).toContain('DUR');

    const listed = (await json<{ entryPoints: EntryPoint[] }>(await asset('/api/entry-points'))).entryPoints.find((x) => x.id === e.id)!;
    expect(listed.counts).toMatchObject({ optIns: 1, viaCode: 1, viaWebForm: 0 });
    const verify = await json<{ ok: boolean }>(await s.api('/api/consents/verify', { token: s.adminToken }));
    expect(verify.ok).toBe(true);
  });

  it('a typed, lower-case code without the sentence works; a non-QR source is recorded as whatsapp_keyword; English gets English', async () => {
    const e = await createEntryPoint(s, { name: 'SMS invite', source: 'sms_invite', topics: ['account_notices'], language: 'en' });
    const waId = '447911123456';
    await customerSays(s, waId, { text: `hi, my code: ${e.code.toLowerCase().replace('-', ' ')}` });
    const consent = await consentOf(s, `+${waId}`);
    expect(consent.history[0]).toMatchObject({ method: 'whatsapp_keyword', evidence: { source: 'sms_invite', code: e.code }, wordingId: 'cw_en_v1' });
    const [confirmation] = await textsOnPhone(s, waId, 1);
    expect(confirmation).toMatch(/You'll get WhatsApp messages about: account notices\..*STOP/s);
  });

  it('keeps topics the customer already had, and a replayed webhook changes nothing', async () => {
    const waId = '905321230102';
    await s.api('/api/consents', { method: 'POST', json: { phone: `+${waId}`, action: 'opt_in', method: 'paper_form', topics: ['payments'] } });
    const e = await createEntryPoint(s, { name: 'Randevu kartı', source: 'qr_print', topics: ['appointments'] });
    const text = new URL(e.waMeLink).searchParams.get('text')!;
    await customerSays(s, waId, { text });
    const consent = await consentOf(s, `+${waId}`);
    expect(consent.topics).toEqual(['appointments', 'payments']);
    expect(consent.history[0]!.evidence).toMatchObject({ topicsAsked: ['appointments'], topicsAdded: ['appointments'] });
    // Meta redelivers the same message: no second record, no second confirmation.
    const row = s.running.deps.db.prepare('SELECT wamid FROM inbound_messages WHERE phone = ? ORDER BY received_at DESC LIMIT 1').get(`+${waId}`) as { wamid: string };
    const { handleInboundMessage } = await import('../../../server/core/inbound');
    await handleInboundMessage(s.running.deps, { wamid: row.wamid, waId, type: 'text', text, at: s.running.deps.clock.now() });
    expect((await consentOf(s, `+${waId}`)).history).toHaveLength(2);
    expect(await textsOnPhone(s, waId, 1)).toHaveLength(1);
  });

  it('an unknown six-character code is just a message: nothing recorded', async () => {
    const waId = '905321230103';
    await customerSays(s, waId, { text: 'Merhaba, kodum KOPRU-ZZZZZZ' });
    expect((await consentOf(s, `+${waId}`)).status).toBe('none');
  });
});
