import { describe, expect, it } from 'vitest';
import { normalizeRecipient } from '../../server/sandbox/graph/recipient';
import { isPromotional, judgeTemplate } from '../../server/sandbox/graph/template-review';
import type { TemplateComponent } from '../../shared/schemas/template';

const bodyOnly = (text: string): TemplateComponent[] => [{ type: 'BODY', text }];

describe('promotional wording (TR + EN)', () => {
  it.each([
    'Tüm ürünlerde İNDİRİM başladı',
    'Kampanyamızı kaçırmayın',
    'Bu fırsatı değerlendirin',
    'Kuponunuz hazır',
    'HEMEN AL, stoklar sınırlı',
    'Get 20% off today',
    '%30 indirimle',
    'Our summer SALE is on',
    'A special offer for you',
    'Buy now and save',
    'Use this discount code',
    'Exclusive deals for members',
  ])('flags %j', (text) => expect(isPromotional(text)).toBe(true));

  it.each([
    'Siparişiniz kargoya verildi',
    'Your order has shipped',
    'Randevunuz yarın saat 10:30',
    'Payment of $42.50 is due on May 20',
    'Wholesale orders ship on Mondays',
    'KDV oranı %18 olarak uygulanmıştır',
    'Salı günü teslim edilecek',
  ])('does not flag %j', (text) => expect(isPromotional(text)).toBe(false));
});

describe('judgeTemplate', () => {
  it.each([
    ['UTILITY', 'Merhaba {{1}}, siparişiniz yolda.', { status: 'APPROVED', category: 'UTILITY', reason: 'NONE' }],
    ['UTILITY', 'Merhaba {{1}}, sepette %20 indirim sizi bekliyor.', { status: 'APPROVED', category: 'MARKETING', reason: 'NONE' }],
    ['MARKETING', 'Hi {{1}}, shop now for our spring sale.', { status: 'APPROVED', category: 'MARKETING', reason: 'NONE' }],
    ['UTILITY', 'Tebrikler {{1}}, piyango ikramiyesi kazandınız!', { status: 'REJECTED', reason: 'SCAM' }],
    ['UTILITY', 'Hi {{1}}, reply with your password to keep your account.', { status: 'REJECTED', reason: 'SCAM' }],
    ['UTILITY', 'Hi {{1}}, you stupid customer, pay now.', { status: 'REJECTED', reason: 'ABUSIVE_CONTENT' }],
    ['MARKETING', 'Your verification code is {{1}}. Thanks.', { status: 'REJECTED', reason: 'INCORRECT_CATEGORY' }],
    ['AUTHENTICATION', 'Kodunuz {{1}}. Bugün %50 indirim!', { status: 'REJECTED', reason: 'PROMOTIONAL' }],
    ['UTILITY', 'Merhaba {{1}, siparişiniz yolda.', { status: 'REJECTED', reason: 'INVALID_FORMAT' }],
    ['UTILITY', `Merhaba {{1}}, ${'🎉'.repeat(11)} siparişiniz yolda.`, { status: 'REJECTED', reason: 'INVALID_FORMAT' }],
  ] as const)('%s %j → %j', (category, text, expected) => {
    expect(judgeTemplate({ category, components: bodyOnly(text) })).toMatchObject(expected);
  });

  it('reads buttons and headers too', () => {
    const components: TemplateComponent[] = [
      { type: 'BODY', text: 'Merhaba {{1}}, siparişiniz yolda.' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Hemen al', url: 'https://shop.example.com' }] },
    ];
    expect(judgeTemplate({ category: 'UTILITY', components }).category).toBe('MARKETING');
  });
});

describe('normalizeRecipient', () => {
  it.each([
    ['+90 (532) 111-22-33', '905321112233'],
    ['905321112233', '905321112233'],
    ['0532 111 22 33', '905321112233'],
    ['0044 7700 900123', '447700900123'],
    ['+1 650-555-1234', '16505551234'],
    ['+55 11 98765-4321', '551187654321'],
    ['+55 11 3456-7890', '551134567890'],
    ['+52 55 1234 5678', '5215512345678'],
    ['+52 1 55 1234 5678', '5215512345678'],
  ])('%s → %s', (input, waId) => expect(normalizeRecipient(input, '90')).toBe(waId));

  it.each(['', 'abc', '+90 532', '+1234567890123456', '0', '90-532-abc'])('rejects %j', (input) => {
    expect(normalizeRecipient(input, '90')).toBeUndefined();
  });
});
