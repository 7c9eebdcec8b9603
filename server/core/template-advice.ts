/**
 * What an alert tells the admin to do: per Meta rejection reason (reference §2.4, §6.3), and what a
 * UTILITY → MARKETING change does to cost (the configured rate card, default market) and consent.
 * @module
 */
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { marketFor } from '../../shared/pricing/price-message';
import type { CategoryCost } from '../../shared/schemas/alert';
import type { Config } from '../env';

const ADVICE: Record<string, string> = {
  PROMOTIONAL:
    'Meta read it as promotion. Remove offers, discounts, "new", "don\'t miss" and calls to buy; keep only the details of the customer\'s own order, booking or account — or submit it as MARKETING.',
  INCORRECT_CATEGORY:
    'The text does not match the category. Make it strictly about a transaction the customer made (order, delivery, payment, appointment, account) or choose the category that fits.',
  INVALID_FORMAT:
    'Check the variables: numbered from {{1}} without gaps, not next to each other, not at the very start or end, each with a realistic example; then the buttons and their URLs.',
  TAG_CONTENT_MISMATCH: 'The category or the template type does not match what the text says. Align the text with the chosen category.',
  ABUSIVE_CONTENT: 'Remove wording that threatens, insults or pressures the customer.',
  SCAM: 'Remove anything that can look deceptive: requests for card details or passwords, urgent payment demands, unexplained links.',
};

const DEFAULT_ADVICE = 'Read Meta\'s reason, edit the template and submit it again, or appeal in WhatsApp Manager if you think it is a mistake.';

export function rejectionAdvice(reason: string | null, metaRecommendation: string | null): string {
  const ours = (reason && ADVICE[reason.toUpperCase()]) || DEFAULT_ADVICE;
  return metaRecommendation ? `${metaRecommendation} ${ours}` : ours;
}

/** Meta's review window after an automatic category change (reference §6.4). */
export const CATEGORY_REVIEW_WINDOW_MS = 60 * 24 * 3600_000;

/** Utility vs marketing price per delivered message in the business's home market. */
export function categoryCost(config: Pick<Config, 'rateCard' | 'defaultRegion'>): CategoryCost {
  let callingCode = 'default';
  try {
    callingCode = getCountryCallingCode(config.defaultRegion as CountryCode);
  } catch {
    // An unknown region: Meta's "other" rates.
  }
  const { market, rates } = marketFor(config.rateCard, callingCode);
  return { currency: config.rateCard.currency, market, utility: rates.utility, marketing: rates.marketing };
}

export function categoryChangeMessage(name: string, to: string, cost: CategoryCost, when: 'announced' | 'completed', deadline: number): string {
  const price = `${cost.utility} → ${cost.marketing} ${cost.currency} per delivered message (${cost.market === 'default' ? 'default rates' : `+${cost.market}`})`;
  const first = when === 'announced' ? `Meta will change "${name}" from UTILITY to ${to}.` : `Meta has changed "${name}" from UTILITY to ${to}.`;
  return (
    `${first} Cost: ${price}, charged even inside the 24-hour window. Consent: ${to} messages need the customer's marketing consent, ` +
    `so Köprü stops sending it. Ask Meta for a review in WhatsApp Manager before ${new Date(deadline).toISOString().slice(0, 10)}, ` +
    'or edit the text to be strictly transactional and resubmit.'
  );
}
