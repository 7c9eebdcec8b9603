import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../shared/templates/lint-template';
import { words } from '../../../shared/templates/lint-text';

/**
 * A structurally valid UTILITY draft around `body`, with an example for every positional
 * placeholder, so only the wording check speaks.
 */
function draft(body: string, options: { language?: string; examples?: string[]; buttons?: unknown[]; footer?: string } = {}) {
  const count = new Set(body.match(/\{\{\d+\}\}/g) ?? []).size;
  const examples = options.examples ?? Array.from({ length: count }, (_, i) => `Örnek${i + 1}`);
  return {
    name: 'wording_case',
    language: options.language ?? 'tr',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: body, ...(count > 0 ? { example: { body_text: [examples] } } : {}) },
      ...(options.footer ? [{ type: 'FOOTER', text: options.footer }] : []),
      ...(options.buttons ? [{ type: 'BUTTONS', buttons: options.buttons }] : []),
    ],
  };
}

const ruleIds = (result: ReturnType<typeof lintTemplate>) => [...new Set(result.findings.map((f) => f.rule))].sort();

type Case = [wording: string, category: 'UTILITY' | 'MARKETING', rules: string[]];

const turkish: Case[] = [
  // Genuine utility.
  ['Merhaba {{1}}, {{2}} numaralı siparişiniz kargoya verildi. Kargo takip numaranız: {{3}}. Teşekkür ederiz.', 'UTILITY', []],
  ['Sayın {{1}}, {{2}} tarihli randevunuz onaylandı. Değişiklik için bu mesajı yanıtlayabilirsiniz.', 'UTILITY', []],
  ['Sayın {{1}}, {{2}} TL tutarındaki ödemeniz alınamadı. Lütfen kart bilgilerinizi kontrol edin.', 'UTILITY', []],
  ['Hesabınıza yeni bir cihazdan giriş yapıldı. Bu siz değilseniz şifrenizi hemen yenileyin ve bizi arayın.', 'UTILITY', []],
  ['Merhaba {{1}}, {{2}} numaralı destek talebiniz çözüldü. İlk fırsatta size tekrar ulaşacağız.', 'UTILITY', []],
  ['Merhaba {{1}}, siparişiniz hediye paketi ile hazırlandı ve yarın teslim edilecek.', 'UTILITY', []],
  ['Merhaba {{1}}, yarınki kampüs turu randevunuzu kaçırmayın: saat {{2}}, B kapısı.', 'UTILITY', []],
  ['Merhaba {{1}}, {{2}} numaralı siparişinizle ilgili kısa anketimize katılır mısınız? Görüşleriniz bizim için önemli.', 'UTILITY', []],
  ['Faturanız hazır: KDV %20 dahil toplam {{1}} TL. Son ödeme tarihi {{2}} olarak belirlenmiştir.', 'UTILITY', []],
  ['Aboneliğiniz {{1}} tarihinde yenilendi ve kartınızdan {{2}} TL tahsil edildi.', 'UTILITY', []],
  // Marketing.
  ['Merhaba {{1}}, sepetinizde ürünler unuttunuz! Stoklar tükenmeden siparişinizi tamamlayın.', 'MARKETING', ['call-to-buy', 're-engagement']],
  ['Yaz kampanyamız başladı! Tüm ürünlerde %30 indirim sizi bekliyor, hemen alın.', 'MARKETING', ['call-to-buy', 'no-transaction-reference', 'promo-discount']],
  ['Sizi özledik {{1}}! Size özel indirimli fiyatlarla geri dönün.', 'MARKETING', ['no-transaction-reference', 'promo-discount', 're-engagement']],
  ['Doğum gününüz kutlu olsun {{1}}! Bu ay size özel bir hediyemiz var.', 'MARKETING', ['greeting', 'no-transaction-reference', 'promo-discount']],
  ['Üyeliğinizin süresi {{1}} tarihinde doluyor. Avantajlarınızı kaybetmemek için üyeliğinizi hemen yenileyin.', 'MARKETING', ['promo-discount', 'renewal-ask']],
  ['HARİKA HABER!!! Yeni sezon ürünleri mağazalarımızda 🎉', 'MARKETING', ['excitement', 'no-transaction-reference', 'promo-discount']],
  ['Uygulamamızı indirin, siparişlerinizi tek dokunuşla takip edin.', 'MARKETING', ['app-promotion']],
  ['Hizmetimizden memnun kaldınız mı? Kısa anketimize katılarak bize yardımcı olun.', 'MARKETING', ['generic-survey', 'no-transaction-reference']],
  ['Aramıza hoş geldiniz {{1}}! Mağazamızı keşfetmeye başlayın.', 'MARKETING', ['greeting', 'no-transaction-reference']],
  ['İNDİRİM FIRSATI: {{1}} numaralı siparişinize özel kupon kodunuz hazır.', 'MARKETING', ['excitement', 'promo-discount']],
  ['ındırım kodunuz {{1}} numaralı siparişinizde geçerlidir, iyi alışverişler.', 'MARKETING', ['promo-discount']],
];

