import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { startHarness, WABA } from './helpers/harness';
import { waitFor } from './helpers/wait-for';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const create = async (name: string, text: string, extra: Record<string, unknown> = {}, examples = ['Ayşe']) => {
  const res = await h.graph('POST', `/${WABA}/message_templates`, {
    name,
    language: 'tr',
    category: 'UTILITY',
    components: [{ type: 'BODY', text, example: { body_text: [examples] } }],
    ...extra,
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; status: string; category: string };
};
const statusUpdates = (id: string) => h.hooks.values('message_template_status_update').filter((v) => v.message_template_id === Number(id));
const settle = (id: string, event: string) => waitFor(() => statusUpdates(id).find((v) => v.event === event), `${event} for ${id}`);

describe('template review', () => {
  it('goes PENDING → APPROVED and sends Meta’s exact status webhook', async () => {
    const { id, status } = await create('review_ok', 'Merhaba {{1}}, siparişiniz hazırlanıyor.');
    expect(status).toBe('PENDING');
    await settle(id, 'APPROVED');
    const post = h.hooks.received.find((r) => r.body.entry[0]?.changes[0]?.value.message_template_id === Number(id))!;
    expect(post.signatureValid).toBe(true);
    expect(post.body).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA,
          time: expect.any(Number),
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event: 'APPROVED',
                message_template_id: Number(id),
                message_template_name: 'review_ok',
                message_template_language: 'tr',
                reason: 'NONE',
                message_template_category: 'UTILITY',
              },
            },
          ],
        },
      ],
    });
    expect(post.raw).toContain(`"message_template_id":${id}`);
    expect((await h.graph('GET', `/${id}?fields=status,category`)).body).toEqual({ status: 'APPROVED', category: 'UTILITY', id });
  });

  it.each([
    ['promo_tr', 'Merhaba {{1}}, bu hafta tüm ürünlerde büyük indirim var.'],
    ['promo_tr_kampanya', 'Merhaba {{1}}, yeni kampanyamızı kaçırmayın.'],
    ['promo_en', 'Hi {{1}}, get 20% off your next order this week.'],
    ['promo_en_buy', 'Hi {{1}}, new arrivals are here. Buy now while stocks last.'],
  ])('approves promotional UTILITY wording (%s) as MARKETING', async (name, text) => {
    const { id, category } = await create(name, text);
    expect(category).toBe('UTILITY');
    const update = await settle(id, 'APPROVED');
    expect(update.message_template_category).toBe('MARKETING');
    const got = await h.graph('GET', `/${id}?fields=category,previous_category`);
    expect(got.body).toEqual({ category: 'MARKETING', previous_category: 'UTILITY', id });
  });

  it.each([
    ['scam_card', 'SCAM', 'Merhaba {{1}}, hesabınız için kart numaranızı bu mesaja yazın.'],
    ['abuse_en', 'ABUSIVE_CONTENT', 'Hi {{1}}, pay today or else we will call your family.'],
    ['otp_utility', 'INCORRECT_CATEGORY', 'Merhaba {{1}}, doğrulama kodunuz 123456 olarak belirlendi.'],
  ])('rejects %s with reason %s', async (name, reason, text) => {
    const { id } = await create(name, text);
    const update = await settle(id, 'REJECTED');
    expect(update.reason).toBe(reason);
    expect((await h.graph('GET', `/${id}?fields=status,rejected_reason`)).body).toEqual({ status: 'REJECTED', rejected_reason: reason, id });
  });

  it('rejects format problems found at review as INVALID_FORMAT with rejection_info', async () => {
    const { id } = await create('stray_brace', 'Merhaba {{1}}, siparişiniz {2}} hazır.');
    const update = await settle(id, 'REJECTED');
    expect(update).toMatchObject({
      reason: 'INVALID_FORMAT',
      rejection_info: { reason: expect.stringContaining('curly braces'), recommendation: expect.any(String) },
    });
  });

  it('control: force approve or reject a pending template', async () => {
    await h.call('POST', '/control/settings', { autoReview: false });
    const a = await create('forced_ok', 'Merhaba {{1}}, siparişiniz onaylandı.');
    const b = await create('forced_no', 'Merhaba {{1}}, siparişiniz onaylandı ve yolda.');
    expect((await h.call('POST', `/control/templates/${a.id}/review`, { decision: 'approve' })).body.status).toBe('APPROVED');
    const rejected = await h.call('POST', `/control/templates/${b.id}/review`, { decision: 'reject', reason: 'TAG_CONTENT_MISMATCH' });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', rejected_reason: 'TAG_CONTENT_MISMATCH' });
    expect((await settle(b.id, 'REJECTED')).reason).toBe('TAG_CONTENT_MISMATCH');
    expect((await h.call('POST', `/control/templates/${a.id}/review`, { decision: 'approve' })).status).toBe(409);
    const c = await create('forced_format', 'Merhaba {{1}}, siparişiniz onaylandı, teşekkürler.');
    await h.call('POST', `/control/templates/${c.id}/review`, { decision: 'reject' });
    expect(await settle(c.id, 'REJECTED')).toMatchObject({ reason: 'INVALID_FORMAT', rejection_info: { reason: expect.any(String), recommendation: expect.any(String) } });
    await h.call('POST', '/control/settings', { autoReview: true });
  });
});

