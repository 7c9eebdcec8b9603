/**
 * What makes Meta treat a template as marketing (reference §6.3), as word patterns in Turkish and
 * English. Patterns match folded words (see `lint-text.ts`): `indirim\w*` matches `İndirimli`,
 * while `kampüs` never matches `kampanya\w*` because whole words are compared, not substrings.
 *
 * Strength:
 * - `strong`: Meta categorises the message as MARKETING on this alone ("even one line" of promo).
 * - `weak`: worth a warning, not decisive on its own (`harika`, many `!`, a bare percentage).
 * - `ifTransactional` lowers a signal when the message refers to an order, payment, appointment…
 *   Meta allows surveys tied to a transaction; a welcome that confirms an account is borderline.
 *
 * `unlessBefore`/`unlessAfter` hold the known false friends: "ilk fırsatta" (at the first
 * opportunity), "hediye paketi" (gift wrap), "deal with", "point of sale", "randevunuzu
 * kaçırmayın" (don't miss your appointment), "şifrenizi yenilemek için" (to reset your password).
 *
 * @module
 */

export type WordingRule =
  | 'promo-discount'
  | 'call-to-buy'
  | 'excitement'
  | 're-engagement'
  | 'renewal-ask'
  | 'app-promotion'
  | 'greeting'
  | 'generic-survey'
  | 'no-transaction-reference';

export type Strength = 'strong' | 'weak';

export type Signal = {
  rule: WordingRule;
  strength: Strength;
  /** Consecutive folded words, each a regex source matched against a whole word. */
  words: readonly string[];
  /** Tested against the (up to) two folded words before the match. */
  unlessBefore?: RegExp;
  /** Tested against the (up to) three folded words after the match. */
  unlessAfter?: RegExp;
  /** What happens to this signal when the message refers to a transaction. */
  ifTransactional?: 'weak' | 'ignore';
};

/** Why each rule matters, quoted in the finding's message. */
export const RULE_REASONS: Record<WordingRule, string> = {
  'promo-discount': 'discounts, offers, coupons, gifts and campaigns are promotional; Meta categorises any template containing them as MARKETING, even when the rest is about an order',
  'call-to-buy': 'a call to buy or shop is promotional; Meta categorises such templates as MARKETING',
  excitement: 'excited, salesy tone (exclamation marks, capitals, party emoji, superlatives) reads as promotion; without a concrete transaction it tips the template to MARKETING',
  're-engagement': 'abandoned-cart reminders and "we miss you" messages are re-engagement, which Meta counts as MARKETING even if the customer asked for them',
  'renewal-ask': 'asking the customer to renew or upgrade is an upsell; Meta counts it as MARKETING (a renewal *confirmation* or billing notice is fine)',
  'app-promotion': 'promoting an app is MARKETING for Meta',
  greeting: 'welcome, birthday, holiday and relationship messages are MARKETING for Meta unless they confirm something the customer did',
  'generic-survey': 'a survey not tied to a specific order, ticket or appointment is MARKETING for Meta; surveys about a named transaction are utility',
  'no-transaction-reference': 'utility templates must be about something specific to the customer (an order, payment, appointment, account or ticket); the template mentions none, so Meta is likely to see it as general news',
};

const TRANSACTION_NOUNS = /(randevu|toplanti|teslimat|kargo|odeme|ucus|rezervasyon|tarih|saat|siparis)\w*$/;
const APPOINTMENT_OBJECTS = /^(your|the) (appointment|delivery|flight|booking|reservation|payment|deadline|meeting|call|visit|pickup|pick up)/;

