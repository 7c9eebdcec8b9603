/**
 * A per-message rate card: what Meta charges for one delivered template, by the recipient's
 * country calling code and the template's category (reference §6.6). Admins replace the defaults
 * with Meta's current card for their markets; `default` prices every other country.
 *
 * @module
 */
import * as z from 'zod';

const Price = z.number().finite().nonnegative();

export const CategoryRates = z.object({
  utility: Price,
  marketing: Price,
  authentication: Price,
  /**
   * Free-form (non-template) messages. Kept on the card because BSPs report Meta may start
   * charging them; `priceMessage` follows §6.6, where they are free.
   */
  service: Price,
});
export type CategoryRates = z.infer<typeof CategoryRates>;

/** `'90'`, `'44'`, `'1'`, `'1876'` (a longer prefix overrides a shorter one), or `'default'`. */
export const RateCardKey = z.string().regex(/^([1-9]\d{0,3}|default)$/, 'a country calling code without + (such as 90) or "default"');

export const RateCard = z.object({
  currency: z.literal('USD'),
  /** Where the numbers come from, shown next to prices ("Meta rate card 2026-10-01", "approximate defaults"). */
  source: z.string().optional(),
  rates: z
    .record(RateCardKey, CategoryRates)
    .refine((rates) => rates.default !== undefined, { message: 'a rate card needs a "default" entry for countries it does not list' }),
});
export type RateCard = z.infer<typeof RateCard>;

export const PriceClass = z.enum(['free', 'utility', 'marketing', 'authentication']);
export type PriceClass = z.infer<typeof PriceClass>;

export const MessagePrice = z.object({
  priceClass: PriceClass,
  billable: z.boolean(),
  /** Per delivered message, in `currency`; 0 when not billable. */
  amount: z.number(),
  currency: z.literal('USD'),
  /** The rate-card key that priced it: `'90'`, `'1'` or `'default'`. */
  market: z.string(),
});
export type MessagePrice = z.infer<typeof MessagePrice>;
