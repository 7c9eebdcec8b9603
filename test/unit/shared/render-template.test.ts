import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Template } from '../../../shared/schemas/template';
import type { TemplateValues } from '../../../shared/schemas/values';
import { renderTemplate, type GraphComponent } from '../../../shared/templates/render-template';

/** Templates go through the shared schema exactly as Meta's JSON would (lower-case types included). */
const template = (raw: Record<string, unknown>): Template =>
  Template.parse({ id: '1', language: 'tr', status: 'APPROVED', category: 'UTILITY', ...raw });

const shipping = template({
  name: 'order_shipped',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Sipariş {{1}}', example: { header_text: ['#12345'] } },
    {
      type: 'BODY',
      text: 'Merhaba {{1}}, {{2}} numaralı siparişiniz {{3}} tarihinde kargoya verildi.',
      example: { body_text: [['Ayşe', '#12345', '12 Mart 2026']] },
    },
    { type: 'FOOTER', text: 'Köprü Demo' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Takip et', url: 'https://kargo.example.com/t/{{1}}', example: ['A1B2'] },
        { type: 'QUICK_REPLY', text: 'Bildirimleri durdur' },
        { type: 'PHONE_NUMBER', text: 'Ara', phone_number: '+905324182796' },
      ],
    },
  ],
});

const named = template({
  name: 'order_total',
  language: 'en_US',
  parameter_format: 'named',
  components: [
    { type: 'header', format: 'text', text: 'Order {{order_id}}' },
    { type: 'body', text: 'Hi {{first_name}}, order {{order_id}} totals {{amount}}. Delivery: {{delivery_date}}.' },
    { type: 'buttons', buttons: [{ type: 'copy_code', example: 'SAVE10' }] },
  ],
});

const noVariables = template({
  name: 'ticket_updated',
  components: [{ type: 'BODY', text: 'Destek talebiniz güncellendi.' }, { type: 'FOOTER', text: 'Köprü' }],
});
const imageHeader = template({
  name: 'receipt_image',
  components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BODY', text: 'Receipt for {{1}}' }],
});
const documentHeader = template({
  name: 'invoice',
  components: [{ type: 'HEADER', format: 'DOCUMENT' }, { type: 'BODY', text: 'Your invoice is attached.' }],
});
const videoHeader = template({
  name: 'howto',
  components: [{ type: 'HEADER', format: 'VIDEO' }, { type: 'BODY', text: 'How to install your router.' }],
});
const locationHeader = template({
  name: 'pickup_point',
  components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'Your parcel waits here, {{1}}.' }],
});
const repeated = template({
  name: 'callback',
  components: [{ type: 'BODY', text: '{{1}}, thanks! We will call {{1}} again about {{2}}.' }],
});
const outOfOrder = template({
  name: 'out_of_order',
  components: [{ type: 'BODY', text: 'Due {{2}} for ticket {{1}}.' }],
});
const staticThenDynamicUrl = template({
  name: 'two_links',
  components: [
    { type: 'BODY', text: 'See your account.' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Help', url: 'https://example.com/help' },
        { type: 'URL', text: 'Invoice', url: 'https://example.com/invoice/{{1}}' },
      ],
    },
  ],
});
const longBody = template({
  name: 'long_body',
  components: [{ type: 'BODY', text: `${'x'.repeat(1000)} {{1}}` }],
});

const base = { '1': 'Ayşe', '2': '#12345', '3': '12 Mart 2026', header: '#12345', 'button.0': 'A1B2' };
const namedBase = { order_id: '#77', first_name: 'Pablo', amount: '$12.50', delivery_date: 'May 4, 2026', header: '#77', 'button.0': 'SAVE10' };

type Success = { components: GraphComponent[]; body?: string };
type Failure = { problems: Array<[key: string, code: string]> };
type Case = [label: string, template: Template, values: Record<string, unknown>, expected: Success | Failure];

