import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LintResult } from '../../../shared/schemas/lint';
import { lintTemplate } from '../../../shared/templates/lint-template';

const BODY = 'Merhaba {{1}}, {{2}} numaralı siparişiniz kargoya verildi. İyi günler dileriz.';
const body = (text = BODY, example: unknown = { body_text: [['Ayşe', '#12345']] }) => ({ type: 'BODY', text, ...(example ? { example } : {}) });

/** A draft that passes every rule; each case changes one thing. */
const valid = {
  name: 'order_shipped_v2',
  language: 'tr',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Sipariş {{1}}', example: { header_text: ['#12345'] } },
    body(),
    { type: 'FOOTER', text: 'Köprü Demo' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Kargomu takip et', url: 'https://kargo.example.com/t/{{1}}', example: ['A1B2'] },
        { type: 'QUICK_REPLY', text: 'Bildirimleri durdur' },
        { type: 'PHONE_NUMBER', text: 'Bizi arayın', phone_number: '+905324182796' },
      ],
    },
  ],
};

const withComponents = (...components: unknown[]) => ({ ...valid, components });
const withButtons = (...buttons: unknown[]) => withComponents(body(), { type: 'BUTTONS', buttons });
const quickReply = (text = 'Tamam') => ({ type: 'QUICK_REPLY', text });
const url = (link = 'https://example.com/siparis', extra: object = {}) => ({ type: 'URL', text: 'Aç', url: link, ...extra });

