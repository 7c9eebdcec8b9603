import { describe, expect, it } from 'vitest';
import { parsePhone, PhoneInput, phoneSchema, waMeLink } from '../../../shared/phone/parse-phone';

describe('parsePhone accepts the ways people write numbers', () => {
  const accepted: Array<[input: string, region: string | undefined, e164: string, country: string | undefined]> = [
    ['0532 418 27 96', undefined, '+905324182796', 'TR'],
    ['532 418 27 96', undefined, '+905324182796', 'TR'],
    ['05324182796', undefined, '+905324182796', 'TR'],
    ['0532-418-2796', undefined, '+905324182796', 'TR'],
    ['+90 (532) 418-27-96', undefined, '+905324182796', 'TR'],
    ['+905324182796', undefined, '+905324182796', 'TR'],
    ['905324182796', undefined, '+905324182796', 'TR'],
    ['00 90 532 418 27 96', undefined, '+905324182796', 'TR'],
    ['0090 532 418 2796', undefined, '+905324182796', 'TR'],
    ['  tel:+905324182796  ', undefined, '+905324182796', 'TR'],
    ['0212 555 12 34', undefined, '+902125551234', 'TR'],
    ['+44 20 7946 0958', undefined, '+442079460958', 'GB'],
    ['442079460958', undefined, '+442079460958', 'GB'],
    ['+1 415 555 2671', undefined, '+14155552671', 'US'],
    ['14155552671', undefined, '+14155552671', 'US'],
    ['(415) 555-2671', 'US', '+14155552671', 'US'],
    ['00 90 532 418 27 96', 'US', '+905324182796', 'TR'],
    ['020 7946 0958', 'GB', '+442079460958', 'GB'],
    ['+49 30 901820', undefined, '+4930901820', 'DE'],
    ['+55 11 98765-4321', undefined, '+5511987654321', 'BR'],
    ['+90\u00a0532\u00a0418\u00a027\u00a096', undefined, '+905324182796', 'TR'],
    ['+800 1234 5678', undefined, '+80012345678', undefined],
    ['+90 532 418 27 96', 'XX', '+905324182796', 'TR'],
  ];

  it.each(accepted)('%j (region %s) → %s', (input, region, e164, country) => {
    const result = region === undefined ? parsePhone(input) : parsePhone(input, region);
    expect(result).toMatchObject({ ok: true, e164, waId: e164.slice(1) });
    if (!result.ok) return;
    expect(result.region).toBe(country);
  });

  it('gives the national format for display', () => {
    const result = parsePhone('+90 532 418 27 96');
    expect(result).toEqual({
      ok: true, e164: '+905324182796', waId: '905324182796', region: 'TR', national: '0532 418 27 96',
    });
  });
});

describe('parsePhone refuses what could reach the wrong person', () => {
  const refused: Array<[input: string, region: string | undefined, code: string]> = [
    ['', undefined, 'EMPTY'],
    ['   ', undefined, 'EMPTY'],
    ['tel:', undefined, 'EMPTY'],
    ['abc', undefined, 'NOT_A_NUMBER'],
    ['1-800-FLOWERS', 'US', 'NOT_A_NUMBER'],
    ['---', undefined, 'NOT_A_NUMBER'],
    ['+90 532 418 27 96 ; 0555', undefined, 'NOT_A_NUMBER'],
    ['12', undefined, 'TOO_SHORT'],
    ['+9053', undefined, 'TOO_SHORT'],
    ['532 418 27 96 1234567', undefined, 'TOO_LONG'],
    ['+999 123 4567', undefined, 'INVALID_COUNTRY'],
    ['0532 418 27 96', 'XX', 'INVALID_COUNTRY'],
    ['+90 532 418 27 9', undefined, 'INVALID'],
    ['+90 000 000 00 00', undefined, 'INVALID'],
    ['+90 532 418 27 96 ext 12', undefined, 'INVALID'],
    ['0532 418 27 96', 'US', 'TOO_LONG'],
  ];

  it.each(refused)('%j (region %s) → %s', (input, region, code) => {
    const result = region === undefined ? parsePhone(input) : parsePhone(input, region);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(code);
    expect(result.problem.message).toMatch(/^[A-Z].*\.$/);
  });
});

describe('waMeLink', () => {
  it.each([
    ['905324182796', undefined, 'https://wa.me/905324182796'],
    ['+90 532 418 27 96', undefined, 'https://wa.me/905324182796'],
    ['905324182796', '', 'https://wa.me/905324182796'],
    ['905324182796', 'Merhaba, sipariş #12 & iade?', 'https://wa.me/905324182796?text=Merhaba%2C%20sipari%C5%9F%20%2312%20%26%20iade%3F'],
  ])('%s + %j → %s', (digits, text, link) => {
    expect(waMeLink(digits, text)).toBe(link);
  });
});

describe('PhoneInput / phoneSchema', () => {
  it('turns a Turkish national number into E.164', () => {
    expect(PhoneInput.parse('0532 418 27 96')).toBe('+905324182796');
  });

  it('reports the phone problem code and message as the zod issue', () => {
    const result = PhoneInput.safeParse('12');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues[0]).toMatchObject({
      message: 'This phone number is too short.',
      params: { phoneProblem: 'TOO_SHORT' },
    });
  });

  it('uses the region it was made for', () => {
    expect(phoneSchema('US').parse('(415) 555-2671')).toBe('+14155552671');
    expect(phoneSchema('US').safeParse('0532 418 27 96').success).toBe(false);
    expect(phoneSchema('GB').parse('020 7946 0958')).toBe('+442079460958');
  });

  it('rejects non-strings', () => {
    expect(PhoneInput.safeParse(905324182796).success).toBe(false);
  });
});
