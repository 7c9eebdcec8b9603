import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from '../../shared/schemas/template';
import type { Harness } from './helpers/harness';
import { startHarness, WABA } from './helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ reviewDelayMs: 60_000 });
});
afterAll(() => h.close());

const body = (text: string, ...example: string[]) => ({ type: 'BODY', text, example: { body_text: [example] } });
const ok = { type: 'BODY', text: 'Hello {{1}}, your order has shipped today.', example: { body_text: [['Ayşe']] } };
const draft = (components: unknown[], extra: Record<string, unknown> = {}) => ({
  name: 'order_note',
  language: 'en',
  category: 'UTILITY',
  components,
  ...extra,
});
const qr = (text: string) => ({ type: 'QUICK_REPLY', text });
const url = (u: string, example?: string[]) => ({ type: 'URL', text: 'Open', url: u, ...(example ? { example } : {}) });

type Row = [label: string, draft: unknown, code: number, subcode: number | undefined, msg: RegExp];
const BAD: Row[] = [
  ['missing name', { language: 'en', category: 'UTILITY', components: [ok] }, 100, undefined, /parameter name is required/],
  ['upper-case name', draft([ok], { name: 'Order_Note' }), 100, undefined, /lower-case letters, numbers and underscores/],
  ['name with a hyphen', draft([ok], { name: 'order-note' }), 100, undefined, /lower-case/],
  ['name longer than 512', draft([ok], { name: 'a'.repeat(513) }), 100, 2388040, /512/],
  ['unknown language', draft([ok], { language: 'xx_YY' }), 100, undefined, /not a supported template language/],
  ['unknown category', draft([ok], { category: 'PROMO' }), 100, undefined, /category must be one of/],
  ['no components', draft([]), 100, undefined, /parameter components is required/],
  ['no body', draft([{ type: 'FOOTER', text: 'Thanks' }]), 100, 2388072, /needs a BODY/],
  ['body over 1,024 chars', draft([body(`Hello ${'a'.repeat(1030)}`)]), 100, 2388040, /1,024/],
  ['header over 60 chars', draft([{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, ok]), 100, 2388040, /60 characters/],
  ['two header variables', draft([{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}} {{2}}', example: { header_text: ['1', '2'] } }, ok]), 100, 2388047, /at most 1 variable/],
  ['header variable without example', draft([{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' }, ok]), 100, 2388047, /example\.header_text/],
  ['image header without handle', draft([{ type: 'HEADER', format: 'IMAGE' }, ok]), 100, 2388047, /header_handle/],
  ['footer over 60 chars', draft([ok, { type: 'FOOTER', text: 'f'.repeat(61) }]), 100, 2388040, /60 characters/],
  ['footer with a variable', draft([ok, { type: 'FOOTER', text: 'Ref {{1}}' }]), 100, 2388073, /can’t contain variables/],
  ['body variables without examples', draft([{ type: 'BODY', text: 'Hi {{1}}, order {{2}} is on the way.' }]), 100, 2388072, /example\.body_text/],
  ['too few examples', draft([body('Hi {{1}}, order {{2}} is on the way.', 'Ayşe')]), 100, 2388072, /exactly 2/],
  ['variables not sequential', draft([body('Hi {{1}}, your order {{3}} is on the way.', 'a', 'b')]), 100, 2388072, /in order starting at \{\{1\}\}/],
  ['variables out of order', draft([body('Hi {{2}}, your order {{1}} is on the way.', 'a', 'b')]), 100, 2388072, /in order/],
  ['special characters in a placeholder', draft([body('Hi {{#name}}, your order is on the way.', 'a')]), 100, 2388072, /special characters/],
  ['named placeholder in a positional template', draft([body('Hi {{first_name}}, your order is on the way.', 'a')]), 100, 2388072, /POSITIONAL/],
  ['variable at the very start', draft([body('{{1}}, your order has shipped today.', 'Ayşe')]), 100, 2388299, /start or end/],
  ['variable at the very end', draft([body('Your order has shipped, {{1}}', 'Ayşe')]), 100, 2388299, /start or end/],
  ['adjacent variables', draft([body('Hello {{1}} {{2}}, your order has shipped today.', 'a', 'b')]), 100, 2388072, /next to each other/],
  ['too many variables for the length', draft([body('Hi {{1}}, {{2}}, {{3}}, {{4}} ok.', 'a', 'b', 'c', 'd')]), 100, 2388293, /only 2 words/],
  ['eleven buttons', draft([ok, { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, i) => qr(`Option ${i}`)) }]), 100, undefined, /at most 10 buttons/],
  ['quick replies split by a URL', draft([ok, { type: 'BUTTONS', buttons: [qr('Yes'), url('https://x.example.com'), qr('No')] }]), 100, undefined, /grouped together/],
  ['three URL buttons', draft([ok, { type: 'BUTTONS', buttons: [url('https://a.example.com'), url('https://b.example.com'), url('https://c.example.com')] }]), 100, undefined, /at most 2 URL/],
  ['URL variable not at the end', draft([ok, { type: 'BUTTONS', buttons: [url('https://x.example.com/{{1}}/track', ['a'])] }]), 100, undefined, /only at the end/],
  ['URL variable without example', draft([ok, { type: 'BUTTONS', buttons: [url('https://x.example.com/t/{{1}}')] }]), 100, undefined, /add an example/],
  ['button label over 25 chars', draft([ok, { type: 'BUTTONS', buttons: [qr('This label is far too long!')] }]), 100, 2388040, /25 characters/],
  ['two phone buttons', draft([ok, { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'A', phone_number: '+905551112233' }, { type: 'PHONE_NUMBER', text: 'B', phone_number: '+905551112234' }] }]), 100, undefined, /at most 1 phone/],
  ['copy code over 15 chars', draft([ok, { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'ABCDEFGHIJKLMNOP' }] }]), 100, 2388040, /15 characters/],
  ['two copy code buttons', draft([ok, { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'A1' }, { type: 'COPY_CODE', example: 'B2' }] }]), 100, undefined, /at most 1 copy code/],
  ['component of an unknown type', draft([ok, { type: 'CAROUSEL', cards: [] }]), 100, undefined, /components\[1\]/],
];