const errors = (draft: unknown) => [...new Set(lintTemplate(draft).findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
const warnings = (draft: unknown) => [...new Set(lintTemplate(draft).findings.filter((f) => f.severity === 'warning').map((f) => f.rule))].sort();

describe('lintTemplate: a clean draft', () => {
  it('has no findings and is predicted UTILITY', () => {
    expect(lintTemplate(valid)).toEqual({ category: 'UTILITY', findings: [] });
  });

  it('accepts Meta\'s lower-case JSON and a NAMED template', () => {
    const named = {
      name: 'reservation_confirmation',
      language: 'en_US',
      category: 'utility',
      parameter_format: 'named',
      components: [
        {
          type: 'body',
          text: 'Your reservation for {{number_of_guests}} on {{day}}, {{date}}, at {{time}}, is confirmed. See you soon.',
          example: {
            body_text_named_params: [
              { param_name: 'number_of_guests', example: '4' },
              { param_name: 'day', example: 'Saturday' },
              { param_name: 'date', example: 'August 30th, 2025' },
              { param_name: 'time', example: '7:30 pm' },
            ],
          },
        },
        { type: 'buttons', buttons: [{ type: 'url', text: 'Change reservation', url: 'https://www.example.com/reservations' }, { type: 'quick_reply', text: 'Cancel reservation' }] },
      ],
    };
    expect(lintTemplate(named)).toEqual({ category: 'UTILITY', findings: [] });
  });
});

type StructuralCase = [label: string, draft: unknown, errorRules: string[]];

const longBody = `Siparişiniz {{1}} hazırlanıyor. ${'Kargo bilgisi yakında gelecek. '.repeat(33)}Teşekkürler.`;

const structural: StructuralCase[] = [
  ['upper-case name', { ...valid, name: 'Order_Shipped' }, ['name-format']],
  ['name with a space', { ...valid, name: 'order shipped' }, ['name-format']],
  ['name of 513 characters', { ...valid, name: 'a'.repeat(513) }, ['name-format']],
  ['unknown language', { ...valid, language: 'xx' }, ['invalid-language']],
  ['language that is not a locale code', { ...valid, language: 'turkish' }, ['invalid-language']],
  ['authentication category', { ...valid, category: 'AUTHENTICATION' }, ['unsupported-category']],
  ['no body', withComponents({ type: 'FOOTER', text: 'Köprü' }), ['body-required']],
  ['empty component list', withComponents(), ['body-required']],
  ['empty body text', withComponents(body('   ', null)), ['body-required']],
  ['two bodies', withComponents(body(), body()), ['duplicate-component']],
  ['header of 61 characters', withComponents({ type: 'HEADER', format: 'TEXT', text: 'S'.repeat(61) }, body()), ['header-too-long']],
  ['body of 1,025+ characters', withComponents(body(longBody, { body_text: [['#1']] })), ['body-too-long']],
  ['footer of 61 characters', withComponents(body(), { type: 'FOOTER', text: 'F'.repeat(61) }), ['footer-too-long']],
  ['11 buttons', withButtons(...Array.from({ length: 11 }, (_, i) => quickReply(`Seçenek ${i + 1}`))), ['too-many-buttons']],
  ['quick replies split by a URL button', withButtons(quickReply('Evet'), url(), quickReply('Hayır')), ['quick-replies-not-contiguous']],
  ['URL variable in the middle', withButtons(url('https://example.com/{{1}}/takip', { example: ['A1'] })), ['url-variable-not-at-end']],
  ['two URL variables', withButtons(url('https://example.com/{{1}}/{{2}}', { example: ['A1'] })), ['url-variable-not-at-end']],
  ['URL variable without an example', withButtons(url('https://example.com/t/{{1}}')), ['missing-example']],
  ['URL that is not a web address', withButtons(url('kargo takip')), ['invalid-url']],
  ['three URL buttons', withButtons(url(), url(), url()), ['too-many-url-buttons']],
  ['two phone buttons', withButtons({ type: 'PHONE_NUMBER', text: 'Ara', phone_number: '+905551112233' }, { type: 'PHONE_NUMBER', text: 'Ara 2', phone_number: '+905551112244' }), ['too-many-phone-buttons']],
  ['phone number of 21 characters', withButtons({ type: 'PHONE_NUMBER', text: 'Ara', phone_number: '+9055511122334455667' + '7' }), ['phone-number-too-long']],
  ['button label of 26 characters', withButtons(quickReply('Bildirimleri kapatmak isti')), ['button-label-too-long']],
  ['empty button label', withButtons(quickReply('')), ['button-label-required']],
  ['copy code of 16 characters', withButtons({ type: 'COPY_CODE', example: 'TESLIMAT2026KOD1' }), ['copy-code-too-long']],
  ['copy code without an example', withButtons({ type: 'COPY_CODE' }), ['missing-example']],
  ['two copy-code buttons', withButtons({ type: 'COPY_CODE', example: 'A1' }, { type: 'COPY_CODE', example: 'B2' }), ['too-many-copy-code-buttons']],
  ['body placeholders without examples', withComponents(body(BODY, null)), ['missing-example']],
  ['too few body examples', withComponents(body(BODY, { body_text: [['Ayşe']] })), ['missing-example']],
  ['header placeholder without example', withComponents({ type: 'HEADER', format: 'TEXT', text: 'Sipariş {{1}}' }, body()), ['missing-example']],
  ['document header without a media handle', withComponents({ type: 'HEADER', format: 'DOCUMENT' }, body()), ['missing-example']],
  ['gap in positional numbers', withComponents(body('Merhaba {{1}}, {{3}} numaralı siparişiniz yola çıktı, iyi günler.', { body_text: [['Ayşe', '-', '#1']] })), ['params-not-sequential']],
  ['header placeholder other than {{1}}', withComponents({ type: 'HEADER', format: 'TEXT', text: 'Sipariş {{2}}', example: { header_text: ['-', '#1'] } }, body()), ['params-not-sequential']],
  ['body starting with a placeholder', withComponents(body('{{1}}, siparişiniz {{2}} kargoya verildi, iyi günler.')), ['param-at-start-or-end']],
  ['body ending with a placeholder and a full stop', withComponents(body('Merhaba, siparişinizin kargo takip numarası {{1}}, teslim tarihi {{2}}.')), ['param-at-start-or-end']],
  ['adjacent placeholders', withComponents(body('Merhaba {{1}}{{2}}, siparişiniz bugün kargoya verildi.')), ['adjacent-params']],
  ['placeholders separated only by a space', withComponents(body('Merhaba {{1}} {{2}}, siparişiniz bugün kargoya verildi.')), ['adjacent-params']],
  ['too many placeholders for the length', withComponents(body('Hi {{1}}, gate {{2}}. Thank you.', { body_text: [['Pablo', 'B4']] })), ['too-many-params-for-length']],
  ['spaces inside braces', withComponents(body('Merhaba {{ 1 }}, siparişiniz bugün kargoya verildi.', null)), ['special-chars-in-placeholder']],
  ['# inside braces', withComponents(body('Merhaba {{#1}}, siparişiniz bugün kargoya verildi.', null)), ['special-chars-in-placeholder']],
  ['capitals and hyphen in a name', withComponents(body('Merhaba {{First-Name}}, siparişiniz bugün kargoya verildi.', null)), ['special-chars-in-placeholder']],
  ['unclosed braces', withComponents(body('Merhaba {{1}, siparişiniz bugün kargoya verildi.', null)), ['mismatched-braces']],
  ['named placeholders without parameter_format', withComponents(body('Merhaba {{first_name}}, siparişiniz bugün kargoya verildi.', { body_text_named_params: [{ param_name: 'first_name', example: 'Ayşe' }] })), ['mixed-parameter-formats']],
  ['NAMED declared, positional used', { ...valid, parameter_format: 'NAMED' }, ['mixed-parameter-formats']],
  [
    'positional header with a named body',
    {
      ...valid,
      parameter_format: 'NAMED',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Sipariş {{1}}', example: { header_text: ['#1'] } },
        body('Merhaba {{first_name}}, siparişiniz bugün kargoya verildi.', { body_text_named_params: [{ param_name: 'first_name', example: 'Ayşe' }] }),
      ],
    },
    ['mixed-parameter-formats'],
  ],
  ['two placeholders in the header', withComponents({ type: 'HEADER', format: 'TEXT', text: 'Sipariş {{1}} - {{2}}', example: { header_text: ['#1', 'x'] } }, body()), ['header-too-many-params']],
];

describe('lintTemplate: Meta\'s structural rules', () => {
  it.each(structural)('%s', (_label, draft, rules) => {
    expect(errors(draft)).toEqual(rules);
  });

  it('accepts the valid quick-reply groupings', () => {
    expect(errors(withButtons(quickReply('Evet'), quickReply('Hayır'), url()))).toEqual([]);
    expect(errors(withButtons(url(), { type: 'PHONE_NUMBER', text: 'Ara', phone_number: '+905551112233' }, quickReply('Evet'), quickReply('Hayır')))).toEqual([]);
  });

  it('counts characters, not UTF-16 units, and takes exactly the limits', () => {
    expect(errors(withComponents({ type: 'HEADER', format: 'TEXT', text: 'Ş'.repeat(60) }, body()))).toEqual([]);
    expect(errors(withButtons(quickReply('Ş'.repeat(25))))).toEqual([]);
    expect(errors(withButtons({ type: 'COPY_CODE', example: 'A'.repeat(15) }))).toEqual([]);
    expect(errors(withComponents(body(), { type: 'FOOTER', text: '😀'.repeat(60) }))).toEqual([]);
  });

  it('lets placeholders be separated by a word and end before more text', () => {
    expect(errors(withComponents(body('Merhaba {{1}} ve {{2}}, siparişiniz bugün kargoya verildi.')))).toEqual([]);
    expect(errors(withComponents(body('Hello {{1}}, your order {{2}} for {{3}} will be delivered by {{4}} today.', { body_text: [['A', 'B', 'C', 'D']] })))).toEqual([]);
  });

  it('points at the component and quotes the evidence', () => {
    const result = lintTemplate(withButtons(quickReply('Evet'), quickReply('Bildirimleri kapatmak istiyorum')));
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'button-label-too-long', component: 'BUTTONS[1]', evidence: 'Bildirimleri kapatmak istiyorum' }),
    ]);
    const braces = lintTemplate(withComponents(body('Merhaba {{ 1 }}, siparişiniz bugün kargoya verildi.', null)));
    expect(braces.findings.find((f) => f.rule === 'special-chars-in-placeholder')).toMatchObject({ component: 'BODY', evidence: '{{ 1 }}' });
  });

  it('lists errors before warnings', () => {
    const result = lintTemplate(withComponents(body('{{1}} indirim fırsatı sizi bekliyor, hemen alın!', { body_text: [['Ayşe']] })));
    const severities = result.findings.map((f) => f.severity);
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
    expect(result.category).toBe('MARKETING');
  });
});

