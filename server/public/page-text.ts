/**
 * The public pages' words in Turkish and English, and how a page picks its language: `?lang=`
 * first, then the browser's Accept-Language (by preference weight), then the server's region.
 * @module
 */
import type { Language } from '../core/keywords';

export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined, fallback: Language): Language {
  if (query === 'tr' || query === 'en') return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (r.base === 'tr' || r.base === 'en') return r.base;
  return fallback;
}

export const TEXT = {
  tr: {
    switchTo: 'English',
    optinTitle: 'WhatsApp bildirimleri',
    optinHeading: (b: string) => `${b} bilgilendirmelerini WhatsApp'tan alın`,
    optinIntro: 'Telefon numaranızı yazın; kaydınızı onaylamanız için size WhatsApp\'tan bir mesaj göndereceğiz.',
    phoneLabel: 'Cep telefonunuz (WhatsApp)',
    phoneHint: 'Örnek: 0532 123 45 67',
    nameLabel: 'Adınız',
    optional: '(isteğe bağlı)',
    topicsLegend: 'Hangi konularda mesaj almak istersiniz?',
    consentLegend: 'Onayınız',
    submit: 'Onay mesajı gönder',
    honeypot: 'Bu alanı boş bırakın',
    privacy: 'Numaranızı yalnızca bu bildirimler için kullanırız. Onay mesajını yanıtlamazsanız kayıt yapılmaz.',
    errorsTitle: 'Lütfen şunları düzeltin:',
    consentRequired: 'Devam etmek için onay kutusunu işaretleyin.',
    topicsRequired: 'En az bir konu seçin.',
    phoneInvalid: 'Bu telefon numarası geçerli görünmüyor.',
    sentHeading: 'WhatsApp\'ınızı kontrol edin',
    sentBody: (phone: string, b: string) =>
      `${phone} numarasında WhatsApp varsa, ${b} size birazdan bir onay mesajı gönderecek. Kaydınızı tamamlamak için mesajı EVET diye yanıtlayın.`,
    sentFallback: 'Mesaj gelmezse bize WhatsApp\'tan BAŞLA yazabilirsiniz:',
    sentFallbackLink: 'WhatsApp\'ta yaz',
    expiredForm: 'Bu formun süresi doldu ya da form zaten gönderildi. Lütfen sayfayı yenileyip tekrar deneyin.',
    reload: 'Formu yeniden aç',
    tooMany: 'Kısa sürede çok fazla deneme yapıldı. Lütfen birkaç dakika sonra tekrar deneyin.',
    notFound: 'Bu sayfa bulunamadı. Bağlantıyı kontrol edin.',
    prefsTitle: 'Bildirim tercihleri',
    prefsHeading: 'WhatsApp bildirim tercihleriniz',
    prefsIntro: (b: string, phone: string) => `${b}, ${phone} numarasına WhatsApp'tan hangi konularda mesaj göndersin?`,
    prefsNowOff: 'Şu anda size WhatsApp\'tan mesaj göndermiyoruz. Konu seçip kaydederseniz yeniden başlarız.',
    prefsLegend: 'Almak istediğiniz mesajlar',
    prefsSave: 'Tercihleri kaydet',
    prefsStopAll: 'Tüm mesajları durdur',
    prefsStopHint: 'Ya da hiçbir mesaj almak istemiyorsanız:',
    prefsSaved: 'Tercihleriniz kaydedildi.',
    prefsNoChange: 'Bir değişiklik yapmadınız; tercihleriniz aynı kaldı.',
    prefsYouGet: 'Alacağınız mesajlar:',
    prefsStopped: 'Tamam, size artık WhatsApp\'tan mesaj göndermeyeceğiz. Fikrinizi değiştirirseniz bize BAŞLA yazabilirsiniz.',
    prefsExpired: 'Bu bağlantının süresi dolmuş ya da bağlantı geçersiz. Yeni bir bağlantı için bize WhatsApp\'tan AYARLAR yazın.',
    prefsAgain: 'Tercihleri yeniden düzenle',
    cardHeading: 'Bilgilendirmeleri WhatsApp\'tan alın',
    cardScan: 'Telefonunuzun kamerasıyla okutun ve açılan mesajı gönderin.',
    cardOrCode: (number: string) => `ya da ${number} numarasına WhatsApp'tan şu kodu yazın:`,
    cardTopics: 'Alacağınız mesajlar:',
    cardAgree: 'Mesajı göndererek şunu kabul edersiniz:',
    cardStop: 'İstediğiniz zaman DUR yazarak durdurabilir, AYARLAR yazarak konuları değiştirebilirsiniz.',
  },
  en: {
    switchTo: 'Türkçe',
    optinTitle: 'WhatsApp updates',
    optinHeading: (b: string) => `Get ${b} updates on WhatsApp`,
    optinIntro: 'Enter your number and we\'ll send you a WhatsApp message to confirm it\'s you.',
    phoneLabel: 'Your mobile number (WhatsApp)',
    phoneHint: 'Include the country code, e.g. +44 7911 123456',
    nameLabel: 'Your first name',
    optional: '(optional)',
    topicsLegend: 'What would you like to hear about?',
    consentLegend: 'Your consent',
    submit: 'Send me the confirmation',
    honeypot: 'Leave this field empty',
    privacy: 'We use your number only for these messages. Nothing is set up unless you answer the confirmation message.',
    errorsTitle: 'Please fix the following:',
    consentRequired: 'Tick the consent box to continue.',
    topicsRequired: 'Choose at least one topic.',
    phoneInvalid: 'This phone number does not look right.',
    sentHeading: 'Check your WhatsApp',
    sentBody: (phone: string, b: string) => `If ${phone} has WhatsApp, ${b} is sending you a confirmation message. Reply YES to it to finish signing up.`,
    sentFallback: 'No message? Write START to us on WhatsApp:',
    sentFallbackLink: 'Write on WhatsApp',
    expiredForm: 'This form has expired or was already sent. Please reload the page and try again.',
    reload: 'Open the form again',
    tooMany: 'Too many attempts in a short time. Please try again in a few minutes.',
    notFound: 'This page does not exist. Please check the link.',
    prefsTitle: 'Message preferences',
    prefsHeading: 'Your WhatsApp message preferences',
    prefsIntro: (b: string, phone: string) => `Which WhatsApp messages should ${b} send to ${phone}?`,
    prefsNowOff: 'We are not sending you WhatsApp messages at the moment. Choose topics and save to start again.',
    prefsLegend: 'Messages you want',
    prefsSave: 'Save preferences',
    prefsStopAll: 'Stop all messages',
    prefsStopHint: 'Or, if you want no messages at all:',
    prefsSaved: 'Your preferences are saved.',
    prefsNoChange: 'You made no changes; your preferences stay as they were.',
    prefsYouGet: 'You will get:',
    prefsStopped: 'Done: we won\'t send you WhatsApp messages anymore. Write START to us if you change your mind.',
    prefsExpired: 'This link has expired or is not valid. Write SETTINGS to us on WhatsApp for a new one.',
    prefsAgain: 'Change preferences again',
    cardHeading: 'Get updates on WhatsApp',
    cardScan: 'Scan with your phone\'s camera and send the message that opens.',
    cardOrCode: (number: string) => `or send this code to ${number} on WhatsApp:`,
    cardTopics: 'You will get:',
    cardAgree: 'By sending the message you agree:',
    cardStop: 'Reply STOP at any time to stop, or SETTINGS to choose topics.',
  },
} as const;

export type PageText = (typeof TEXT)[Language];

/** +905321234567 → "+90 532 **** 67": enough for the customer to recognise, not enough to leak. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 8) return e164;
  const cc = e164.startsWith('+1') || e164.startsWith('+7') ? 1 : 2;
  return `+${digits.slice(0, cc)} ${digits.slice(cc, cc + 3)} ${'*'.repeat(digits.length - cc - 5)} ${digits.slice(-2)}`;
}
