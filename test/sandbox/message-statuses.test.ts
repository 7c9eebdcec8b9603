import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, SECRET, startHarness, WABA } from './helpers/harness';
import { waitFor } from './helpers/wait-for';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const send = (payload: Record<string, unknown>, version?: string) =>
  h.graph('POST', `/${PHONE_ID}/messages`, { messaging_product: 'whatsapp', ...payload }, { version });
const handoff = (to: string, extra: Record<string, unknown> = {}, version?: string) =>
  send(
    {
      to,
      type: 'template',
      template: { name: 'whatsapp_handoff', language: { code: 'tr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Şükrü Öztürk' }, { type: 'text', text: '#48213' }] }] },
      ...extra,
    },
    version,
  );
const statusesOf = (id: string, n: number) => waitFor(() => (h.hooks.statuses(id).length >= n ? h.hooks.statuses(id) : undefined), `${n} statuses for ${id}`);

describe('status webhooks', () => {
  it('sends sent → delivered → read with Meta’s shape, biz_opaque_callback_data echoed', async () => {
    const res = await handoff('905321220011', { biz_opaque_callback_data: 'ticket/4711 Şükrü Öztürk' });
    const id = res.body.messages[0].id;
    const statuses = await statusesOf(id, 3);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const s of statuses) {
      expect(s).toMatchObject({ id, recipient_id: '905321220011', biz_opaque_callback_data: 'ticket/4711 Şükrü Öztürk' });
      expect(s.timestamp).toMatch(/^\d{10}$/);
    }
    expect(statuses.filter((s) => s.pricing)).toHaveLength(1);
    expect(statuses[0]!.pricing).toBeDefined();
    expect(statuses[0]!.conversation).toBeUndefined();
    const post = h.hooks.received.find((r) => r.raw.includes(id))!;
    expect(post.body.entry[0]).toEqual({
      id: WABA,
      changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '908505551234', phone_number_id: PHONE_ID }, statuses: [statuses[0]] } }],
    });
  });

  it('signs the exact bytes sent, with Meta’s \\uXXXX and \\/ escaping', async () => {
    const res = await handoff('905321220021', { biz_opaque_callback_data: 'ticket/4711 Şükrü Öztürk' });
    const id = res.body.messages[0].id;
    await statusesOf(id, 1);
    const post = h.hooks.received.find((r) => r.raw.includes(id))!;
    expect(post.signatureValid).toBe(true);
    expect(post.headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', SECRET).update(post.raw).digest('hex')}`);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.raw).toContain('"biz_opaque_callback_data":"ticket\\/4711 \\u015e\\u00fckr\\u00fc \\u00d6zt\\u00fcrk"');
    expect(/[^\x00-\x7f]/.test(post.raw)).toBe(false);
    // A receiver that re-serialises before verifying gets a different HMAC — the classic bug.
    const reserialised = JSON.stringify(JSON.parse(post.raw));
    expect(createHmac('sha256', SECRET).update(reserialised).digest('hex')).not.toBe(post.headers['x-hub-signature-256']!.toString().slice(7));
  });

  it('keeps the per-message conversation object on v23 and older', async () => {
    const res = await handoff('905321220031', {}, 'v23.0');
    const [sent] = await statusesOf(res.body.messages[0].id, 1);
    expect(sent!.conversation).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), expiration_timestamp: expect.stringMatching(/^\d{10}$/), origin: { type: 'utility' } });
  });
});

describe('pricing on the sent status', () => {
  it.each([
    ['utility template, window closed', '905321230011', false, 'whatsapp_handoff', { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' }],
    ['utility template, window open', '905321230021', true, 'whatsapp_handoff', { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'utility' }],
    ['marketing template, window open', '905321230031', true, 'spring_sale', { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' }],
  ])('%s', async (_label, to, windowOpen, name, pricing) => {
    if (windowOpen) await h.call('POST', `/customers/${to}/messages`, { text: 'Merhaba, siparişim nerede?' });
    const params = name === 'spring_sale' ? [{ type: 'text', text: 'Ayşe' }] : [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#1' }];
    const res = await send({ to, type: 'template', template: { name, language: { code: 'tr' }, components: [{ type: 'body', parameters: params }] } });
    const [sent] = await statusesOf(res.body.messages[0].id, 1);
    expect(sent).toMatchObject({ status: 'sent', pricing });
  });

  it('free-form text inside the window is a free service message', async () => {
    await h.call('POST', '/customers/905321230041/messages', { text: 'Merhaba' });
    const res = await send({ to: '905321230041', type: 'text', text: { body: 'Size nasıl yardımcı olabilirim?' } });
    expect(res.body.messages[0].message_status).toBeUndefined();
    const [sent] = await statusesOf(res.body.messages[0].id, 1);
    expect(sent!.pricing).toEqual({ billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' });
  });
});

describe('customer service window (131047)', () => {
  it('accepts free-form text after 24 h, then fails it asynchronously with 131047', async () => {
    const to = '905321240011';
    await h.call('POST', `/customers/${to}/messages`, { text: 'Merhaba' });
    const inside = await send({ to, type: 'text', text: { body: 'Buradayım.' } });
    expect((await statusesOf(inside.body.messages[0].id, 3)).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);

    await h.advance(24 * 3600_000 + 1000);
    const outside = await send({ to, type: 'text', text: { body: 'Hâlâ orada mısınız?' } });
    expect(outside.status).toBe(200);
    const id = outside.body.messages[0].id;
    const [failed] = await statusesOf(id, 1);
    expect(failed).toEqual({
      id,
      status: 'failed',
      timestamp: expect.stringMatching(/^\d{10}$/),
      recipient_id: to,
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
          href: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes',
        },
      ],
    });
    // templates are still allowed outside the window
    const tpl = await handoff(to);
    expect((await statusesOf(tpl.body.messages[0].id, 1))[0]!.status).toBe('sent');
    // and the failed text never reached the phone
    const phone = (await h.call('GET', `/customers/${to}/messages`)).body.messages;
    expect(phone.map((m: any) => m.id)).not.toContain(id);
  });

  it('a new inbound message reopens the window', async () => {
    const to = '905321240021';
    await h.call('POST', `/customers/${to}/messages`, { text: 'Selam' });
    await h.advance(25 * 3600_000);
    await h.call('POST', `/customers/${to}/messages`, { text: 'Tekrar ben' });
    const res = await send({ to, type: 'text', text: { body: 'Merhaba tekrar' } });
    expect((await statusesOf(res.body.messages[0].id, 1))[0]!.status).toBe('sent');
  });
});