describe('POST /{waba}/message_templates — Meta’s creation checks', () => {
  it.each(BAD)('rejects %s', async (_label, d, code, subcode, msg) => {
    const res = await h.graph('POST', `/${WABA}/message_templates`, d);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.error_subcode).toBe(subcode);
    expect(res.body.error.message).toMatch(/^\(#100\) /);
    expect(`${res.body.error.message} ${res.body.error.error_user_msg ?? ''}`).toMatch(msg);
    expect(res.body.error.error_data.messaging_product).toBe('whatsapp');
  });

  it('accepts a valid draft with lower-case types and answers {id, status, category}', async () => {
    const res = await h.graph('POST', `/${WABA}/message_templates`, {
      name: 'parcel_arrived',
      language: 'tr',
      category: 'utility',
      components: [
        { type: 'header', format: 'text', text: 'Kargo {{1}}', example: { header_text: ['TRK1'] } },
        body('Merhaba {{1}}, {{2}} numaralı gönderiniz şubeye ulaştı.', 'Şükrü', 'TRK1'),
        { type: 'footer', text: 'Köprü Demo' },
        { type: 'buttons', buttons: [{ type: 'url', text: 'Takip', url: 'https://kargo.example.com/track/{{1}}', example: ['TRK1'] }, { type: 'quick_reply', text: 'Teşekkürler' }] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
    const got = await h.graph('GET', `/${res.body.id}`);
    expect(Template.parse(got.body)).toMatchObject({ status: 'PENDING', name: 'parcel_arrived' });
    expect(got.body.components.map((c: any) => c.type)).toEqual(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
    expect(got.body.components[0].format).toBe('TEXT');
    expect(got.body.components[3].buttons.map((b: any) => b.type)).toEqual(['URL', 'QUICK_REPLY']);
  });

  it('accepts a NAMED draft with examples in any order', async () => {
    const res = await h.graph('POST', `/${WABA}/message_templates`, {
      name: 'named_ok',
      language: 'en',
      category: 'UTILITY',
      parameter_format: 'named',
      components: [
        {
          type: 'BODY',
          text: 'Hi {{first_name}}, your order {{order_id}} has shipped.',
          example: { body_text_named_params: [{ param_name: 'order_id', example: '42' }, { param_name: 'first_name', example: 'Emma' }] },
        },
      ],
    });
    expect(res.status).toBe(200);
  });

  it('answers 2388024 for a duplicate name + language, but allows the same name in another language', async () => {
    const d = draft([ok], { name: 'dup_check' });
    expect((await h.graph('POST', `/${WABA}/message_templates`, d)).status).toBe(200);
    const again = await h.graph('POST', `/${WABA}/message_templates`, d);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    expect((await h.graph('POST', `/${WABA}/message_templates`, { ...d, language: 'en_US' })).status).toBe(200);
  });
});
