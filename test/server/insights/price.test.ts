/**
 * `GET /api/price` — what the panel shows before sending: free inside the customer's 24-hour window
 * for a utility template, the rate card's price for their country outside it, always charged for a
 * MARKETING template — from the default card or the one in KOPRU_RATE_CARD_FILE.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/env';
import { DEFAULT_RATE_CARD } from '../../../shared/pricing/default-rate-card';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { customerWrites } from '../messaging/helpers';

type PriceAnswer = { phone: string; category: string | null; price: { priceClass: string; billable: boolean; amount: number; market: string }; window: { open: boolean } };

let s: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'kopru-card-'));
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const price = async (query: string, server = s) => {
  const res = await server.api(`/api/price?${query}`);
  return { status: res.status, body: (await res.json()) as PriceAnswer & { error?: { code: string } } };
};

describe('GET /api/price', () => {
  it('a Turkish customer who has not written: the TR utility rate, billable', async () => {
    const { status, body } = await price('phone=0532%20111%2022%2033&template=order_confirmation&language=tr');
    expect(status).toBe(200);
    expect(body.phone).toBe('+905321112233');
    expect(body.window.open).toBe(false);
    expect(body.category).toBe('UTILITY');
    expect(body.price).toEqual({ priceClass: 'utility', billable: true, amount: DEFAULT_RATE_CARD.rates['90']!.utility, currency: 'USD', market: '90' });
  });

  it('after the customer writes: free (utility inside the window), but a MARKETING template still costs', async () => {
    await customerWrites(s, '905321112244');
    const utility = await price('phone=%2B905321112244&template=order_confirmation&language=tr');
    expect(utility.body.window.open).toBe(true);
    expect(utility.body.price).toMatchObject({ priceClass: 'free', billable: false, amount: 0 });
    const marketing = await price('phone=%2B905321112244&template=spring_sale&language=tr');
    expect(marketing.body.price).toMatchObject({ priceClass: 'marketing', billable: true, amount: DEFAULT_RATE_CARD.rates['90']!.marketing });
  });

  it('prices by the customer’s country; without a template it prices a utility template', async () => {
    const uk = await price('phone=%2B447911123456');
    expect(uk.body.category).toBe('UTILITY');
    expect(uk.body.price).toMatchObject({ market: '44', amount: DEFAULT_RATE_CARD.rates['44']!.utility });
    const other = await price('phone=%2B33612345678');
    expect(other.body.price).toMatchObject({ market: 'default', amount: DEFAULT_RATE_CARD.rates.default!.utility });
  });

  it.each([
    ['phone=12', 422, 'INVALID_PHONE'],
    ['phone=%2B905321112233&template=no_such_template&language=tr', 404, 'TEMPLATE_NOT_FOUND'],
    ['phone=%2B905321112233&template=order_confirmation', 400, 'VALIDATION_FAILED'],
    ['template=order_confirmation&language=tr', 400, 'VALIDATION_FAILED'],
  ])('%s → %i %s', async (query, status, code) => {
    const res = await price(query);
    expect(res.status).toBe(status);
    expect(res.body.error?.code).toBe(code);
  });

  it('needs a token', async () => {
    expect((await s.api('/api/price?phone=%2B905321112233', { token: null })).status).toBe(401);
  });
});

describe('KOPRU_RATE_CARD_FILE', () => {
  it('replaces the default card', async () => {
    const file = join(dir, 'card.json');
    writeFileSync(file, JSON.stringify({ currency: 'USD', source: 'Test card', rates: { '90': { utility: 0.5, marketing: 1, authentication: 0.7, service: 0 }, default: { utility: 0.1, marketing: 0.2, authentication: 0.1, service: 0 } } }));
    const other = await startTestServer({ KOPRU_RATE_CARD_FILE: file });
    try {
      const { body } = await price('phone=%2B905321112299', other);
      expect(body.price).toMatchObject({ priceClass: 'utility', amount: 0.5, market: '90' });
      expect((body as unknown as { rateCard: { source: string } }).rateCard.source).toBe('Test card');
    } finally {
      await other.close();
    }
  });

  it.each([
    ['not JSON', '{'],
    ['no default entry', JSON.stringify({ currency: 'USD', rates: { '90': { utility: 1, marketing: 1, authentication: 1, service: 0 } } })],
    ['a negative price', JSON.stringify({ currency: 'USD', rates: { default: { utility: -1, marketing: 1, authentication: 1, service: 0 } } })],
  ])('stops the server at start with %s', (_label, content) => {
    const file = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(file, content);
    expect(() => loadConfig({ KOPRU_RATE_CARD_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ KOPRU_RATE_CARD_FILE: join(dir, 'missing.json') })).toThrow(/KOPRU_RATE_CARD_FILE/);
  });
});
