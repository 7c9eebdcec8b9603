import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contact } from '../../../shared/schemas/contact';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { customerSays, json } from '../consent/http';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('GET /api/contacts/:phone', () => {
  it('answers an unknown number in any format as E.164 with consent none and a closed window', async () => {
    for (const input of ['0532 418 27 96', '+90 (532) 418-27-96', '905324182796']) {
      const res = await s.api(`/api/contacts/${encodeURIComponent(input)}`);
      expect(res.status).toBe(200);
      const { contact } = await json<{ contact: Contact }>(res);
      expect(Contact.parse(contact)).toEqual(contact);
      expect(contact).toMatchObject({
        phone: '+905324182796',
        waId: '905324182796',
        name: null,
        consent: { status: 'none', topics: [], updatedAt: null, history: [] },
        window: { open: false, expiresAt: null },
        nextTemplatePrice: 'billable',
        messages: [],
      });
    }
  });

  it('shows the open window, the name, consent and the messages sent after the customer writes', async () => {
    const waId = '905551112233';
    await customerSays(s, waId, { name: 'Ayşe Yılmaz', text: 'Merhaba, siparişim nerede?' });
    const consent = await s.api('/api/consents', {
      method: 'POST',
      json: { phone: '0555 111 22 33', action: 'opt_in', method: 'web_form', topics: ['order_updates'] },
    });
    expect(consent.status).toBe(201);
    const sent = await s.api('/api/messages', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'contact-test-reply-1' },
      json: { phone: '+905551112233', text: 'Siparişiniz yarın kargoda.' },
    });
    expect(sent.status).toBe(202);

    const { contact } = await json<{ contact: Contact }>(await s.api('/api/contacts/05551112233'));
    const now = s.running.deps.clock.now();
    expect(contact.name).toBe('Ayşe Yılmaz');
    expect(contact.window.open).toBe(true);
    expect(contact.window.expiresAt).toBeGreaterThan(now);
    expect(contact.nextTemplatePrice).toBe('free');
    expect(contact.consent).toMatchObject({ status: 'opted_in', topics: ['order_updates'] });
    expect(contact.consent.history).toHaveLength(1);
    expect(contact.messages.map((m) => [m.kind, m.preview.body])).toEqual([['text', 'Siparişiniz yarın kargoda.']]);
  });

  it('closes the window 24 h after the last inbound message', async () => {
    const waId = '905557778899';
    await customerSays(s, waId, { text: 'Selam' });
    s.running.virtualClock!.advance(24 * 60 * 60 * 1000 + 1000);
    const { contact } = await json<{ contact: Contact }>(await s.api(`/api/contacts/%2B${waId}`));
    expect(contact.window.open).toBe(false);
    expect(contact.nextTemplatePrice).toBe('billable');
  });

  it.each([
    ['abc', 'NOT_A_NUMBER'],
    ['123', 'TOO_SHORT'],
    ['+90 532 418 27 96 12345', 'TOO_LONG'],
  ])('refuses %j with 422 INVALID_PHONE and the problem', async (input, problem) => {
    const res = await s.api(`/api/contacts/${encodeURIComponent(input)}`);
    expect(res.status).toBe(422);
    const body = await json<{ error: { code: string; message: string; details: { phone: { code: string } } } }>(res);
    expect(body.error.code).toBe('INVALID_PHONE');
    expect(body.error.details.phone.code).toBe(problem);
    expect(body.error.message).not.toBe('');
  });

  it('needs a valid token', async () => {
    const none = await s.api('/api/contacts/05324182796', { token: null });
    expect(none.status).toBe(401);
    expect((await json<{ error: { code: string } }>(none)).error.code).toBe('UNAUTHORIZED');
    const wrong = await s.api('/api/contacts/05324182796', { token: 'kpr_not-a-token' });
    expect(wrong.status).toBe(401);
  });
});
