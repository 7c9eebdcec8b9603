/**
 * `to` → WhatsApp id, as the Cloud API does it (reference §7.1–7.2): strip `+ - ( )` and spaces;
 * a national-looking number (leading 0) gets the business number's country code; `00` is an
 * international prefix. Then the classic rewrites where `wa_id` differs from the input:
 * Brazil drops the mobile 9th digit of legacy accounts (55 DD 9XXXXXXXX → 55 DD XXXXXXXX) and
 * Mexico uses the legacy 521 prefix (52 XXXXXXXXXX → 521 XXXXXXXXXX).
 *
 * @module
 */

export function normalizeRecipient(input: string, countryCode: string): string | undefined {
  let digits = input.replace(/[+\-()\s]/g, '');
  if (!/^[0-9]+$/.test(digits)) return undefined;
  if (!input.trim().startsWith('+')) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    else if (digits.startsWith('0')) digits = countryCode + digits.slice(1);
  }
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return undefined;
  const brazil = /^55([1-9][0-9])9([0-9]{8})$/.exec(digits);
  if (brazil) return `55${brazil[1]}${brazil[2]}`;
  const mexico = /^52([0-9]{10})$/.exec(digits);
  if (mexico) return `521${mexico[1]}`;
  return digits;
}