const english: Case[] = [
  // Genuine utility.
  ['Hi {{1}}, your order {{2}} has shipped and should arrive by {{3}}. Track it with the button below.', 'UTILITY', []],
  ['Reminder: your appointment with Dr. {{1}} is on {{2}} at {{3}}. Reply 1 to confirm or 2 to reschedule.', 'UTILITY', []],
  ['We could not process your payment of {{1}} for invoice {{2}}. Please update your card details to avoid interruption.', 'UTILITY', []],
  ['A new sign-in to your account was detected from {{1}}. If this was not you, reset your password now.', 'UTILITY', []],
  ['Your support ticket {{1}} was closed. Thanks for contacting us. How did we do? Reply with a number from 1 to 5.', 'UTILITY', []],
  ['Hi {{1}}, your subscription renewed on {{2}} and {{3}} was charged to your card ending {{4}}. Thank you.', 'UTILITY', []],
  ['The services offered by our clinic on {{1}} will be unavailable due to maintenance. Your booking is not affected.', 'UTILITY', []],
  ['Hi {{1}}, your appointment is on {{2}}. Please don\'t miss your appointment; reply to reschedule.', 'UTILITY', []],
  ['Your order {{1}} is on its way! We hope you enjoy it!', 'UTILITY', []],
  ['We will deal with your refund request {{1}} within 3 business days.', 'UTILITY', []],
  // Utility intent, but no transaction named: a warning that does not flip the category on its own.
  ['In order to serve you better, we have updated our opening hours.', 'UTILITY', ['no-transaction-reference']],
  // Marketing.
  ['Hi {{1}}, you left something in your cart! Complete your purchase today and get free shipping.', 'MARKETING', ['re-engagement']],
  ['Big summer SALE! Get 50% off everything this weekend only. Shop now!', 'MARKETING', ['call-to-buy', 'no-transaction-reference', 'promo-discount']],
  ['We miss you, {{1}}! Come back and enjoy an exclusive 15% discount on your next order.', 'MARKETING', ['excitement', 'promo-discount', 're-engagement']],
  ['Your order {{1}} has shipped! Don\'t miss our Black Friday deals: use coupon SAVE20 at checkout.', 'MARKETING', ['call-to-buy', 'promo-discount']],
  ['Your subscription expires on {{1}}. Renew now to keep your premium benefits.', 'MARKETING', ['renewal-ask']],
  ['Happy birthday, {{1}}! We hope you have an amazing day.', 'MARKETING', ['excitement', 'greeting', 'no-transaction-reference']],
  ['Get the app to track your orders faster: download our app from the App Store.', 'MARKETING', ['app-promotion']],
  ['Tell us what you think! Take our 2-minute survey about your shopping experience.', 'MARKETING', ['generic-survey', 'no-transaction-reference']],
  ['Welcome to Acme, {{1}}! Discover our best sellers and enjoy exclusive member offers.', 'MARKETING', ['call-to-buy', 'excitement', 'greeting', 'no-transaction-reference', 'promo-discount']],
  ['AMAZING NEWS!!! Our store is now open on Sundays 🎉', 'MARKETING', ['excitement', 'no-transaction-reference']],
  ['Thanks for your order {{1}}. Buy one get one free on all accessories until Sunday.', 'MARKETING', ['promo-discount']],
];

describe('utility wording: Turkish', () => {
  it.each(turkish)('%s → %s', (wording, category, rules) => {
    const result = lintTemplate(draft(wording));
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect({ category: result.category, rules: ruleIds(result) }).toEqual({ category, rules: [...rules].sort() });
  });
});

describe('utility wording: English', () => {
  it.each(english)('%s → %s', (wording, category, rules) => {
    const result = lintTemplate(draft(wording, { language: 'en' }));
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect({ category: result.category, rules: ruleIds(result) }).toEqual({ category, rules: [...rules].sort() });
  });
});

/** Words that look promotional but are not, and borderline wordings that only earn a hint. */
const falseFriends: Case[] = [
  ['Satın aldığınız ürün kargoya verildi, teslimat yarın.', 'UTILITY', []],
  ['Satın alma işleminiz tamamlandı, teşekkür ederiz.', 'UTILITY', []],
  ['Fırsatınız olursa başvuru formunu doldurabilirsiniz.', 'UTILITY', []],
  ['Sayfayı yenileyin ve talebinizi tekrar gönderin.', 'UTILITY', []],
  ['Hoş geldiniz! Hesabınız oluşturuldu, giriş yapabilirsiniz.', 'UTILITY', ['greeting']],
  ['ÖNEMLİ UYARI: Hesabınızda şüpheli işlem tespit edildi.', 'UTILITY', ['excitement']],
  ['We can offer you a replacement for your order.', 'UTILITY', []],
  ["Thanks for your message. You're welcome to reply with your order number.", 'UTILITY', []],
  ['Point of sale receipt for your purchase is attached.', 'UTILITY', []],
  ['Congratulations! Your loan application has been approved.', 'UTILITY', ['greeting']],
  ['Track your parcel in our app or on the website.', 'UTILITY', []],
  ['Bilgilendirme: Yarın şubemiz kapalı olacaktır!!!', 'MARKETING', ['excitement', 'no-transaction-reference']],
];

