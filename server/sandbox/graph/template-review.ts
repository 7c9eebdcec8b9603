/**
 * What Meta's review decides about a draft (reference §2.4, §2.9, §6.3), as a pure function of its
 * content. The wording lists are small and deliberate, in Turkish and English:
 *
 * - asking for card numbers / passwords, prize or lottery claims → REJECTED `SCAM`
 * - insults and threats → REJECTED `ABUSIVE_CONTENT`
 * - mismatched braces or more than 10 emoji → REJECTED `INVALID_FORMAT` with `rejection_info`
 * - one-time-code wording in a UTILITY/MARKETING draft → REJECTED `INCORRECT_CATEGORY`
 * - promotional wording in an AUTHENTICATION draft → REJECTED `PROMOTIONAL`
 * - promotional wording in a UTILITY draft → APPROVED as MARKETING (since 2025-04-09 Meta
 *   recategorises instead of rejecting)
 * - anything else → APPROVED in the requested category
 *
 * @module
 */
import type { TemplateCategory, TemplateComponent } from '../../../shared/schemas/template';
import type { ReviewOutcome } from '../store/templates-store';

/** Lower-case, strip accents and dotless i, so "FIRSAT", "fırsat" and "firsat" all match. */
export function foldText(text: string): string {
  return text
    .toLocaleLowerCase('tr')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i');
}

/** A term matches at a word start; Turkish stems (`prefix`) also match with suffixes (fırsatı, kuponu). */
type Term = { text: string; prefix?: boolean };
const terms = (prefix: boolean, ...words: string[]): Term[] => words.map((text) => ({ text: foldText(text), prefix }));

export const PROMOTIONAL_TERMS: Term[] = [
  ...terms(true, 'indirim', 'kampanya', 'fırsat', 'kupon', 'promosyon', 'hemen al', 'kaçırma', 'sınırlı süre', 'özel teklif', 'bedava', 'sepette', 'sezon sonu'),
  ...terms(false, 'discount', 'discounts', 'offer', 'offers', 'sale', 'sales', 'buy now', 'shop now', 'coupon', 'coupons', 'deal', 'deals', 'promo', 'promotion', 'exclusive', 'limited time', 'free gift', "don't miss", 'best price'),
];

export const SCAM_TERMS: Term[] = [
  ...terms(true, 'kart numaranızı', 'kart bilgilerinizi', 'şifrenizi gönder', 'şifrenizi paylaş', 'şifrenizi yaz', 'kazandınız', 'piyango', 'ikramiye', 'bitcoin'),
  ...terms(false, 'cvv', 'card number', 'send your password', 'share your password', 'reply with your password', 'you have won', "you've won", 'lottery', 'gift card'),
];

export const ABUSIVE_TERMS: Term[] = [
  ...terms(true, 'aptal', 'salak', 'gerizekalı', 'nerede oturduğunu biliyoruz'),
  ...terms(false, 'idiot', 'stupid', 'we know where you live', 'or else'),
];

export const ONE_TIME_CODE_TERMS: Term[] = [
  ...terms(true, 'doğrulama kodu', 'tek kullanımlık şifre', 'giriş kodu'),
  ...terms(false, 'verification code', 'one-time password', 'otp', 'login code'),
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const termRegex = (t: Term) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(t.text)}${t.prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'u');

export function mentions(text: string, list: Term[]): boolean {
  const folded = foldText(text);
  return list.some((t) => termRegex(t).test(folded));
}

const PERCENT_OFF = /(\d+\s?%|%\s?\d+)\s*(off|indirim)/iu;

export function isPromotional(text: string): boolean {
  return mentions(text, PROMOTIONAL_TERMS) || PERCENT_OFF.test(text);
}

/** Every piece of text a reviewer reads: header, body, footer, button labels and URLs. */
export function reviewText(components: TemplateComponent[]): string {
  const parts: string[] = [];
  for (const c of components) {
    if ((c.type === 'HEADER' && c.format === 'TEXT') || c.type === 'BODY' || c.type === 'FOOTER') parts.push(c.text);
    if (c.type === 'BUTTONS') for (const b of c.buttons) parts.push(b.text ?? '', b.type === 'URL' ? b.url : '');
  }
  return parts.join('\n');
}

function formatProblem(text: string) {
  const stray = text.replace(/\{\{[^{}]*\}\}/g, '');
  if (/[{}]/.test(stray)) {
    return {
      reason: 'The template has mismatched curly braces around a parameter (for example {{1} or {1}}).',
      recommendation: 'Write every parameter with two opening and two closing braces, for example {{1}}.',
    };
  }
  const emoji = text.match(/\p{Extended_Pictographic}/gu)?.length ?? 0;
  if (emoji > 10) {
    return {
      reason: `The template contains ${emoji} emoji, which makes it look like spam.`,
      recommendation: 'Use at most 10 emoji.',
    };
  }
  return undefined;
}

export function judgeTemplate(draft: { category: TemplateCategory; components: TemplateComponent[] }): ReviewOutcome {
  const text = reviewText(draft.components);
  const rejected = (reason: ReviewOutcome['reason'], rejectionInfo?: ReviewOutcome['rejectionInfo']): ReviewOutcome => ({
    status: 'REJECTED',
    category: draft.category,
    reason,
    ...(rejectionInfo ? { rejectionInfo } : {}),
  });
  if (mentions(text, SCAM_TERMS)) return rejected('SCAM');
  if (mentions(text, ABUSIVE_TERMS)) return rejected('ABUSIVE_CONTENT');
  const format = formatProblem(text);
  if (format) return rejected('INVALID_FORMAT', format);
  if (draft.category !== 'AUTHENTICATION' && mentions(text, ONE_TIME_CODE_TERMS)) return rejected('INCORRECT_CATEGORY');
  const promotional = isPromotional(text);
  if (draft.category === 'AUTHENTICATION' && promotional) return rejected('PROMOTIONAL');
  if (draft.category === 'UTILITY' && promotional) return { status: 'APPROVED', category: 'MARKETING', reason: 'NONE' };
  return { status: 'APPROVED', category: draft.category, reason: 'NONE' };
}
