import { describe, expect, it } from 'vitest';
import { Template } from '../../../shared/schemas/template';
import { renderTemplate } from '../../../shared/templates/render-template';
import { templateVariables } from '../../../shared/templates/template-variables';
import { inferTextKind, kindFromExample } from '../../../shared/templates/variable-kind';

const template = (raw: Record<string, unknown>): Template =>
  Template.parse({ id: '1', name: 't', language: 'tr', status: 'APPROVED', category: 'UTILITY', ...raw });

describe('templateVariables', () => {
  it('lists header, body and button values in order, keyed like renderTemplate', () => {
    const tpl = template({
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Sipariş {{1}}', example: { header_text: ['#12345'] } },
        {
          type: 'BODY',
          text: 'Sayın {{1}}, {{2}} numaralı siparişiniz {{3}} tarihinde kargoya verildi. Tutar: {{4}}.',
          example: { body_text: [['Ayşe Yılmaz', '#12345', '12 Mart 2026', '₺1.250,00']] },
        },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'PHONE_NUMBER', text: 'Ara', phone_number: '+905324182796' },
            { type: 'URL', text: 'Takip', url: 'https://kargo.example.com/t/{{1}}', example: ['https://kargo.example.com/t/A1B2'] },
            { type: 'QUICK_REPLY', text: 'Durdur' },
          ],
        },
      ],
    });
    expect(templateVariables(tpl)).toEqual([
      { key: 'header', placeholder: '1', location: 'header', example: '#12345', kind: 'order_number', required: true },
      { key: '1', placeholder: '1', location: 'body', example: 'Ayşe Yılmaz', kind: 'name', required: true },
      { key: '2', placeholder: '2', location: 'body', example: '#12345', kind: 'order_number', required: true },
      { key: '3', placeholder: '3', location: 'body', example: '12 Mart 2026', kind: 'date', required: true },
      { key: '4', placeholder: '4', location: 'body', example: '₺1.250,00', kind: 'amount', required: true },
      { key: 'button.1', placeholder: '1', location: 'button', buttonIndex: 1, example: 'A1B2', kind: 'url_suffix', required: true },
      { key: 'button.2', placeholder: '', location: 'button', buttonIndex: 2, kind: 'free_text', required: false },
    ]);
  });

  it('uses named examples and names for NAMED templates', () => {
    const tpl = template({
      parameter_format: 'NAMED',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Ticket {{ticket_id}}', example: { header_text_named_params: [{ param_name: 'ticket_id', example: 'T-88' }] } },
        {
          type: 'BODY',
          text: 'Hi {{customer_name}}, your refund of {{refund_amount}} for order {{order_id}} arrives {{order_date}}.',
          example: { body_text_named_params: [
            { param_name: 'order_date', example: 'May 4, 2026' },
            { param_name: 'customer_name', example: 'Pablo' },
            { param_name: 'order_id', example: '860198-230332' },
            { param_name: 'refund_amount', example: '$12.50' },
          ] },
        },
        { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: ['SAVE10'] }] },
      ],
    });
    expect(templateVariables(tpl)).toEqual([
      { key: 'header', placeholder: 'ticket_id', location: 'header', example: 'T-88', kind: 'ticket_id', required: true },
      { key: 'customer_name', placeholder: 'customer_name', location: 'body', example: 'Pablo', kind: 'name', required: true },
      { key: 'refund_amount', placeholder: 'refund_amount', location: 'body', example: '$12.50', kind: 'amount', required: true },
      { key: 'order_id', placeholder: 'order_id', location: 'body', example: '860198-230332', kind: 'order_number', required: true },
      { key: 'order_date', placeholder: 'order_date', location: 'body', example: 'May 4, 2026', kind: 'date', required: true },
      { key: 'button.0', placeholder: '', location: 'button', buttonIndex: 0, example: 'SAVE10', kind: 'coupon_code', required: true },
    ]);
  });

  it('media and location headers are one "header" value each; repeated placeholders appear once', () => {
    const media = template({ components: [{ type: 'HEADER', format: 'DOCUMENT', example: { header_handle: ['4::aW'] } }, { type: 'BODY', text: '{{1}} ve {{1}}' }] });
    expect(templateVariables(media)).toEqual([
      { key: 'header', placeholder: '', location: 'header', kind: 'media', required: true },
      { key: '1', placeholder: '1', location: 'body', kind: 'free_text', required: true },
    ]);
    const location = template({ components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'Burada.' }] });
    expect(templateVariables(location)).toEqual([{ key: 'header', placeholder: '', location: 'header', kind: 'location', required: true }]);
  });

  it('a template without variables has none', () => {
    expect(templateVariables(template({ components: [{ type: 'BODY', text: 'Talebiniz kapandı.' }] }))).toEqual([]);
  });

  it('its required keys are exactly what renderTemplate needs', () => {
    const tpl = template({
      components: [
        { type: 'HEADER', format: 'IMAGE' },
        { type: 'BODY', text: 'Merhaba {{1}}, {{2}} numaralı talebiniz güncellendi.' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Tamam' }, { type: 'COPY_CODE', example: 'X1' }] },
      ],
    });
    const vars = templateVariables(tpl);
    expect(vars.map((v) => v.kind)).toEqual(['media', 'name', 'ticket_id', 'free_text', 'coupon_code']);
    const filled = Object.fromEntries(vars.filter((v) => v.required).map((v) => [v.key, v.kind === 'media' ? 'https://cdn.example.com/a.png' : 'X1']));
    expect(renderTemplate(tpl, filled).ok).toBe(true);
    const { '2': _dropped, ...short } = filled;
    expect(renderTemplate(tpl, short)).toMatchObject({ ok: false, problems: [{ key: '2', code: 'MISSING' }] });
  });
});

