/**
 * Formatting for what agents read (panel language) and for what customers read (the template's
 * language): countdowns, times, and the dates and amounts typed into template variables.
 *
 * @module
 */

/** Meta locale (`tr`, `en_US`, `pt_BR`) → BCP 47 (`tr`, `en-US`, `pt-BR`) for `Intl`. */
export function intlLocale(metaLanguage: string): string {
  const tag = metaLanguage.replace('_', '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** `23:59:58`-style parts of a duration; negative durations count as zero. */
export function durationParts(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** `12:05:09` — fixed width, reads the same in Turkish and English. */
export function formatCountdown(ms: number): string {
  const { hours, minutes, seconds } = durationParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(hours)}:${two(minutes)}:${two(seconds)}`;
}

/** A moment in the panel's language: time only when it is today, otherwise date and time. */
export function formatMoment(at: number, locale: string, now: number = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** `2026-03-12` (an `<input type="date">` value) → `12 Mart 2026` / `March 12, 2026` in the template's language. */
export function formatDateInput(value: string, metaLanguage: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return new Intl.DateTimeFormat(intlLocale(metaLanguage), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * An amount as typed by an agent (`1234,5`, `1.234,50`, `1234.50`) → a number. The last `,` or `.`
 * followed by one or two digits is the decimal separator; other separators group thousands.
 */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0₺$€£]|\bTL\b|\b[A-Z]{3}\b/g, '');
  if (!/^-?[\d.,]+$/.test(cleaned)) return null;
  const decimal = /[.,](\d{1,2})$/.exec(cleaned);
  const integerPart = (decimal ? cleaned.slice(0, decimal.index) : cleaned).replace(/[.,]/g, '');
  const value = Number(`${integerPart}${decimal ? `.${decimal[1]}` : ''}`);
  return Number.isFinite(value) && integerPart !== '' && integerPart !== '-' ? value : null;
}

/** The currency an agent typed with the amount (`$42.50`, `1.249,90 TL`, `15 EUR`), if any. */
export function typedCurrency(text: string): string | null {
  if (/₺|\bTL\b|\bTRY\b/i.test(text)) return 'TRY';
  if (/\$/.test(text)) return 'USD';
  if (/€/.test(text)) return 'EUR';
  if (/£/.test(text)) return 'GBP';
  return /\b([A-Z]{3})\b/.exec(text)?.[1] ?? null;
}

/** `1234.5` + `TRY` in `tr` → `₺1.234,50`; in `en_US` → `TRY 1,234.50`. */
export function formatAmount(amount: number, currency: string, metaLanguage: string): string {
  return new Intl.NumberFormat(intlLocale(metaLanguage), { style: 'currency', currency, currencyDisplay: 'symbol' })
    .format(amount)
    .replace(/\u00a0/g, ' ');
}