describe('utility wording: false friends and hints', () => {
  it.each(falseFriends)('%s → %s', (wording, category, rules) => {
    const result = lintTemplate(draft(wording));
    expect({ category: result.category, rules: ruleIds(result) }).toEqual({ category, rules: [...rules].sort() });
  });
});

describe('utility wording: findings explain themselves', () => {
  it('quotes the words as written and gives the reason', () => {
    const result = lintTemplate(draft('Merhaba {{1}}, {{2}} numaralı siparişiniz için %20 İNDİRİMLİ kampanyamızı kaçırmayın.'));
    const promo = result.findings.filter((f) => f.rule === 'promo-discount');
    expect(promo.map((f) => f.evidence)).toEqual(expect.arrayContaining(['İNDİRİMLİ', 'kampanyamızı', '%20']));
    expect(promo.every((f) => f.component === 'BODY' && f.severity === 'warning' && /MARKETING/.test(f.message))).toBe(true);
    expect(result.findings.find((f) => f.rule === 'call-to-buy')?.evidence).toBe('kaçırmayın');
  });

  it('matches whole-word stems, not substrings of unrelated words', () => {
    const result = lintTemplate(draft('Merhaba {{1}}, kampüs kartınız {{2}} numaralı başvurunuz için hazır; dealer ve Saleh Bey bilgilendirildi.'));
    expect(result).toEqual({ category: 'UTILITY', findings: [] });
  });

  it('names the button a promotional label or link sits on', () => {
    const body = 'Merhaba {{1}}, {{2}} numaralı siparişiniz teslim edildi.';
    const link = lintTemplate(draft(body, { buttons: [{ type: 'URL', text: 'Siparişi gör', url: 'https://shop.example.com/kampanyalar/yaz' }] }));
    expect(link.category).toBe('MARKETING');
    expect(link.findings).toEqual([expect.objectContaining({ rule: 'promo-discount', component: 'BUTTONS[0]', evidence: 'kampanyalar' })]);

    const label = lintTemplate(draft(body, { buttons: [{ type: 'QUICK_REPLY', text: 'Tamam' }, { type: 'QUICK_REPLY', text: 'Shop now' }] }));
    expect(label.findings).toEqual([expect.objectContaining({ rule: 'call-to-buy', component: 'BUTTONS[1]', evidence: 'Shop now' })]);

    // A shop's own domain is not a promotion; only the path says what the link is for.
    const tracking = lintTemplate(draft(body, { buttons: [{ type: 'URL', text: 'Takip et', url: 'https://shop.example.com/orders/{{1}}', example: ['A1'] }] }));
    expect(tracking).toEqual({ category: 'UTILITY', findings: [] });
  });

  it('lets a variable carry the transaction reference', () => {
    // "{{1}}" followed by "TL" holds an amount; nothing else in the text names a transaction.
    expect(ruleIds(lintTemplate(draft('Merhaba, {{1}} TL tutarındaki iadeniz bugün yapıldı.')))).toEqual([]);
    expect(ruleIds(lintTemplate(draft('Bilgilendirme: {{1}} yarın kapalı olacaktır.', { examples: ['Kadıköy şubemiz'] })))).toEqual(['no-transaction-reference']);
  });

  it('treats a bare percentage as a hint and a tax rate as a fact', () => {
    const bare = lintTemplate(draft('Merhaba {{1}}, {{2}} numaralı siparişinizde %15 fark uygulanacaktır.'));
    expect(bare.category).toBe('UTILITY');
    expect(bare.findings).toEqual([expect.objectContaining({ rule: 'promo-discount', evidence: '%15', message: expect.stringContaining('hint') })]);
    expect(lintTemplate(draft('Your invoice {{1}} includes 20% VAT and is due on {{2}} as agreed.', { language: 'en' })).findings).toEqual([]);
  });

  it('keeps a MARKETING draft MARKETING whatever its wording', () => {
    const result = lintTemplate({ ...draft('Merhaba {{1}}, {{2}} numaralı siparişiniz kargoya verildi.'), category: 'MARKETING' });
    expect(result.category).toBe('MARKETING');
  });
});

describe('Turkish folding', () => {
  it.each([
    ['İNDİRİM', 'indirim'],
    ['INDIRIM', 'indirim'],
    ['ındırım', 'indirim'],
    ['Kampanyamız', 'kampanyamiz'],
    ['FIRSATI', 'firsati'],
    ['Sepetinizdeki', 'sepetinizdeki'],
    ["Don’t", "don't"],
  ])('%s folds to %s', (text, folded) => {
    expect(words(text).map((w) => w.folded)).toEqual([folded]);
  });

  it('keeps each word\'s place in the original text', () => {
    const text = 'Siparişiniz {{1}} İNDİRİMLİ';
    expect(words(text).map((w) => text.slice(w.start, w.end))).toEqual(['Siparişiniz', '{{1}}', 'İNDİRİMLİ']);
  });
});