describe('lintTemplate: warnings that are not refusals', () => {
  it.each([
    ['regional variant Köprü does not know', { ...valid, language: 'tr_CY' }, ['invalid-language']],
    ['variable in the footer', withComponents(body(), { type: 'FOOTER', text: 'Şube {{1}}' }), ['footer-has-variables']],
    ['emoji in a text header', withComponents({ type: 'HEADER', format: 'TEXT', text: 'Siparişiniz yolda 📦' }, body()), ['header-formatting']],
    ['line break in a text header', withComponents({ type: 'HEADER', format: 'TEXT', text: 'Sipariş\ngüncellemesi' }, body()), ['header-formatting']],
  ] as Array<[string, unknown, string[]]>)('%s', (_label, draft, rules) => {
    expect(errors(draft)).toEqual([]);
    expect(warnings(draft)).toEqual(rules);
  });
});

describe('lintTemplate: drafts that are not even the right shape', () => {
  it.each([null, undefined, 42, 'order_shipped', [], true])('%j yields a finding, not a throw', (input) => {
    expect(lintTemplate(input)).toEqual({
      category: 'UTILITY',
      findings: [expect.objectContaining({ severity: 'error', rule: 'invalid-shape' })],
    });
  });

  it('reports the exact field Meta would reject and keeps linting the rest', () => {
    const result = lintTemplate({
      name: 'Kargo Bildirimi',
      language: 'tr',
      category: 'UTILITY',
      components: [body(BODY, { body_text: ['Ayşe', '#12345'] }), { type: 'CAROUSEL', cards: [] }, { type: 'BUTTONS', buttons: [{ type: 'OTP' }] }],
    });
    const shape = result.findings.filter((f) => f.rule === 'invalid-shape');
    expect(shape.map((f) => f.component)).toEqual(['components[0]', 'components[0]', 'components[1]', 'components[2]']);
    expect(shape[0]?.message).toMatch(/^components\[0\]\.example\.body_text\[0\]: .*expected array/);
    expect(result.findings.map((f) => f.rule)).toContain('name-format');
  });

  it('reports missing fields', () => {
    expect(errors({ components: [body()] })).toEqual(['invalid-language', 'invalid-shape', 'name-format']);
    expect(errors({ name: 'x', language: 'tr', category: 'UTILITY' })).toEqual(['invalid-shape']);
  });

  it('never throws and always answers a valid LintResult', () => {
    const component = fc.record({
      type: fc.constantFrom('HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'body', 'other'),
      format: fc.constantFrom('TEXT', 'IMAGE', 'LOCATION', undefined),
      text: fc.oneof(fc.string(), fc.constantFrom('Merhaba {{1}}{{2}} {{ x }} %20 İNDİRİM!!! 🎉', '{{1}}', '')),
      buttons: fc.array(fc.record({ type: fc.constantFrom('QUICK_REPLY', 'URL', 'COPY_CODE', 'X'), text: fc.string(), url: fc.string() }), { maxLength: 12 }),
      example: fc.anything(),
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ name: fc.anything(), language: fc.string(), category: fc.string(), components: fc.array(component, { maxLength: 5 }) })), (input) => {
        expect(LintResult.safeParse(lintTemplate(input)).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
