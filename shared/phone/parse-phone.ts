/**
 * Phone numbers as agents type them and as helpdesks store them → the E.164 number WhatsApp wants.
 *
 * Meta prepends the *business* number's country code to anything that looks national (reference
 * §7.1), so a number we fail to normalise can silently reach a stranger in another country. That is
 * why this module refuses anything libphonenumber's full (`max`) metadata does not call valid,
 * instead of passing "best effort" digits through.
 *
 * Accepted shapes (default region TR):
 * - national: `0532 418 27 96`, `532 418 27 96`
 * - international: `+90 (532) 418-27-96`, `00 90 532 418 27 96`, `+44 20 7946 0958`, `tel:+90…`
 * - WhatsApp's bare international digits (`905324182796`, `14155552671`): when the input is only
 *   digits and separators, is not valid as a national number of the default region and is valid
 *   once a `+` is put in front, it is read as international.
 *
 * @module
 */
import * as z from 'zod';
import {
  isSupportedCountry,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export { waMeLink } from './wa-me-link';

export type PhoneProblemCode = 'EMPTY' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_COUNTRY' | 'NOT_A_NUMBER' | 'INVALID';

export type PhoneProblem = { code: PhoneProblemCode; message: string };

/**
 * `e164` is `+905324182796`; `waId` the same without `+` (what webhooks carry); `region` the ISO
 * country (absent for non-geographic codes such as +800); `national` the number formatted the way
 * people of that country write it (`0532 418 27 96`) — for display only, never for matching.
 */
export type PhoneResult =
  | { ok: true; e164: string; waId: string; region?: string; national: string }
  | { ok: false; problem: PhoneProblem };

/** Formatting characters people put in numbers; anything else that is not a digit is suspicious. */
const SEPARATORS = /[\s().\-\/\u00a0\u2010-\u2015]/g;
/** `ext 12`, `x12`, `#12` at the end: a desk phone behind a PBX, which WhatsApp can never reach. */
const EXTENSION = /\s*(?:ext\.?|extension|x|#)\s*\d+\s*$/i;

const fail = (code: PhoneProblemCode, message: string): PhoneResult => ({ ok: false, problem: { code, message } });

function success(phone: PhoneNumber): PhoneResult {
  const e164 = phone.number;
  let national: string | undefined;
  return {
    ok: true,
    e164,
    waId: e164.slice(1),
    ...(phone.country ? { region: phone.country } : {}),
    // Formatted on first read: most callers (the gate, lookups) only need e164, and formatting
    // was a third of the parse's cost.
    get national() {
      return (national ??= phone.formatNational());
    },
  };
}

function tryParse(text: string, region: CountryCode | undefined): PhoneNumber | null {
  try {
    return parsePhoneNumberWithError(text, region);
  } catch {
    return null;
  }
}

function lengthProblem(text: string, region: CountryCode | undefined): PhoneResult {
  const verdict = validatePhoneNumberLength(text, region);
  switch (verdict) {
    case 'TOO_SHORT':
      return fail('TOO_SHORT', 'This phone number is too short.');
    case 'TOO_LONG':
      return fail('TOO_LONG', 'This phone number is too long.');
    case 'INVALID_COUNTRY':
      return text.startsWith('+')
        ? fail('INVALID_COUNTRY', 'This phone number starts with an unknown country code.')
        : fail('INVALID_COUNTRY', 'Add the country code (for example +90) to this phone number.');
    case 'NOT_A_NUMBER':
      return fail('NOT_A_NUMBER', 'This is not a phone number.');
    case 'INVALID_LENGTH':
      return fail('INVALID', 'This phone number has the wrong number of digits for its country.');
    default:
      return fail('INVALID', 'This phone number is not a valid number for its country.');
  }
}

/**
 * Parses what an agent or a helpdesk field holds into a WhatsApp-ready number.
 * `defaultRegion` is the ISO country used for numbers written without a country code.
 */
export function parsePhone(input: string, defaultRegion = 'TR'): PhoneResult {
  let text = input.trim().replace(/^tel:/i, '').trim();
  if (text === '') return fail('EMPTY', 'Enter a phone number.');
  if (EXTENSION.test(text) && text.replace(EXTENSION, '').replace(/\D/g, '').length >= 6) {
    return fail('INVALID', 'Phone extensions cannot receive WhatsApp messages; use a direct mobile number.');
  }
  if (/[a-z]/i.test(text) || !/\d/.test(text)) return fail('NOT_A_NUMBER', 'This is not a phone number.');

  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return fail('NOT_A_NUMBER', 'This is not a phone number.');
  // `00` is the international prefix almost everywhere (NANP uses 011, which libphonenumber knows);
  // normalising it up front makes `00 90 532…` work whatever the default region is.
  text = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;

  const region = isSupportedCountry(defaultRegion) ? defaultRegion : undefined;
  if (text.startsWith('+')) {
    const phone = tryParse(text, undefined);
    return phone?.isValid() ? success(phone) : lengthProblem(text, undefined);
  }

  const national = region ? tryParse(text, region) : null;
  if (national?.isValid()) return success(national);
  // WhatsApp prints numbers as bare international digits (`905324182796`), so people paste them.
  const international = tryParse(`+${text}`, undefined);
  if (international?.isValid()) return success(international);
  return region ? lengthProblem(text, region) : lengthProblem(`+${text}`, undefined);
}

/**
 * A zod string that must parse as a phone number of `region` and becomes its E.164 form. The
 * issue's `params.phoneProblem` carries the `PhoneProblemCode` so a route can answer precisely.
 */
export function phoneSchema(region = 'TR') {
  return z.string().transform((value, ctx) => {
    const result = parsePhone(value, region);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message: result.problem.message, params: { phoneProblem: result.problem.code } });
    return z.NEVER;
  });
}

/** Route validation for a phone number, Turkish national numbers allowed. Output: E.164. */
export const PhoneInput = phoneSchema('TR');
export type PhoneInput = z.infer<typeof PhoneInput>;