export const SIGNALS: readonly Signal[] = [
  // Discounts, offers, promotions.
  { rule: 'promo-discount', strength: 'strong', words: ['indirim\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['kampanya\\w*'] },
  // "ilk fırsatta" (at the first opportunity), "fırsatınız olursa" (if you get the chance) are not offers.
  {
    rule: 'promo-discount',
    strength: 'strong',
    words: ['firsat\\w*'],
    unlessBefore: /(^|\s)(ilk|en kisa|kisa|uygun bir|uygun)$/,
    unlessAfter: /^(olursa|oldugunda|olunca|bulursaniz|bulunca|buldugunuzda|varsa)\b/,
  },
  { rule: 'promo-discount', strength: 'strong', words: ['kupon\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['hediye\\w*'], unlessAfter: /^(paket|kart)/ },
  { rule: 'promo-discount', strength: 'strong', words: ['promosyon\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['bedava'] },
  { rule: 'promo-discount', strength: 'strong', words: ['avantaj\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['cekilis\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['ozel', 'fiyat\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['yeni', '(koleksiyon|sezon)\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['sinirli', '(sayida|stok\\w*|sure\\w*)'] },
  { rule: 'promo-discount', strength: 'strong', words: ['discount\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['offers?'], unlessBefore: /(^|\s)(can|could|would|to|will|may|happy to)$/ },
  { rule: 'promo-discount', strength: 'strong', words: ['sale'], unlessBefore: /(^|\s)(of|for)$/ },
  { rule: 'promo-discount', strength: 'strong', words: ['deals?'], unlessAfter: /^with\b/ },
  { rule: 'promo-discount', strength: 'strong', words: ['coupons?'] },
  { rule: 'promo-discount', strength: 'strong', words: ['promo\\w*'] },
  { rule: 'promo-discount', strength: 'strong', words: ['cashback'] },
  { rule: 'promo-discount', strength: 'strong', words: ['clearance'] },
  { rule: 'promo-discount', strength: 'strong', words: ['bogo'] },
  { rule: 'promo-discount', strength: 'strong', words: ['free', '(gifts?|trial|samples?)'] },
  { rule: 'promo-discount', strength: 'strong', words: ['buy', '(one|1)', 'get'] },
  { rule: 'promo-discount', strength: 'strong', words: ['(black|cyber)', '(friday|monday)'] },
  { rule: 'promo-discount', strength: 'strong', words: ['limited', '(time|offer|stock|edition)'] },
  { rule: 'promo-discount', strength: 'strong', words: ['special', '(price|prices|pricing)'] },
  { rule: 'promo-discount', strength: 'strong', words: ['new', '(collection|arrivals)'] },
  { rule: 'promo-discount', strength: 'strong', words: ['save', '(up|big|\\d+\\w*)'] },
  { rule: 'promo-discount', strength: 'weak', words: ['vouchers?'] },

  // Calls to buy.
  { rule: 'call-to-buy', strength: 'strong', words: ['hemen', '(al|alin|satin|kesfet\\w*|yararlan\\w*)'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['hemen', 'siparis', 'ver\\w*'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['satin', '(al|alin|alabilir\\w*|almak|almayi)'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['sepet(e|ine|inize)', 'ekle\\w*'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['alisverise', '(basla\\w*|devam\\w*)'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['kacirma\\w*'], unlessBefore: TRANSACTION_NOUNS },
  { rule: 'call-to-buy', strength: 'strong', words: ['(kacirilmaz|kacirilmayacak)\\w*'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['acele', '(edin|et)'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['stoklar', 'tukenmeden'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['(shop|buy|order)', '(now|today)'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['shop', '(the|our)'] },
  { rule: 'call-to-buy', strength: 'strong', words: ["(don't|dont)", 'miss'], unlessAfter: APPOINTMENT_OBJECTS },
  { rule: 'call-to-buy', strength: 'strong', words: ['do', 'not', 'miss'], unlessAfter: APPOINTMENT_OBJECTS },
  { rule: 'call-to-buy', strength: 'strong', words: ['add', 'to', '(cart|basket|bag)'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['(grab|get)', 'yours'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['hurry'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['check', 'out', 'our'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['discover', 'our'] },
  { rule: 'call-to-buy', strength: 'strong', words: ['while', '(stocks|supplies)', 'last'] },

  // Re-engagement and abandoned carts.
  { rule: 're-engagement', strength: 'strong', words: ['sepetin\\w*'] },
  { rule: 're-engagement', strength: 'strong', words: ['ozledik'] },
  { rule: 're-engagement', strength: 'strong', words: ['uzun', 'zaman\\w*', '(gorus\\w*|gorem\\w*|ugrama\\w*)'] },
  { rule: 're-engagement', strength: 'strong', words: ['alisverisin\\w*', 'tamamla\\w*'] },
  { rule: 're-engagement', strength: 'strong', words: ['(in|to)', 'your', '(cart|basket)'] },
  { rule: 're-engagement', strength: 'strong', words: ['(cart|basket)', '(reminder|abandon\\w*)'] },
  { rule: 're-engagement', strength: 'strong', words: ['miss', 'you'] },
  { rule: 're-engagement', strength: 'strong', words: ["it's", 'been', 'a', 'while'] },
  { rule: 're-engagement', strength: 'strong', words: ['complete', 'your', '(purchase|checkout)'] },
  { rule: 're-engagement', strength: 'strong', words: ['still', 'interested'] },
  { rule: 're-engagement', strength: 'strong', words: ['welcome', 'back'] },

  // Renewal and upgrade asks (confirmations such as "yenilendi"/"renewed" are not matched).
  // "yenileyin" asks to renew; "şifrenizi yenileyin" (reset your password) and "sayfayı yenileyin" (reload) do not.
  { rule: 'renewal-ask', strength: 'strong', words: ['yenile(yin|mek|meyi|yebilir\\w*)'], unlessBefore: /(sifre|parola|sayfa|kart|pin|bilgi|adres)\w*( \S+)?$/ },
  { rule: 'renewal-ask', strength: 'strong', words: ['(abonelik|abonelig|uyelik|uyelig|paket)\\w*', 'yukselt\\w*'] },
  { rule: 'renewal-ask', strength: 'strong', words: ['renew', '(now|today|your|before|it)'] },
  { rule: 'renewal-ask', strength: 'strong', words: ['to', 'renew'] },
  { rule: 'renewal-ask', strength: 'strong', words: ['upgrade', '(now|today|your|to)'] },
  { rule: 'renewal-ask', strength: 'strong', words: ["(don't|dont)", 'lose', '(your|access)'] },

  // App promotion.
  { rule: 'app-promotion', strength: 'strong', words: ['uygulama\\w*', '(indir|indirin|indirerek|yukle|yukleyin|yukleyerek)'] },
  { rule: 'app-promotion', strength: 'strong', words: ['(download|get|install)', '(our|the)', 'app'] },
  { rule: 'app-promotion', strength: 'strong', words: ['(download|get|install)', '(our|the)', '\\w+', 'app'] },
  { rule: 'app-promotion', strength: 'strong', words: ['(app|play)', 'store'] },
  { rule: 'app-promotion', strength: 'strong', words: ['google', 'play'] },

  // Greetings, welcome, birthdays, relationship messages.
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['hos', 'geldin\\w*'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['dogum', 'gun\\w*'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['(iyi|mutlu)', '(bayramlar|yillar)'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['bayram\\w*', 'kutlu\\w*'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['yeni', 'yiliniz\\w*'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['tebrikler'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['welcome'], unlessBefore: /(^|\s)(you're|youre|are|is|always)$/, unlessAfter: /^back\b/ },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['happy', '(birthday|holidays|new|anniversary)'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['congratulations'] },
  { rule: 'greeting', strength: 'strong', ifTransactional: 'weak', words: ['thank', 'you', 'for', 'being', '(a|our)'] },

  // Surveys: fine when tied to a transaction, marketing when generic.
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['anket\\w*'] },
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['geri', 'bildirim\\w*'] },
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['memnuniyet\\w*'] },
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['degerlendir\\w*'] },
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['surveys?'] },
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['feedback'] },
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['rate', 'us'] },
  { rule: 'generic-survey', strength: 'strong', ifTransactional: 'ignore', words: ['how', 'did', 'we', 'do'] },

  // Excitement: a tone, not a promotion by itself.
  { rule: 'excitement', strength: 'weak', words: ['(harika|muhtesem|inanilmaz|super|mukemmel|ayricalik\\w*)'] },
  { rule: 'excitement', strength: 'weak', words: ['(amazing|awesome|incredible|fantastic|exciting|exclusive|unbeatable|unmissable|wow)'] },
];

/** Party and sale emoji. */
export const EXCITED_EMOJI = /[🎉🎊🎁🔥💥🤩🥳✨😍🛍💸💰⭐🌟🚀🏷]/u;

/** Words that tie a message to something specific to the customer. */
export const TRANSACTION_WORDS: readonly Signal[] = [
  'siparis\\w*', 'kargo\\w*', 'gonderi\\w*', 'teslim\\w*', 'randevu\\w*', 'fatura\\w*', 'makbuz\\w*', 'odeme\\w*', 'odendi\\w*',
  'hesab\\w*', 'hesap\\w*', 'talep\\w*', 'basvuru\\w*', 'rezervasyon\\w*', 'iade\\w*', 'sifre\\w*', 'parola\\w*', 'dogrulama\\w*',
  'islem\\w*', 'abonelik\\w*', 'abonelig\\w*', 'uyelik\\w*', 'uyelig\\w*', 'kayit\\w*', 'kayd\\w*', 'bakiye\\w*', 'borc\\w*',
  'takip\\w*', 'order\\w*', 'appointment\\w*', 'invoice\\w*', 'receipt\\w*', 'payment\\w*', 'paid', 'charged', 'account\\w*',
  'ticket\\w*', 'booking\\w*', 'reservation\\w*', 'deliver\\w*', 'shipped', 'shipment\\w*', 'shipping', 'tracking', 'refund\\w*',
  'password\\w*', 'verification', 'login', 'subscription\\w*', 'transaction\\w*', 'balance', 'request\\w*', 'application\\w*',
  'package\\w*', 'parcel\\w*', 'flight\\w*', 'bill', 'billing', 'statement\\w*', 'bilet\\w*', 'paketiniz\\w*', 'kartiniz\\w*',
  'ucus\\w*', 'ekstre\\w*', 'police\\w*',
].map((word): Signal => ({
  rule: 'no-transaction-reference',
  strength: 'weak',
  words: [word],
  // "in order to" and "order now" are not about an order.
  ...(word.startsWith('order') ? { unlessBefore: /(^|\s)in$/, unlessAfter: /^(now|today)\b/ } : {}),
}));

/** Tax, interest and similar words that make a percentage a fact, not a discount. */
export const NEUTRAL_PERCENT_CONTEXT = /^(kdv|vat|tax\w*|vergi\w*|faiz\w*|interest|komisyon\w*|commission|otv|stopaj\w*|apr|tamamlan\w*|complete\w*|dolu\w*|full|battery|pil\w*)$/;
