import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Handoff } from '../../../shared/schemas/handoff';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { customerSays, json, phoneShows } from '../consent/http';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

type Created = { handoff: Handoff; templateSkipped: { code: string; message: string } | null };
type ErrorBody = { error: { code: string; details?: Array<{ path: string }> } };
const create = (body: unknown, token?: string | null) => s.api('/api/handoffs', { method: 'POST', json: body, ...(token !== undefined ? { token } : {}) });
const get = async (id: string) => (await json<{ handoff: Handoff }>(await s.api(`/api/handoffs/${id}`))).handoff;
const ticket = { system: 'zendesk', id: '48213', url: 'https://acme.zendesk.com/agent/tickets/48213' };

describe('POST /api/handoffs', () => {
  it('without consent: records the request and returns code + wa.me link + QR; the customer’s message with the code links it', async () => {
    const res = await create({ phone: '0532 999 88 77', channel: 'email', requestedBy: 'mehmet@example.com', ticket, customerName: 'Mehmet' });
    expect(res.status).toBe(201);
    const { handoff, templateSkipped } = await json<Created>(res);
    expect(Handoff.parse(handoff)).toEqual(handoff);
    expect(handoff).toMatchObject({ status: 'awaiting_customer', channel: 'email', phone: '+905329998877', requestedBy: 'mehmet@example.com', ticket, messageId: null });
    expect(templateSkipped?.code).toBe('NO_CONSENT');
    expect(handoff.code).toMatch(/^KOPRU-/);
    const prefill = new URL(handoff.waMeLink!).searchParams.get('text')!;
    expect(prefill).toBe(`Merhaba Köprü Demo Mağazası, 48213 numaralı talebime WhatsApp'tan devam etmek istiyorum. Kod: ${handoff.code}`);
    expect(handoff.qrSvg).toMatch(/^<svg/);

    // The customer opens the link on another phone than the one in the ticket and sends the text.
    await customerSays(s, '905320000101', { text: prefill });
    const linked = await get(handoff.id);
    expect(linked).toMatchObject({ status: 'linked', linkedWaId: '905320000101' });
    expect(linked.linkedAt).toBeGreaterThan(0);
  });

  it('with consent: sends the whatsapp_handoff template in the customer’s language; their first reply links it', async () => {
    const waId = '447911000222';
    const consent = await s.api('/api/consents', { method: 'POST', json: { phone: `+${waId}`, action: 'opt_in', method: 'web_form' } });
    expect(consent.status).toBe(201);
    const res = await create({ phone: `+${waId}`, channel: 'chat', ticket, customerName: 'James' });
    expect(res.status).toBe(201);
    const { handoff, templateSkipped } = await json<Created>(res);
    expect(templateSkipped).toBeNull();
    expect(handoff.status).toBe('template_sent');
    expect(handoff.messageId).toMatch(/^msg_/);

    const template = await waitFor(async () => (await phoneShows(s, waId)).find((m) => m.direction === 'outbound' && m.type === 'template'));
    expect(JSON.stringify(template.rendered)).toContain('Hi James, we can continue our conversation about your request 48213 here.');

    await customerSays(s, waId, { text: 'Thanks, here I am', context: { id: template.id } });
    expect(await get(handoff.id)).toMatchObject({ status: 'linked', linkedWaId: waId });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no ticket', { channel: 'email' }, 'ticket'],
    ['an unknown channel', { channel: 'pigeon', ticket }, 'channel'],
    ['an unsupported language', { channel: 'email', ticket, language: 'de' }, 'language'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_name, body, path) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const err = await json<ErrorBody>(res);
    expect(err.error.code).toBe('VALIDATION_FAILED');
    expect(err.error.details?.map((d) => d.path)).toContain(path);
  });

  it('refuses an invalid phone with 422 INVALID_PHONE; an unknown id is 404', async () => {
    const res = await create({ phone: '0000', channel: 'phone', ticket });
    expect(res.status).toBe(422);
    expect((await json<ErrorBody>(res)).error.code).toBe('INVALID_PHONE');
    const missing = await s.api('/api/handoffs/hnd_missing');
    expect(missing.status).toBe(404);
    expect((await json<ErrorBody>(missing)).error.code).toBe('NOT_FOUND');
  });

  it('needs a token', async () => {
    expect((await create({ channel: 'email', ticket }, null)).status).toBe(401);
    expect((await s.api('/api/handoffs/hnd_missing', { token: null })).status).toBe(401);
  });
});
