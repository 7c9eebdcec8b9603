import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness } from './helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const created = await h.graph('POST', '/200000000000001/message_templates', {
    name: 'header_var', language: 'tr', category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Sipariş {{1}}', example: { header_text: ['TR-1'] } },
      { type: 'BODY', text: 'Merhaba {{1}}, siparişiniz hazırlanıyor.', example: { body_text: [['Ayşe']] } },
    ],
  });
  await h.call('POST', `/control/templates/${created.body.id}/review`, { decision: 'approve' });
});
afterAll(() => h.close());

const send = (payload: Record<string, unknown>) =>
  h.graph('POST', `/${PHONE_ID}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', ...payload });
const template = (to: string, name: string, language: string, components?: unknown[]) =>
  send({ to, type: 'template', template: { name, language: { code: language, policy: 'deterministic' }, ...(components ? { components } : {}) } });
const text = (value: string) => ({ type: 'text', text: value });
const bodyOf = (...params: unknown[]) => ({ type: 'body', parameters: params });
const phone = async (waId: string) => (await h.call('GET', `/customers/${waId}/messages`)).body.messages as any[];

describe('POST /{phone_number_id}/messages — accepted sends', () => {
  it('answers Meta’s exact success shape for a template', async () => {
    const res = await template('+90 (532) 111-22-33', 'whatsapp_handoff', 'tr', [bodyOf(text('Şükrü Öztürk'), text('#48213'))]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+90 (532) 111-22-33', wa_id: '905321112233' }],
      messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]+$/), message_status: 'accepted' }],
    });
  });

  it.each([
    ['+55 11 98765-4321', '551187654321'],
    ['+52 1 55 1234 5678', '5215512345678'],
    ['+52 55 1234 5678', '5215512345678'],
    ['0532 444 55 66', '905324445566'],
    ['0044 7700 900123', '447700900123'],
  ])('normalises %s to wa_id %s', async (to, waId) => {
    const res = await template(to, 'whatsapp_handoff', 'en', [bodyOf(text('Emma'), text('#1'))]);
    expect(res.body.contacts).toEqual([{ input: to, wa_id: waId }]);
  });

  it('stores what the phone shows, rendered: URL button with its final URL, footer, header', async () => {
    const res = await template('905321110111', 'shipping_update', 'tr', [
      bodyOf(text('Şükrü Öztürk'), text('TR-10482'), text('TRK 99/1')),
      { type: 'button', sub_type: 'url', index: '0', parameters: [text('TRK%2099%2F1')] },
    ]);
    expect(res.status).toBe(200);
    const [msg] = await phone('905321110111');
    expect(msg).toMatchObject({ direction: 'outbound', id: res.body.messages[0].id, type: 'template' });
    expect(msg.rendered).toEqual({
      body: 'Merhaba Şükrü Öztürk, TR-10482 numaralı siparişiniz kargoya verildi. Kargo takip numaranız: TRK 99/1. Gönderinizi aşağıdaki butondan takip edebilirsiniz.',
      footer: 'Köprü Demo Mağaza',
      buttons: [{ type: 'url', text: 'Kargoyu takip et', url: 'https://kargo.example.com/track/TRK%2099%2F1' }],
    });
  });

  it('renders currency and date_time by their fallback_value', async () => {
    await template('905321110121', 'payment_reminder', 'tr', [
      bodyOf(
        text('Ayşe'),
        { type: 'currency', currency: { fallback_value: '1.249,90 TL', code: 'TRY', amount_1000: 1249900 } },
        text('FTR-1'),
        { type: 'date_time', date_time: { fallback_value: '20 Mayıs 2026' } },
      ),
    ]);
    const [msg] = await phone('905321110121');
    expect(msg.rendered.body).toBe('Merhaba Ayşe, 1.249,90 TL tutarındaki FTR-1 numaralı faturanızın son ödeme tarihi 20 Mayıs 2026. Ödemenizi yaptıysanız bu mesajı dikkate almayınız.');
  });

  it('sends a NAMED template with parameters in any order, and a media header', async () => {
    const res = await template('905321110131', 'order_pickup_ready', 'en', [
      { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/p.jpg' } }] },
      bodyOf(
        { type: 'text', parameter_name: 'store_name', text: 'Kadıköy store' },
        { type: 'text', parameter_name: 'customer_name', text: 'Emma' },
        { type: 'text', parameter_name: 'order_number', text: 'TR-1' },
      ),
    ]);
    expect(res.status).toBe(200);
    const [msg] = await phone('905321110131');
    expect(msg.rendered.header).toEqual({ type: 'image', link: 'https://cdn.example.com/p.jpg' });
    expect(msg.rendered.body).toBe('Hi Emma, your order TR-1 is ready for pickup at Kadıköy store. Please bring a photo ID when you collect it.');
  });

  it('uses the quick-reply payload sent, or the label when none is sent', async () => {
    await template('905321110141', 'feedback_survey', 'tr', [
      bodyOf(text('Ayşe'), text('#1')),
      { type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'CSAT_YES:48213' }] },
    ]);
    const [msg] = await phone('905321110141');
    expect(msg.rendered.buttons).toEqual([
      { type: 'quick_reply', text: 'Evet', payload: 'CSAT_YES:48213' },
      { type: 'quick_reply', text: 'Hayır', payload: 'Hayır' },
    ]);
  });

  it('lists accepted sends in /control/sent (and only accepted ones)', async () => {
    const before = (await h.call('GET', '/control/sent')).body.messages.length;
    await template('905321110151', 'no_such_template', 'tr');
    const ok = await template('905321110151', 'whatsapp_handoff', 'tr', [bodyOf(text('A'), text('B'))]);
    const sent = (await h.call('GET', '/control/sent')).body.messages;
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)).toMatchObject({ id: ok.body.messages[0].id, to: '905321110151', type: 'template', template: { name: 'whatsapp_handoff', language: 'tr', category: 'UTILITY' } });
  });

  it('marks an inbound message read with {success:true}', async () => {
    const inbound = await h.call('POST', '/customers/905321110161/messages', { text: 'Merhaba' });
    const res = await send({ status: 'read', message_id: inbound.body.id, typing_indicator: { type: 'text' } });
    expect(res.body).toEqual({ success: true });
    expect((await send({ status: 'read', message_id: 'wamid.unknown' })).status).toBe(400);
  });
});

type ErrorRow = [label: string, payload: () => Promise<{ status: number; body: any }>, http: number, code: number, details: string | RegExp];
const ROWS: ErrorRow[] = [
  ['unknown template', () => template('905551112233', 'nope', 'tr'), 404, 132001, 'template name (nope) does not exist in tr'],
  ['wrong locale (en_US vs en)', () => template('905551112233', 'whatsapp_handoff', 'en_US'), 404, 132001, 'template name (whatsapp_handoff) does not exist in en_US'],
  ['rejected template', () => template('905551112233', 'account_verification', 'tr', [bodyOf(text('A'))]), 404, 132001, /does not exist in tr/],
  ['paused template', () => template('905551112233', 'delivery_delay_notice', 'tr', [bodyOf(text('A'), text('B'), text('C'))]), 400, 132015, /paused due to low quality/],
  ['too few body params', () => template('905551112233', 'delivery_scheduled', 'tr', [bodyOf(text('A'))]), 400, 132000, 'body: number of localizable_params (1) does not match the expected number of params (4)'],
  ['no components for a template with variables', () => template('905551112233', 'whatsapp_handoff', 'tr'), 400, 132000, 'body: number of localizable_params (0) does not match the expected number of params (2)'],
  ['header param on a template without header', () => template('905551112233', 'whatsapp_handoff', 'tr', [{ type: 'header', parameters: [text('x')] }, bodyOf(text('A'), text('B'))]), 400, 132000, 'header: number of localizable_params (1) does not match the expected number of params (0)'],
  ['missing URL button param', () => template('905551112233', 'shipping_update', 'tr', [bodyOf(text('A'), text('B'), text('C'))]), 400, 132000, 'button at index 0: number of localizable_params (0) does not match the expected number of params (1)'],
  ['media header sent as image for a document', () => template('905551112233', 'invoice_ready', 'tr', [{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://x.example.com/a.jpg' } }] }, bodyOf(text('A'), text('B'))]), 400, 132012, 'header: Format mismatch, expected DOCUMENT, received IMAGE'],
  ['named template without parameter_name', () => template('905551112233', 'order_pickup_ready', 'tr', [bodyOf(text('A'), text('B'), text('C'))]), 400, 132012, /unique parameter_name/],
  ['named template with an unknown parameter_name', () => template('905551112233', 'order_pickup_ready', 'tr', [bodyOf({ type: 'text', parameter_name: 'musteri_adi', text: 'A' }, { type: 'text', parameter_name: 'siparis_no', text: 'B' }, { type: 'text', parameter_name: 'sehir', text: 'C' })]), 400, 132012, 'body: parameter_name (sehir) is not a parameter of this template'],
  ['image parameter in the body', () => template('905551112233', 'whatsapp_handoff', 'tr', [bodyOf(text('A'), { type: 'image', image: { link: 'https://x.example.com/a.jpg' } })]), 400, 132012, /not supported in the body/],
  ['quick reply sent as url', () => template('905551112233', 'feedback_survey', 'tr', [bodyOf(text('A'), text('B')), { type: 'button', sub_type: 'url', index: 0, parameters: [text('x')] }]), 400, 132012, /sub_type url does not match the template button type QUICK_REPLY/],
  ['new-line in a text param', () => template('905551112233', 'whatsapp_handoff', 'tr', [bodyOf(text('Şükrü\nÖztürk'), text('B'))]), 400, 132018, 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces'],
  ['tab in a text param', () => template('905551112233', 'whatsapp_handoff', 'tr', [bodyOf(text('A\tB'), text('B'))]), 400, 132018, 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces'],
  ['five spaces in a text param', () => template('905551112233', 'whatsapp_handoff', 'tr', [bodyOf(text('A     B'), text('B'))]), 400, 132018, 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces'],
  ['rendered body over 1,024', () => template('905551112233', 'whatsapp_handoff', 'tr', [bodyOf(text('A'.repeat(1000)), text('B'))]), 400, 132005, /hydrated text length \(\d+\) exceeds the maximum of 1,024/],
  ['header param on a static header', () => template('905551112233', 'order_confirmation', 'tr', [{ type: 'header', parameters: [text('x')] }, bodyOf(text('A'), text('B'), text('C'))]), 400, 132000, 'header: number of localizable_params (1) does not match the expected number of params (0)'],
  ['rendered header over 60', () => template('905551112233', 'header_var', 'tr', [{ type: 'header', parameters: [text('x'.repeat(55))] }, bodyOf(text('A'))]), 400, 132005, 'header: hydrated text length (63) exceeds the maximum of 60 characters'],
  ['invalid recipient', () => template('call-me-maybe', 'whatsapp_handoff', 'tr'), 400, 131009, /not a valid phone number/],
  ['too short recipient', () => template('+90 532', 'whatsapp_handoff', 'tr'), 400, 131009, /not a valid phone number/],
  ['text without body', () => send({ to: '905551112233', type: 'text', text: {} }), 400, 100, "The parameter text['body'] is required."],
  ['unsupported message type', () => send({ to: '905551112233', type: 'sticker', sticker: { id: '1' } }), 400, 131051, /text and template/],
  ['missing messaging_product', () => h.graph('POST', `/${PHONE_ID}/messages`, { to: '905551112233', type: 'text', text: { body: 'x' } }), 400, 100, 'The parameter messaging_product is required.'],
];

describe('POST /{phone_number_id}/messages — Meta’s send-time errors', () => {
  it.each(ROWS)('%s', async (_label, call, http, code, details) => {
    const res = await call();
    expect(res.status).toBe(http);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.type).toBe('OAuthException');
    expect(res.body.error.message).toMatch(new RegExp(`^\\(#${code}\\) `));
    expect(res.body.error.error_data.messaging_product).toBe('whatsapp');
    if (typeof details === 'string') expect(res.body.error.error_data.details).toBe(details);
    else expect(res.body.error.error_data.details).toMatch(details);
  });
});
