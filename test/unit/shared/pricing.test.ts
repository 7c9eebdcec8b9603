import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_CARD } from '../../../shared/pricing/default-rate-card';
import { marketFor, priceMessage } from '../../../shared/pricing/price-message';
import { RateCard, type MessagePrice } from '../../../shared/schemas/rate-card';

/** Round numbers so every expected amount is obvious. */
const card = RateCard.parse({
  currency: 'USD',
  rates: {
    '90': { utility: 0.005, marketing: 0.01, authentication: 0.008, service: 0 },
    '44': { utility: 0.02, marketing: 0.05, authentication: 0.03, service: 0 },
    '1': { utility: 0.003, marketing: 0.025, authentication: 0.013, service: 0 },
    '1876': { utility: 0.011, marketing: 0.074, authentication: 0.011, service: 0 },
    '49': { utility: 0.055, marketing: 0.13, authentication: 0.07, service: 0 },
    default: { utility: 0.007, marketing: 0.06, authentication: 0.007, service: 0 },
  },
});

type Row = [label: string, phone: string, category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION' | null, windowOpen: boolean, expected: Omit<MessagePrice, 'currency'>];

const rows: Row[] = [
  ['utility to Turkey, window open', '905321234567', 'UTILITY', true, { priceClass: 'free', billable: false, amount: 0, market: '90' }],
  ['utility to Turkey, window closed', '905321234567', 'UTILITY', false, { priceClass: 'utility', billable: true, amount: 0.005, market: '90' }],
  ['marketing to Turkey, window open', '905321234567', 'MARKETING', true, { priceClass: 'marketing', billable: true, amount: 0.01, market: '90' }],
  ['marketing to Turkey, window closed', '905321234567', 'MARKETING', false, { priceClass: 'marketing', billable: true, amount: 0.01, market: '90' }],
  ['authentication to Turkey, window open', '905321234567', 'AUTHENTICATION', true, { priceClass: 'authentication', billable: true, amount: 0.008, market: '90' }],
  ['free-form to Turkey, window open', '905321234567', null, true, { priceClass: 'free', billable: false, amount: 0, market: '90' }],
  ['free-form with the window closed (Meta refuses it; never billed)', '905321234567', null, false, { priceClass: 'free', billable: false, amount: 0, market: '90' }],
  ['utility to the UK, window closed', '447700900123', 'UTILITY', false, { priceClass: 'utility', billable: true, amount: 0.02, market: '44' }],
  ['marketing to Germany', '4915123456789', 'MARKETING', false, { priceClass: 'marketing', billable: true, amount: 0.13, market: '49' }],
  ['utility to the US', '16505551234', 'UTILITY', false, { priceClass: 'utility', billable: true, amount: 0.003, market: '1' }],
  ['utility to Jamaica: longer prefix wins over +1', '18765551234', 'UTILITY', false, { priceClass: 'utility', billable: true, amount: 0.011, market: '1876' }],
  ['marketing to Brazil: not on the card, default rates', '5511987654321', 'MARKETING', false, { priceClass: 'marketing', billable: true, amount: 0.06, market: 'default' }],
  ['utility to Brazil, window open', '5511987654321', 'UTILITY', true, { priceClass: 'free', billable: false, amount: 0, market: 'default' }],
];

describe('priceMessage', () => {
  it.each(rows)('%s', (_label, phone, category, windowOpen, expected) => {
    expect(priceMessage({ card, waId: phone, category, windowOpen })).toEqual({ ...expected, currency: 'USD' });
  });

  it.each([
    ['+90 532 123 45 67', '90'],
    ['+44 7700 900123', '44'],
    ['+1 (876) 555-1234', '1876'],
    ['+1 650-555-1234', '1'],
    ['+55 11 98765-4321', 'default'],
  ])('reads the country from E.164 input %s', (e164, market) => {
    expect(priceMessage({ card, e164, category: 'MARKETING', windowOpen: false }).market).toBe(market);
  });

  it('prefers the longest matching prefix whatever the key order', () => {
    const reversed = RateCard.parse({ ...card, rates: Object.fromEntries(Object.entries(card.rates).reverse()) });
    expect(marketFor(reversed, '18765551234').market).toBe('1876');
    expect(marketFor(reversed, '16505551234').market).toBe('1');
  });

  it('falls back to the default rates for input that is not a number', () => {
    expect(priceMessage({ card, waId: 'not a phone', category: 'UTILITY', windowOpen: false })).toEqual({
      priceClass: 'utility', billable: true, amount: 0.007, currency: 'USD', market: 'default',
    });
  });
});

describe('RateCard', () => {
  it('accepts the default card, whose markets are the ones Köprü starts with', () => {
    const parsed = RateCard.parse(DEFAULT_RATE_CARD);
    expect(Object.keys(parsed.rates).sort()).toEqual(['1', '44', '49', '90', 'default']);
    // Meta's ordering holds in every market: marketing costs more than utility, and free-form is free.
    for (const rates of Object.values(parsed.rates)) {
      expect(rates.marketing).toBeGreaterThan(rates.utility);
      expect(rates.service).toBe(0);
    }
  });

  it('prices with the default card out of the box', () => {
    expect(priceMessage({ card: DEFAULT_RATE_CARD, e164: '+905321234567', category: 'UTILITY', windowOpen: false })).toEqual({
      priceClass: 'utility', billable: true, amount: DEFAULT_RATE_CARD.rates['90']?.utility, currency: 'USD', market: '90',
    });
  });

  it.each([
    ['no default entry', { currency: 'USD', rates: { '90': { utility: 0, marketing: 0, authentication: 0, service: 0 } } }],
    ['a currency other than USD', { ...DEFAULT_RATE_CARD, currency: 'TRY' }],
    ['a negative price', { currency: 'USD', rates: { default: { utility: -1, marketing: 0, authentication: 0, service: 0 } } }],
    ['a missing category', { currency: 'USD', rates: { default: { utility: 0.01, marketing: 0.02, authentication: 0.01 } } }],
    ['a key with a plus sign', { currency: 'USD', rates: { '+90': { utility: 0, marketing: 0, authentication: 0, service: 0 }, default: { utility: 0, marketing: 0, authentication: 0, service: 0 } } }],
    ['a country name as key', { currency: 'USD', rates: { TR: { utility: 0, marketing: 0, authentication: 0, service: 0 }, default: { utility: 0, marketing: 0, authentication: 0, service: 0 } } }],
  ])('rejects a card with %s', (_label, candidate) => {
    expect(RateCard.safeParse(candidate).success).toBe(false);
  });
});