describe('template edit (POST /{template_id})', () => {
  it('refuses edits while in review with 2388039', async () => {
    await h.call('POST', '/control/settings', { autoReview: false });
    const { id } = await create('edit_pending', 'Merhaba {{1}}, siparişiniz hazır.');
    const res = await h.graph('POST', `/${id}`, { components: [{ type: 'BODY', text: 'Merhaba {{1}}, siparişiniz kargoda.', example: { body_text: [['A']] } }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 2388039 });
    await h.call('POST', '/control/settings', { autoReview: true });
  });

  it('re-reviews approved edits, keeps the category fixed, and limits edits to one per 24 h', async () => {
    const { id } = await create('edit_me', 'Merhaba {{1}}, siparişiniz hazır.');
    await settle(id, 'APPROVED');
    const cat = await h.graph('POST', `/${id}`, { category: 'MARKETING' });
    expect(cat.status).toBe(400);
    expect(cat.body.error.error_user_msg).toMatch(/category of an approved template/);

    const newBody = (t: string) => ({ components: [{ type: 'BODY', text: t, example: { body_text: [['A']] } }] });
    const edit = await h.graph('POST', `/${id}`, newBody('Merhaba {{1}}, siparişiniz paketlendi.'));
    expect(edit.body).toEqual({ success: true });
    await settle(id, 'PENDING');
    await waitFor(() => statusUpdates(id).filter((v) => v.event === 'APPROVED').length === 2, 'second approval');
    const got = await h.graph('GET', `/${id}?fields=components`);
    expect(got.body.components[0].text).toBe('Merhaba {{1}}, siparişiniz paketlendi.');

    const tooSoon = await h.graph('POST', `/${id}`, newBody('Merhaba {{1}}, siparişiniz yola çıktı.'));
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.error.error_user_msg).toMatch(/once every 24 hours/);
    await h.advance(24 * 3600_000 + 1000);
    expect((await h.graph('POST', `/${id}`, newBody('Merhaba {{1}}, siparişiniz yola çıktı.'))).status).toBe(200);
  });

  it('validates edited components like a new draft', async () => {
    const { id } = await create('edit_bad', 'Merhaba {{1}}, siparişiniz hazır.');
    await settle(id, 'APPROVED');
    const res = await h.graph('POST', `/${id}`, { components: [{ type: 'BODY', text: '{{1}} siparişiniz hazır.', example: { body_text: [['A']] } }] });
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 2388299 });
  });
});

describe('template delete', () => {
  it('deletes every language by name, and blocks the approved name for 30 days', async () => {
    const tr = await create('bye_all', 'Merhaba {{1}}, siparişiniz hazır.');
    const en = await h.graph('POST', `/${WABA}/message_templates`, {
      name: 'bye_all', language: 'en', category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hi {{1}}, your order is ready.', example: { body_text: [['A']] } }],
    });
    await settle(tr.id, 'APPROVED');
    const del = await h.graph('DELETE', `/${WABA}/message_templates?name=bye_all`);
    expect(del.body).toEqual({ success: true });
    expect((await h.graph('GET', `/${WABA}/message_templates?name=bye_all`)).body.data).toEqual([]);
    expect((await h.graph('GET', `/${en.body.id}`)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
    await settle(tr.id, 'DELETED');

    const blocked = await h.graph('POST', `/${WABA}/message_templates`, {
      name: 'bye_all', language: 'tr', category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Merhaba {{1}}, siparişiniz hazır.', example: { body_text: [['A']] } }],
    });
    expect(blocked.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    expect(blocked.body.error.error_user_msg).toMatch(/being deleted/);
    await h.advance(31 * 24 * 3600_000);
    expect((await h.graph('POST', `/${WABA}/message_templates`, {
      name: 'bye_all', language: 'tr', category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Merhaba {{1}}, siparişiniz hazır.', example: { body_text: [['A']] } }],
    })).status).toBe(200);
  });

  it('deletes one language with hsm_id + name', async () => {
    const tr = await create('bye_one', 'Merhaba {{1}}, siparişiniz hazır.');
    await h.graph('POST', `/${WABA}/message_templates`, {
      name: 'bye_one', language: 'en', category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hi {{1}}, your order is ready.', example: { body_text: [['A']] } }],
    });
    expect((await h.graph('DELETE', `/${WABA}/message_templates?hsm_id=${tr.id}&name=bye_one`)).body).toEqual({ success: true });
    const left = await h.graph('GET', `/${WABA}/message_templates?name=bye_one&fields=language`);
    expect(left.body.data.map((t: any) => t.language)).toEqual(['en']);
  });

  it('needs a name and an existing template', async () => {
    expect((await h.graph('DELETE', `/${WABA}/message_templates`)).body.error.message).toBe('(#100) The parameter name is required.');
    expect((await h.graph('DELETE', `/${WABA}/message_templates?name=never_was`)).status).toBe(400);
  });
});
