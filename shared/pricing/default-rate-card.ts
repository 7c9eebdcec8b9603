/**
 * Köprü's out-of-the-box rate card.
 *
 * APPROXIMATIONS, NOT META'S CURRENT PRICES. These are rounded USD list prices of Meta's
 * per-message card as published around its 2025-07-01 switch to per-message pricing (Turkey,
 * United Kingdom, North America, Germany, and Meta's "Other" group as the default), taken from
 * third-party copies of the card. Meta changes rates on quarter starts (1 Jan / 1 Apr / 1 Jul /
 * 1 Oct) with a month's notice, gives volume tiers on utility and authentication, and adds
 * authentication-international rates in some markets — none of which is modelled here. Replace
 * this card with Meta's current one for the markets you serve before trusting any total.
 *
 * Service (free-form) messages are 0: free under the §6.6 model.
 *
 * @module
 */
import type { RateCard } from '../schemas/rate-card';

export const DEFAULT_RATE_CARD: RateCard = {
  currency: 'USD',
  source: 'Approximate defaults (Meta per-message card, mid-2025); replace with the current card',
  rates: {
    // Turkey.
    '90': { utility: 0.0053, marketing: 0.0109, authentication: 0.0083, service: 0 },
    // United Kingdom.
    '44': { utility: 0.022, marketing: 0.0529, authentication: 0.0358, service: 0 },
    // North America (US and Canada). Caribbean +1 countries are priced differently by Meta; add
    // their four-digit prefixes (e.g. '1876') to override.
    '1': { utility: 0.0034, marketing: 0.025, authentication: 0.0135, service: 0 },
    // Germany.
    '49': { utility: 0.055, marketing: 0.1365, authentication: 0.0768, service: 0 },
    // Meta's "Other" group.
    default: { utility: 0.0077, marketing: 0.0604, authentication: 0.0077, service: 0 },
  },
};
