/**
 * Guessing what a text placeholder holds — an order number, a date, an amount, a name, a ticket
 * id — so the panel can prefill it from the ticket and pick the right input. A guess, never a
 * rule: a wrong guess only costs a prefill, so every signal falls back to `free_text`.
 *
 * Signals, strongest first:
 * 1. a NAMED placeholder's own name (`order_id`, `delivery_date`; last word wins: `order_date` is a date);
 * 2. the words right after it — Turkish puts the noun after the value
 *    (`{{2}} numaralı siparişiniz`, `{{3}} tarihinde`, `{{1}} TL`);
 * 3. the words right before it (`Sayın {{1}}`, `Hi {{1}}`, `order {{1}}`, `tutar: {{1}}`);
 * 4. the template's example value (`#12345`, `12 Mart 2026`, `₺1.250,00`).
 *
 * @module
 */

export type TextKind = 'order_number' | 'date' | 'amount' | 'name' | 'ticket_id' | 'coupon_code' | 'url_suffix' | 'free_text';

/** Lower-case, Turkish dotless/dotted i folded, accents dropped: `SİPARİŞİNİZ` → `siparisiniz`. */
export function foldText(text: string): string {
  return text
    .replace(/[İIı]/g, 'i')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Patterns over folded words. Order matters: earlier entries win. */
const WORD_KINDS: ReadonlyArray<[Exclude<TextKind, 'free_text'>, RegExp]> = [
  ['ticket_id', /^(tale[pb]\w*|ticket\w*|case|kayit\w*|kayd\w*|basvuru\w*|request|sikayet\w*)$/],
  ['order_number', /^(siparis\w*|order\w*|kargo\w*|gonderi\w*|shipment|tracking|takip\w*|fatura\w*|invoice|rezervasyon\w*|reservation|booking)$/],
  ['date', /^(tarih\w*|date[ds]?|due|deadline|randevu\w*|appointment|gun\w*|saat\w*|time|day|when|scheduled)$/],
  ['amount', /^(tutar\w*|amount|total|toplam\w*|bakiye\w*|balance|price|fiyat\w*|ucret\w*|odeme\w*|payment|refund|borc\w*|cost|fee|tl|try|lira\w*|usd|eur|gbp|₺|\$|€|£)$/],
  ['name', /^(sayin|merhaba|selam|sevgili|degerli|hi|hello|hey|dear|first|name|isim|ad|adi|customer|musteri\w*)$/],
  ['coupon_code', /^(kupon\w*|coupon|code|kod\w*|promo)$/],
];

const kindOfWord = (word: string): TextKind | undefined => WORD_KINDS.find(([, re]) => re.test(word))?.[0];

/** Words in a folded snippet, punctuation dropped (currency signs kept as words). */
const words = (text: string): string[] => foldText(text).match(/[\p{L}\p{N}]+|[₺$€£]/gu) ?? [];

/** From a NAMED placeholder (`order_id`, `customer_name`, `order_date`): the last word that means something. */
export function kindFromName(name: string): TextKind | undefined {
  if (/^\d+$/.test(name)) return undefined;
  const parts = name.split('_').filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const kind = kindOfWord(parts[i] as string);
    if (kind) return kind;
  }
  return undefined;
}

/**
 * Turkish puts the noun after the value, so a few words right after a placeholder are telling:
 * `{{2}} numaralı siparişiniz`, `{{3}} tarihinde`, `{{1}} TL`, `{{1}} Hanım`. English words after a
 * value are not (`Amount {{1}} due on…`), so only these count.
 */
const AFTER_KINDS: ReadonlyArray<[TextKind, RegExp]> = [
  ['date', /^(tarih\w*|gunu|saat\w*)$/],
  ['amount', /^(tl|try|lira\w*|usd|eur|gbp|tutar\w*|[₺$€£])$/],
  ['name', /^(hanim\w*|bey\w*)$/],
];

export function kindFromWordsAfter(after: string): TextKind | undefined {
  const [first, second] = words(after);
  if (first === undefined) return undefined;
  if (/^(numarali|nolu|no)$/.test(first)) {
    return second !== undefined && kindOfWord(second) === 'ticket_id' ? 'ticket_id' : 'order_number';
  }
  return AFTER_KINDS.find(([, re]) => re.test(first))?.[0];
}

/** The last two words before the value: `Sayın {{1}}`, `your order {{1}}`, `Toplam tutar: {{1}}`. */
export function kindFromWordsBefore(before: string): TextKind | undefined {
  for (const word of words(before).slice(-2).reverse()) {
    const kind = kindOfWord(word);
    if (kind) return kind;
  }
  return undefined;
}

const MONTHS =
  'ocak|subat|mart|nisan|mayis|haziran|temmuz|agustos|eylul|ekim|kasim|aralik|' +
  'jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?';
const DAYS = 'pazartesi|sali|carsamba|persembe|cuma|cumartesi|pazar|monday|tuesday|wednesday|thursday|friday|saturday|sunday';

const DATE_EXAMPLES = [
  /^\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2})?)?/, // ISO 8601
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/, // 12.03.2026, 3/12/2026
  new RegExp(`^\\d{1,2}\\.?\\s+(${MONTHS})\\b`), // 12 Mart 2026, 4 May
  new RegExp(`^(${MONTHS})\\s+\\d{1,2}(st|nd|rd|th)?\\b`), // May 4, 2026; August 30th
  new RegExp(`^(${DAYS})$`),
];

const AMOUNT_EXAMPLES = [
  /^[₺$€£]\s?\d[\d.,]*$/, // ₺1.250,00  $12.50
  /^\d[\d.,]*\s?([₺$€£]|tl|try|usd|eur|gbp|lira)$/, // 250 TL, 12,50₺
  /^(tl|try|usd|eur|gbp)\s?\d[\d.,]*$/, // TRY 250
];

/** From the template's example value. */
export function kindFromExample(example: string): TextKind | undefined {
  const text = foldText(example.trim());
  if (text === '') return undefined;
  if (DATE_EXAMPLES.some((re) => re.test(text))) return 'date';
  if (AMOUNT_EXAMPLES.some((re) => re.test(text))) return 'amount';
  if (/^(tck|tkt|ticket|talep|case)[-#\s]?\d+$/.test(text)) return 'ticket_id';
  // `#12345`, `TR-2024-0012`, `860198-230332`: an identifier with digits.
  if (/^#\s?[a-z0-9-]*\d[a-z0-9-]*$/.test(text)) return 'order_number';
  if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(text) && /\d{3,}/.test(text)) return 'order_number';
  return undefined;
}

/** The best guess for a text placeholder, given its name and the text around it. */
export function inferTextKind(input: { name: string; before: string; after: string; example?: string }): TextKind {
  return (
    kindFromName(input.name) ??
    kindFromWordsAfter(input.after) ??
    kindFromWordsBefore(input.before) ??
    (input.example === undefined ? undefined : kindFromExample(input.example)) ??
    'free_text'
  );
}
