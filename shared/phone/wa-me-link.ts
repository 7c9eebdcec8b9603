/**
 * `wa.me` click-to-chat links (reference §6.10): the full international number as bare digits —
 * no `+`, spaces, dashes or trunk `0` — and an optional percent-encoded prefilled message.
 *
 * @module
 */

/**
 * `waMeLink('905324182796', 'Merhaba 👋')` → `https://wa.me/905324182796?text=Merhaba%20%F0%9F%91%8B`.
 * Non-digits in `digits` are dropped so an E.164 `+90…` works too; an empty `text` adds no query.
 */
export function waMeLink(digits: string, text?: string): string {
  const number = digits.replace(/\D/g, '');
  const base = `https://wa.me/${number}`;
  return text ? `${base}?text=${encodeURIComponent(text)}` : base;
}
