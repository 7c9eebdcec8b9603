/**
 * Opt-out / opt-in keywords in customer messages (STOP, DUR, İPTAL, …) and quick-reply buttons that
 * mean the same, plus the language to answer a customer in.
 *
 * A keyword counts only as the *whole* message once surrounding punctuation, symbols and spaces are
 * trimmed: "dur." and "İptal 🙏" stop messages, "Durum nedir?" and "stop sending me the invoice" do
 * not. Comparison ignores case the Turkish way ('İ'→'i', 'I'→'ı') and the plain way ('I'→'i'), and
 * also without diacritics, because a customer typing on a phone without a Turkish keyboard writes
 * "IPTAL" or "abonelikten cik" and still means it.
 * @module
 */

export type Intent = 'opt_out' | 'opt_in';
export type Language = 'tr' | 'en';
/** `language` is the language the keyword is written in; null for configured keywords. */
export type KeywordMatch = { intent: Intent; keyword: string; language: Language | null };
export type ExtraKeywords = { optOutKeywords: readonly string[]; optInKeywords: readonly string[] };

type Keyword = { word: string; intent: Intent; language: Language | null };

const BUILT_IN: readonly Keyword[] = [
  { word: 'STOP', intent: 'opt_out', language: 'en' },
  { word: 'UNSUBSCRIBE', intent: 'opt_out', language: 'en' },
  { word: 'DUR', intent: 'opt_out', language: 'tr' },
  { word: 'İPTAL', intent: 'opt_out', language: 'tr' },
  { word: 'ABONELİKTEN ÇIK', intent: 'opt_out', language: 'tr' },
  // Not in the list, but Turkish templates (the sandbox's optin_confirmation among them)
  // tell customers to write DURDUR, so it must work when they do.
  { word: 'DURDUR', intent: 'opt_out', language: 'tr' },
  { word: 'START', intent: 'opt_in', language: 'en' },
  { word: 'BAŞLA', intent: 'opt_in', language: 'tr' },
];

/** Button labels/payloads a business typically gives "stop"/"start" quick replies, beyond the keywords. */
const BUTTON_ONLY: readonly Keyword[] = [
  ...['OPT_OUT', 'OPTOUT', 'OPT OUT', 'STOP MESSAGES', 'STOP NOTIFICATIONS', 'STOP UPDATES', 'STOP PROMOTIONS'].map((word) => ({ word, intent: 'opt_out' as const, language: 'en' as const })),
  ...['BİLDİRİMLERİ DURDUR', 'MESAJLARI DURDUR'].map((word) => ({ word, intent: 'opt_out' as const, language: 'tr' as const })),
  ...['OPT_IN', 'OPTIN', 'OPT IN', 'RESUME'].map((word) => ({ word, intent: 'opt_in' as const, language: 'en' as const })),
  ...['BİLDİRİMLERİ AÇ'].map((word) => ({ word, intent: 'opt_in' as const, language: 'tr' as const })),
];

/** A keyword is short; longer messages are sentences and never a keyword. */
const MAX_KEYWORD_MESSAGE = 40;

/** Whitespace, punctuation, symbols (emoji), marks (emoji variation selectors) and format chars (ZWJ). */
const EDGE = /^[\s\p{P}\p{S}\p{M}\p{Cf}]+|[\s\p{P}\p{S}\p{M}\p{Cf}]+$/gu;

/** NFC, trimmed of surrounding punctuation/symbols, inner spaces collapsed. */
export function trimMessage(text: string): string {
  return text.normalize('NFC').replace(EDGE, '').replace(/\s+/g, ' ');
}

const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').normalize('NFC');

/** Every way the text may be compared: Turkish lower-case, plain lower-case, and both without diacritics. */
export function foldings(text: string): Set<string> {
  const t = trimMessage(text);
  const tr = t.toLocaleLowerCase('tr');
  // Plain toLowerCase turns 'İ' into 'i' + U+0307 (combining dot); drop the dot so "İPTAL" → "iptal".
  const plain = t.toLowerCase().replace(/i\u0307/g, 'i');
  return new Set([tr, plain, stripMarks(tr), stripMarks(plain)]);
}

function findIn(text: string, list: readonly Keyword[]): KeywordMatch | null {
  const t = trimMessage(text);
  if (t === '' || t.length > MAX_KEYWORD_MESSAGE) return null;
  const forms = foldings(t);
  // Opt-out first: if a word is configured both ways, honouring the stop is the safe reading.
  for (const intent of ['opt_out', 'opt_in'] as const) {
    for (const k of list) {
      if (k.intent !== intent) continue;
      for (const f of foldings(k.word)) {
        if (forms.has(f)) return { intent, keyword: k.word, language: k.language };
      }
    }
  }
  return null;
}

const withExtra = (extra: ExtraKeywords): Keyword[] => [
  ...BUILT_IN,
  ...extra.optOutKeywords.map((word) => ({ word, intent: 'opt_out' as const, language: null })),
  ...extra.optInKeywords.map((word) => ({ word, intent: 'opt_in' as const, language: null })),
];

/** The keyword the whole message is, if any. */
export function matchKeyword(text: string, extra: ExtraKeywords): KeywordMatch | null {
  return findIn(text, withExtra(extra));
}

/** A quick-reply tap whose payload or label means stop/start. The payload (set by us) wins over the label. */
export function matchButton(button: { payload?: string; text?: string }, extra: ExtraKeywords): KeywordMatch | null {
  const list = [...withExtra(extra), ...BUTTON_ONLY];
  return (button.payload ? findIn(button.payload, list) : null) ?? (button.text ? findIn(button.text, list) : null);
}

/** The language to write to a customer in when nothing better is known: Turkish for +90, else English. */
export function languageForPhone(phone: string): Language {
  return phone.startsWith('+90') ? 'tr' : 'en';
}