const cases: Case[] = [
  // ── Success: exact Graph payloads ────────────────────────────────────────────────────────────
  ['positional: header, body and URL suffix', shipping, base, {
    body: 'Merhaba Ayşe, #12345 numaralı siparişiniz 12 Mart 2026 tarihinde kargoya verildi.',
    components: [
      { type: 'header', parameters: [{ type: 'text', text: '#12345' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#12345' }, { type: 'text', text: '12 Mart 2026' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A1B2' }] },
    ],
  }],
  ['quick reply payload goes out with its own index', shipping, { ...base, 'button.1': 'STOP:order-8812' }, {
    components: [
      { type: 'header', parameters: [{ type: 'text', text: '#12345' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#12345' }, { type: 'text', text: '12 Mart 2026' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A1B2' }] },
      { type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'STOP:order-8812' }] },
    ],
  }],
  ['blank quick reply payload sends no button entry', shipping, { ...base, 'button.1': '  ' }, {
    components: [
      { type: 'header', parameters: [{ type: 'text', text: '#12345' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#12345' }, { type: 'text', text: '12 Mart 2026' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A1B2' }] },
    ],
  }],
  ['NAMED: parameter_name on header and body params, coupon code', named, namedBase, {
    body: 'Hi Pablo, order #77 totals $12.50. Delivery: May 4, 2026.',
    components: [
      { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: '#77' }] },
      { type: 'body', parameters: [
        { type: 'text', parameter_name: 'first_name', text: 'Pablo' },
        { type: 'text', parameter_name: 'order_id', text: '#77' },
        { type: 'text', parameter_name: 'amount', text: '$12.50' },
        { type: 'text', parameter_name: 'delivery_date', text: 'May 4, 2026' },
      ] },
      { type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
    ],
  }],
  ['NAMED: currency and date_time values', named, {
    ...namedBase,
    amount: { type: 'currency', fallback_value: '$12.50', code: 'USD', amount_1000: 12500 },
    delivery_date: { type: 'date_time', fallback_value: 'May 4, 2026' },
  }, {
    body: 'Hi Pablo, order #77 totals $12.50. Delivery: May 4, 2026.',
    components: [
      { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: '#77' }] },
      { type: 'body', parameters: [
        { type: 'text', parameter_name: 'first_name', text: 'Pablo' },
        { type: 'text', parameter_name: 'order_id', text: '#77' },
        { type: 'currency', parameter_name: 'amount', currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 } },
        { type: 'date_time', parameter_name: 'delivery_date', date_time: { fallback_value: 'May 4, 2026' } },
      ] },
      { type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
    ],
  }],
  ['no variables and no media header → no components', noVariables, {}, { body: 'Destek talebiniz güncellendi.', components: [] }],
  ['image header from a bare https URL', imageHeader, { header: 'https://cdn.example.com/r.jpg', '1': 'TR-2024-0012' }, {
    components: [
      { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/r.jpg' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'TR-2024-0012' }] },
    ],
  }],
  ['image header by uploaded media id', imageHeader, { header: { type: 'image', id: '2871834006348767' }, '1': 'x' }, {
    components: [
      { type: 'header', parameters: [{ type: 'image', image: { id: '2871834006348767' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'x' }] },
    ],
  }],
  ['document header with a filename; static body adds nothing', documentHeader, {
    header: { type: 'document', link: 'https://cdn.example.com/inv.pdf', filename: 'fatura.pdf' },
  }, {
    components: [{ type: 'header', parameters: [{ type: 'document', document: { link: 'https://cdn.example.com/inv.pdf', filename: 'fatura.pdf' } }] }],
  }],
  ['video header by link', videoHeader, { header: { type: 'video', link: 'https://cdn.example.com/v.mp4' } }, {
    components: [{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://cdn.example.com/v.mp4' } }] }],
  }],
  ['location header', locationHeader, {
    header: { type: 'location', latitude: 41.0082, longitude: 28.9784, name: 'Kadıköy Şube', address: 'Moda Cd. 1' }, '1': 'Ayşe',
  }, {
    components: [
      { type: 'header', parameters: [{ type: 'location', location: { latitude: 41.0082, longitude: 28.9784, name: 'Kadıköy Şube', address: 'Moda Cd. 1' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }] },
    ],
  }],
  ['repeated placeholder: one parameter, filled everywhere', repeated, { '1': 'Ayşe', '2': 'iade' }, {
    body: 'Ayşe, thanks! We will call Ayşe again about iade.',
    components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: 'iade' }] }],
  }],
  ['positional parameters go in number order, not text order', outOfOrder, { '1': 'T-1', '2': 'Friday' }, {
    body: 'Due Friday for ticket T-1.',
    components: [{ type: 'body', parameters: [{ type: 'text', text: 'T-1' }, { type: 'text', text: 'Friday' }] }],
  }],
  ['URL suffix is percent-encoded', shipping, { ...base, 'button.0': 'ş/ç:|' }, {
    components: [
      { type: 'header', parameters: [{ type: 'text', text: '#12345' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#12345' }, { type: 'text', text: '12 Mart 2026' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '%C5%9F%2F%C3%A7%3A%7C' }] },
    ],
  }],
  ['a pasted full link keeps only its suffix', shipping, { ...base, 'button.0': ' https://kargo.example.com/t/A1B2 ' }, {
    components: [
      { type: 'header', parameters: [{ type: 'text', text: '#12345' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#12345' }, { type: 'text', text: '12 Mart 2026' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A1B2' }] },
    ],
  }],
  ['a static URL button still counts toward index', staticThenDynamicUrl, { 'button.1': 'INV-9' }, {
    components: [{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'INV-9' }] }],
  }],
  ['limits are inclusive: 60-char header, 4 spaces, 15-char coupon', named, {
    ...namedBase, header: 'x'.repeat(54), first_name: 'A    B', 'button.0': 'C'.repeat(15),
  }, {
    components: [
      { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: 'x'.repeat(54) }] },
      { type: 'body', parameters: [
        { type: 'text', parameter_name: 'first_name', text: 'A    B' },
        { type: 'text', parameter_name: 'order_id', text: '#77' },
        { type: 'text', parameter_name: 'amount', text: '$12.50' },
        { type: 'text', parameter_name: 'delivery_date', text: 'May 4, 2026' },
      ] },
      { type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'C'.repeat(15) }] },
    ],
  }],
  ['a body of exactly 1,024 characters is fine (emoji count once)', longBody, { '1': '😀'.repeat(23) }, {
    components: [{ type: 'body', parameters: [{ type: 'text', text: '😀'.repeat(23) }] }],
  }],

  // ── Failure: each rule ───────────────────────────────────────────────────────────────────────
  ['MISSING body parameter', shipping, { ...base, '2': undefined }, { problems: [['2', 'MISSING']] }],
  ['MISSING: empty and whitespace-only values', shipping, { ...base, '1': '', '3': '   ' }, { problems: [['1', 'MISSING'], ['3', 'MISSING']] }],
  ['MISSING header text parameter', shipping, { ...base, header: undefined }, { problems: [['header', 'MISSING']] }],
  ['MISSING URL suffix', shipping, { ...base, 'button.0': undefined }, { problems: [['button.0', 'MISSING']] }],
  ['MISSING NAMED parameter and coupon code', named, { ...namedBase, amount: undefined, 'button.0': undefined }, { problems: [['amount', 'MISSING'], ['button.0', 'MISSING']] }],
  ['MISSING media header', documentHeader, {}, { problems: [['header', 'MISSING']] }],
  ['MISSING location header', locationHeader, { '1': 'Ayşe' }, { problems: [['header', 'MISSING']] }],
  ['UNKNOWN_KEY: a fourth body value', shipping, { ...base, '4': 'extra' }, { problems: [['4', 'UNKNOWN_KEY']] }],
  ['UNKNOWN_KEY: a phone button takes nothing', shipping, { ...base, 'button.2': '+90' }, { problems: [['button.2', 'UNKNOWN_KEY']] }],
  ['UNKNOWN_KEY: a static URL button takes nothing', staticThenDynamicUrl, { 'button.0': 'x', 'button.1': 'INV-9' }, { problems: [['button.0', 'UNKNOWN_KEY']] }],
  ['UNKNOWN_KEY: header value without a header', noVariables, { header: 'x' }, { problems: [['header', 'UNKNOWN_KEY']] }],
  ['UNKNOWN_KEY: positional key on a NAMED template', named, { ...namedBase, '1': 'Pablo' }, { problems: [['1', 'UNKNOWN_KEY']] }],
  ['NEWLINE: \\n in a body value', shipping, { ...base, '1': 'Ayşe\nYılmaz' }, { problems: [['1', 'NEWLINE']] }],
  ['NEWLINE: \\r and \\t', shipping, { ...base, '1': 'a\rb', '2': 'a\tb' }, { problems: [['1', 'NEWLINE'], ['2', 'NEWLINE']] }],
  ['NEWLINE in a currency fallback', named, { ...namedBase, amount: { type: 'currency', fallback_value: '$12\n50', code: 'USD', amount_1000: 12500 } }, { problems: [['amount', 'NEWLINE']] }],
  ['TOO_MANY_SPACES: five in a row', shipping, { ...base, '1': 'Ayşe     Y' }, { problems: [['1', 'TOO_MANY_SPACES']] }],
  ['HEADER_TOO_LONG: short param, long rendered header', shipping, { ...base, header: 'x'.repeat(53) }, { problems: [['header', 'HEADER_TOO_LONG']] }],
  ['PARAM_TOO_LONG: header param over 60', shipping, { ...base, header: 'x'.repeat(61) }, { problems: [['header', 'PARAM_TOO_LONG'], ['header', 'HEADER_TOO_LONG']] }],
  ['PARAM_TOO_LONG: body param over 1,024', shipping, { ...base, '1': 'x'.repeat(1025) }, { problems: [['1', 'PARAM_TOO_LONG'], ['body', 'BODY_TOO_LONG']] }],
  ['BODY_TOO_LONG: fine params, long rendered body', longBody, { '1': 'y'.repeat(24) }, { problems: [['body', 'BODY_TOO_LONG']] }],
  ['INVALID_URL_SUFFIX: empty', shipping, { ...base, 'button.0': ' ' }, { problems: [['button.0', 'INVALID_URL_SUFFIX']] }],
  ['INVALID_URL_SUFFIX: inner whitespace', shipping, { ...base, 'button.0': 'A1 B2' }, { problems: [['button.0', 'INVALID_URL_SUFFIX']] }],
  ['INVALID_URL_SUFFIX: final URL over 2,000', shipping, { ...base, 'button.0': 'a'.repeat(1980) }, { problems: [['button.0', 'INVALID_URL_SUFFIX']] }],
  ['COUPON_TOO_LONG', named, { ...namedBase, 'button.0': 'C'.repeat(16) }, { problems: [['button.0', 'COUPON_TOO_LONG']] }],
  ['INVALID_CURRENCY: lower-case code', named, { ...namedBase, amount: { type: 'currency', fallback_value: '$1', code: 'usd', amount_1000: 1000 } }, { problems: [['amount', 'INVALID_CURRENCY']] }],
  ['INVALID_CURRENCY: fractional amount_1000', named, { ...namedBase, amount: { type: 'currency', fallback_value: '$1', code: 'USD', amount_1000: 1000.5 } }, { problems: [['amount', 'INVALID_CURRENCY']] }],
  ['INVALID_CURRENCY: empty fallback', named, { ...namedBase, amount: { type: 'currency', fallback_value: ' ', code: 'USD', amount_1000: 1000 } }, { problems: [['amount', 'INVALID_CURRENCY']] }],
  ['INVALID_DATE_TIME: empty fallback', named, { ...namedBase, delivery_date: { type: 'date_time', fallback_value: '' } }, { problems: [['delivery_date', 'INVALID_DATE_TIME']] }],
  ['INVALID_MEDIA: http link', imageHeader, { header: 'http://cdn.example.com/r.jpg', '1': 'x' }, { problems: [['header', 'INVALID_MEDIA']] }],
  ['INVALID_MEDIA: not a URL at all', imageHeader, { header: 'receipt.jpg', '1': 'x' }, { problems: [['header', 'INVALID_MEDIA']] }],
  ['INVALID_MEDIA: video for an image header', imageHeader, { header: { type: 'video', link: 'https://cdn.example.com/v.mp4' }, '1': 'x' }, { problems: [['header', 'INVALID_MEDIA']] }],
  ['INVALID_MEDIA: neither link nor id', documentHeader, { header: { type: 'document' } }, { problems: [['header', 'INVALID_MEDIA']] }],
  ['INVALID_MEDIA: both link and id', documentHeader, { header: { type: 'document', id: '1', link: 'https://x.example/a.pdf' } }, { problems: [['header', 'INVALID_MEDIA']] }],
  ['INVALID_MEDIA: a filename on an image', imageHeader, { header: { type: 'image', id: '1', filename: 'a.jpg' }, '1': 'x' }, { problems: [['header', 'INVALID_MEDIA']] }],
  ['INVALID_LOCATION: latitude out of range', locationHeader, { header: { type: 'location', latitude: 91, longitude: 0 }, '1': 'x' }, { problems: [['header', 'INVALID_LOCATION']] }],
  ['WRONG_TYPE: media object in the body', imageHeader, { header: 'https://cdn.example.com/r.jpg', '1': { type: 'image', link: 'https://cdn.example.com/r.jpg' } }, { problems: [['1', 'WRONG_TYPE']] }],
  ['WRONG_TYPE: text in a location header', locationHeader, { header: 'Kadıköy', '1': 'x' }, { problems: [['header', 'WRONG_TYPE']] }],
  ['WRONG_TYPE: location in a media header', imageHeader, { header: { type: 'location', latitude: 1, longitude: 1 }, '1': 'x' }, { problems: [['header', 'WRONG_TYPE']] }],
  ['WRONG_TYPE: location in a text header', shipping, { ...base, header: { type: 'location', latitude: 1, longitude: 1 } }, { problems: [['header', 'WRONG_TYPE']] }],
  ['WRONG_TYPE: object as URL suffix and as coupon', named, { ...namedBase, 'button.0': { type: 'date_time', fallback_value: 'x' } }, { problems: [['button.0', 'WRONG_TYPE']] }],
  ['WRONG_TYPE: object as quick reply payload', shipping, { ...base, 'button.1': { type: 'date_time', fallback_value: 'x' } }, { problems: [['button.1', 'WRONG_TYPE']] }],
  ['several problems at once, in template order', shipping, { '1': 'a\nb', header: 'x'.repeat(61), 'button.0': 'a b', extra: 'x' }, {
    problems: [['header', 'PARAM_TOO_LONG'], ['header', 'HEADER_TOO_LONG'], ['1', 'NEWLINE'], ['2', 'MISSING'], ['3', 'MISSING'], ['button.0', 'INVALID_URL_SUFFIX'], ['extra', 'UNKNOWN_KEY']],
  }],
];

describe('renderTemplate', () => {
  it('has a case for every rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const codes = new Set(cases.flatMap(([, , , e]) => ('problems' in e ? e.problems.map(([, c]) => c) : [])));
    expect([...codes].sort()).toEqual([
      'BODY_TOO_LONG', 'COUPON_TOO_LONG', 'HEADER_TOO_LONG', 'INVALID_CURRENCY', 'INVALID_DATE_TIME', 'INVALID_LOCATION',
      'INVALID_MEDIA', 'INVALID_URL_SUFFIX', 'MISSING', 'NEWLINE', 'PARAM_TOO_LONG', 'TOO_MANY_SPACES', 'UNKNOWN_KEY', 'WRONG_TYPE',
    ]);
  });

  it.each(cases)('%s', (_label, tpl, values, expected) => {
    const result = renderTemplate(tpl, values as TemplateValues);
    if ('components' in expected) {
      expect(result.ok ? [] : result.problems).toEqual([]);
      if (!result.ok) return;
      expect(result.components).toEqual(expected.components);
      if (expected.body !== undefined) expect(result.message.body).toBe(expected.body);
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((p) => [p.key, p.code])).toEqual(expected.problems);
      for (const p of result.problems) expect(p.message).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('renderTemplate: the preview', () => {
  it('shows header, body, footer and every button with final URL, phone and code', () => {
    const result = renderTemplate(shipping, base);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.message).toEqual({
      header: { type: 'text', text: 'Sipariş #12345' },
      body: 'Merhaba Ayşe, #12345 numaralı siparişiniz 12 Mart 2026 tarihinde kargoya verildi.',
      footer: 'Köprü Demo',
      buttons: [
        { index: 0, type: 'URL', text: 'Takip et', url: 'https://kargo.example.com/t/A1B2' },
        { index: 1, type: 'QUICK_REPLY', text: 'Bildirimleri durdur' },
        { index: 2, type: 'PHONE_NUMBER', text: 'Ara', phoneNumber: '+905324182796' },
      ],
    });
  });

  it('shows the fallback_value of currency and date values and the coupon code', () => {
    const result = renderTemplate(named, {
      ...namedBase,
      amount: { type: 'currency', fallback_value: '₺1.250,00', code: 'TRY', amount_1000: 1_250_000 },
    });
    expect(result.ok && result.message).toEqual({
      header: { type: 'text', text: 'Order #77' },
      body: 'Hi Pablo, order #77 totals ₺1.250,00. Delivery: May 4, 2026.',
      buttons: [{ index: 0, type: 'COPY_CODE', text: 'Copy code', code: 'SAVE10' }],
    });
  });

  it('shows media and location headers', () => {
    const doc = renderTemplate(documentHeader, { header: { type: 'document', id: '42', filename: 'fatura.pdf' } });
    expect(doc.ok && doc.message.header).toEqual({ type: 'document', id: '42', filename: 'fatura.pdf' });
    const loc = renderTemplate(locationHeader, { header: { type: 'location', latitude: 41, longitude: 29 }, '1': 'x' });
    expect(loc.ok && loc.message.header).toEqual({ type: 'location', latitude: 41, longitude: 29 });
  });

  it('keeps a draft while values are missing: unfilled placeholders stay visible', () => {
    const result = renderTemplate(shipping, { '1': 'Ayşe', '2': 'bad\nvalue' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.draft.header).toEqual({ type: 'text', text: 'Sipariş {{1}}' });
    expect(result.draft.body).toBe('Merhaba Ayşe, bad\nvalue numaralı siparişiniz {{3}} tarihinde kargoya verildi.');
    expect(result.draft.buttons[0]).toMatchObject({ url: 'https://kargo.example.com/t/{{1}}' });
  });

  it('reports lengths with limit and actual', () => {
    const result = renderTemplate(named, { ...namedBase, 'button.0': 'C'.repeat(20) });
    expect(!result.ok && result.problems[0]).toMatchObject({ key: 'button.0', code: 'COUPON_TOO_LONG', limit: 15, actual: 20 });
  });
});

describe('renderTemplate: preview and payload come from one call', () => {
  /** What Meta would show: the template body with the sent parameters substituted. */
  const hydrate = (text: string, components: GraphComponent[]): string => {
    const body = components.find((c) => c.type === 'body');
    const params = body?.parameters ?? [];
    const shown = (p: (typeof params)[number]) =>
      p.type === 'text' ? p.text : p.type === 'currency' ? p.currency.fallback_value : p.date_time.fallback_value;
    return text.replace(/\{\{([a-z0-9_]+)\}\}/g, (_m, name: string) => {
      const byName = params.find((p) => p.parameter_name === name);
      const param = byName ?? params[Number(name) - 1];
      return param ? shown(param) : `{{${name}}}`;
    });
  };

  const paramText = fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => s.trim() !== '' && !/[\n\r\t]/.test(s) && !/ {5}/.test(s));

  it('positional: the body parameters, substituted in order, equal the preview body', () => {
    fc.assert(
      fc.property(paramText, paramText, paramText, (a, b, c) => {
        const result = renderTemplate(shipping, { ...base, '1': a, '2': b, '3': c });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const bodyText = shipping.components.find((x) => x.type === 'BODY');
        expect(bodyText && hydrate(bodyText.text, result.components)).toBe(result.message.body);
      }),
    );
  });

  it('named and repeated: the same holds', () => {
    fc.assert(
      fc.property(paramText, paramText, (first, amount) => {
        const result = renderTemplate(named, { ...namedBase, first_name: first, amount });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const bodyText = named.components.find((x) => x.type === 'BODY');
        expect(bodyText && hydrate(bodyText.text, result.components)).toBe(result.message.body);
      }),
    );
    const again = renderTemplate(repeated, { '1': 'Ayşe', '2': 'iade' });
    expect(again.ok && hydrate('{{1}}, thanks! We will call {{1}} again about {{2}}.', again.components)).toBe(again.ok && again.message.body);
  });
});
