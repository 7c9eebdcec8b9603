/**
 * `priceMessage` — the price class and amount of one outgoing message under Meta's per-message
 * model (reference §6.6, effective 2025-07-01):
 *
 * - free-form (non-template) messages are free — and only possible inside the service window;
 * - a UTILITY template inside an open service window is free, outside it is charged;
 * - MARKETING and AUTHENTICATION templates are always charged.
 *
 * Meta charges on delivery, so this is the price *if delivered*; callers count only delivered
 * messages when adding up. The rate is the template's category at send time (Meta may have
 * moved it to MARKETING) × the recipient's country, found by the longest calling-code prefix on
 * the card. Free-entry-point windows (72 h after a Click-to-WhatsApp ad) and volume tiers are not
 * modelled.
 *
 * @module
 */
import type { TemplateCategory } from '../schemas/template';
import type { CategoryRates, MessagePrice, RateCard } from '../schemas/rate-card';

export type PriceInput = {
  card: RateCard;
  /** The template's category at send time; `null` for a free-form message. */
  category: TemplateCategory | null;
  /** Whether the customer's 24 h service window is open when the message is sent. */
  windowOpen: boolean;
} & ({ waId: string; e164?: never } | { e164: string; waId?: never });

/** The card entry for a recipient: the longest calling-code prefix of its digits, else `default`. */
export function marketFor(card: RateCard, phone: string): { market: string; rates: CategoryRates } {
  const digits = phone.replace(/\D/g, '');
  let market = 'default';
  for (const key of Object.keys(card.rates)) {
    if (key !== 'default' && digits.startsWith(key) && (market === 'default' || key.length > market.length)) market = key;
  }
  return { market, rates: card.rates[market] ?? (card.rates.default as CategoryRates) };
}

export function priceMessage(input: PriceInput): MessagePrice {
  const { card, category, windowOpen } = input;
  const { market, rates } = marketFor(card, input.waId ?? input.e164 ?? '');
  const free: MessagePrice = { priceClass: 'free', billable: false, amount: 0, currency: card.currency, market };
  if (category === null) return free;
  if (category === 'UTILITY' && windowOpen) return free;
  const priceClass = category === 'UTILITY' ? 'utility' : category === 'MARKETING' ? 'marketing' : 'authentication';
  return { priceClass, billable: true, amount: rates[priceClass], currency: card.currency, market };
}