describe('inferTextKind', () => {
  it.each([
    // words before the placeholder, Turkish and English
    ['Sayın', '', undefined, 'name'],
    ['Merhaba ', ',', undefined, 'name'],
    ['Hi ', ',', undefined, 'name'],
    ['Dear ', ',', undefined, 'name'],
    ['Siparişiniz ', ' yola çıktı', undefined, 'order_number'],
    ['Your order ', ' has shipped', undefined, 'order_number'],
    ['Order number: ', '', undefined, 'order_number'],
    ['Teslim tarihi: ', '', undefined, 'date'],
    ['Delivery date: ', '', undefined, 'date'],
    ['Toplam tutar: ', '', undefined, 'amount'],
    ['Amount ', ' due on', undefined, 'amount'],
    ['Talep ', ' güncellendi', undefined, 'ticket_id'],
    ['Your ticket ', ' was closed', undefined, 'ticket_id'],
    ['SİPARİŞ NO ', '', undefined, 'order_number'],
    // Turkish nouns after the placeholder
    ['', ' numaralı siparişiniz', undefined, 'order_number'],
    ['', ' numaralı talebiniz', undefined, 'ticket_id'],
    ['', ' tarihinde', undefined, 'date'],
    ['Ödemeniz ', ' TL olarak alındı', undefined, 'amount'],
    ['', ' Hanım,', undefined, 'name'],
    // examples when the words say nothing
    ['arrives on ', '.', 'May 4, 2026', 'date'],
    ['on ', '.', '2026-03-12', 'date'],
    ['on ', '.', '12.03.2026', 'date'],
    ['is ', '.', '₺1.250,00', 'amount'],
    ['is ', '.', '250 TL', 'amount'],
    ['is ', '.', '$12.50', 'amount'],
    ['is ', '.', '#12345', 'order_number'],
    ['is ', '.', 'TR-2024-0012', 'order_number'],
    ['is ', '.', 'Kadıköy', 'free_text'],
    ['for ', ' guests', '4', 'free_text'],
    ['', '', undefined, 'free_text'],
  ])('%j {{x}} %j (example %j) → %s', (before, after, example, kind) => {
    expect(inferTextKind({ name: '1', before, after, ...(example === undefined ? {} : { example }) })).toBe(kind);
  });

  it.each([
    ['order_id', 'order_number'],
    ['order_date', 'date'],
    ['delivery_date', 'date'],
    ['first_name', 'name'],
    ['customer', 'name'],
    ['total_amount', 'amount'],
    ['ticket_id', 'ticket_id'],
    ['talep_no', 'ticket_id'],
    ['number_of_guests', 'free_text'],
  ])('named placeholder %s → %s', (name, kind) => {
    expect(inferTextKind({ name, before: 'is ', after: '.' })).toBe(kind);
  });

  it('a named placeholder without a telling name falls back to the context', () => {
    expect(inferTextKind({ name: 'number_of_guests', before: 'for ', after: ' guests', example: '4' })).toBe('free_text');
    expect(inferTextKind({ name: 'x', before: 'Sayın ', after: '' })).toBe('name');
  });

  it('recognises date examples in both languages', () => {
    for (const example of ['12 Mart 2026', '4 Ağustos', 'August 30th, 2025', 'Cumartesi', 'Saturday', '2026-03-12T10:00']) {
      expect(kindFromExample(example)).toBe('date');
    }
  });
});
