import { describe, expect, it } from 'vitest';
import { describeWhatsAppError, isRetryableCode, retryDelayMs, retryPolicy, WhatsAppError } from '../../../server/whatsapp/errors';

describe('retry classification (reference §4.4)', () => {
  it.each([
    [1, 'once'], [2, 'backoff'], [4, 'backoff'], [80007, 'backoff'], [130429, 'backoff'], [131000, 'backoff'],
    [131016, 'backoff'], [131057, 'backoff'], [133004, 'backoff'], [131056, 'schedule'],
    [0, 'never'], [3, 'never'], [10, 'never'], [100, 'never'], [190, 'never'], [200, 'never'], [368, 'never'],
    [131026, 'never'], [131047, 'never'], [131049, 'never'], [131050, 'never'], [132000, 'never'], [132001, 'never'],
    [132005, 'never'], [132012, 'never'], [132015, 'never'], [132016, 'never'], [132018, 'never'], [130472, 'never'],
  ] as const)('code %i → %s', (code, policy) => {
    expect(retryPolicy(code)).toBe(policy);
    expect(isRetryableCode(code)).toBe(policy !== 'never');
  });

  it.each([
    ['graph error with a retryable code', { kind: 'graph', code: 131016, httpStatus: 500 }, true],
    ['graph error with a final code on a 5xx', { kind: 'graph', code: 132001, httpStatus: 500 }, false],
    ['5xx without a body code', { kind: 'bad_response', httpStatus: 503 }, true],
    ['429 without a body code', { kind: 'bad_response', httpStatus: 429 }, true],
    ['4xx without a body code', { kind: 'bad_response', httpStatus: 400 }, false],
    ['unreadable 200', { kind: 'bad_response', httpStatus: 200 }, false],
    ['network error', { kind: 'network' }, true],
    ['timeout', { kind: 'timeout' }, true],
  ] as const)('%s → retryable %s', (_label, init, retryable) => {
    expect(new WhatsAppError({ message: 'x', ...init }).retryable).toBe(retryable);
  });
});

describe('retryDelayMs', () => {
  const error = (code: number | null, extra: Partial<ConstructorParameters<typeof WhatsAppError>[0]> = {}) =>
    new WhatsAppError({ message: 'x', kind: code === null ? 'network' : 'graph', code, ...extra });

  it('pair rate limit waits 4^attempt seconds', () => {
    expect([0, 1, 2, 3].map((a) => retryDelayMs(error(131056), a))).toEqual([1000, 4000, 16000, 64000]);
  });

  it('honours Retry-After on throughput errors', () => {
    expect(retryDelayMs(error(130429, { retryAfterMs: 7000 }), 3)).toBe(7000);
    expect(retryDelayMs(error(130429), 0)).toBe(1000);
    expect(retryDelayMs(error(130429), 2)).toBe(4000);
  });

  it('backs off in minutes for app and WABA call limits, capped at 15 minutes', () => {
    expect(retryDelayMs(error(4), 0)).toBe(60_000);
    expect(retryDelayMs(error(80007), 1)).toBe(120_000);
    expect(retryDelayMs(error(80007), 10)).toBe(15 * 60_000);
  });

  it('retries code 1 once only, and never retries final errors', () => {
    expect(retryDelayMs(error(1), 0)).toBe(1000);
    expect(retryDelayMs(error(1), 1)).toBeNull();
    expect(retryDelayMs(error(131047), 0)).toBeNull();
    expect(retryDelayMs(error(null), 1)).toBe(2000);
  });
});

describe('describeWhatsAppError', () => {
  it.each([131026, 131047, 131049, 131050, 131056, 130429, 132000, 132001, 132005, 132012, 132015, 132016, 132018, 131000, 131016, 190, 100, 130472])(
    'has a sentence for %i',
    (code) => {
      expect(describeWhatsAppError(code)).toMatch(/^[A-Z].{10,}\.$/);
    },
  );

  it('says what the common ones mean', () => {
    expect(describeWhatsAppError(131047)).toMatch(/24 hours/);
    expect(describeWhatsAppError(132001)).toMatch(/language|approved/);
    expect(describeWhatsAppError(190)).toMatch(/token/);
  });

  it('returns null for unknown codes and for no code', () => {
    expect(describeWhatsAppError(999999)).toBeNull();
    expect(describeWhatsAppError(null)).toBeNull();
  });
});
