/**
 * Phone numbers in free text, with the filters from helpdesks.md §3.
 *
 * libphonenumber-js finds too much under a default region: order refs, tracking numbers and digit
 * runs from IBANs or card numbers parse as valid numbers. We keep a match only when it stands
 * alone (no letter, digit, hyphen or other id character right next to it, no further digit group
 * joined by a single space or dot), is not an amount, and does not overlap an order number.
 * `max` metadata is needed for real validation and for `getType()` (mobile first for WhatsApp).
 *
 * @module
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import type { PhoneSource } from '../../shared/schemas/ticket-context-consts';
import { TICKET_LIMITS } from '../../shared/schemas/ticket-context-consts';
import type { PhoneCandidate } from '../../shared/schemas/ticket-context';
import type { Span } from './order-numbers';
import { findOrderNumbers } from './order-numbers';

export { findOrderNumbers, orderNumbersIn, normalizeOrderNumber } from './order-numbers';
export type { OrderMatch, Span } from './order-numbers';

/** Our customers are Turkish shops; numbers written nationally (`0532 …`) are read as TR. */
export const DEFAULT_REGION: CountryCode = 'TR';

/** A phone number found somewhere, with what ranking needs. */
export type FoundPhone = PhoneCandidate & {
  /** A phone keyword (WhatsApp, cep, tel, …) shortly before it. */
  nearKeyword: boolean;
  /** MOBILE or FIXED_LINE_OR_MOBILE: reachable on WhatsApp more often than landlines. */
  mobile: boolean;
  /** Order of discovery, for a stable ranking. */
  position: number;
};

// Commas, semicolons, slashes, pipes and line breaks never sit inside a written phone number,
// and without splitting there libphonenumber returns odd spans like "0532-418-27-96, 0532".
const SEGMENT_SEPARATOR = /[\n\r\t,;|/]/;
const ID_CHAR = /[\p{L}\p{N}_@#&-]/u;
const JOINED_DIGIT_BEFORE = /\d[ .]$/;
const JOINED_DIGIT_AFTER = /^[ .]\d/;
// Amounts: a currency or an amount word right before, a currency or decimal part right after.
const AMOUNT_BEFORE =
  /(?:[₺$€£]|(?<![\p{L}])(?:TL|TRY|USD|EUR|tutar\w*|bakiye\w*|fiyat\w*|ücret\w*|toplam\w*|amount|total|price))\s*:?\s*$/iu;
const AMOUNT_AFTER = /^(?:\s*(?:[₺$€£]|(?:TL|TRY|USD|EUR)(?![\p{L}]))|,\d{2}(?!\d))/u;
const PHONE_KEYWORD =
  /(?<![\p{L}])(?:whats\s?app|wp|cep|gsm|mobil\w*|telefon\w*|tel|phone|numara\w*|ileti[şs]im|ula[şs]\w*|call|mobile)(?![\p{L}])/iu;
const KEYWORD_WINDOW = 40;
const PHONE_LIKE_RUN = /\d(?:[\s().-]{0,3}\d){6}/;
/** Scan at most this much text per area: a ticket's phone numbers are never further in. */
const MAX_SCAN_CHARS = 50_000;

/** Parses one value (a profile field, a `tel:` link) to E.164; null unless it is a valid number. */
export function parsePhone(
  raw: string,
  region: CountryCode = DEFAULT_REGION,
): { e164: string; mobile: boolean } | null {
  const number = parsePhoneNumberFromString(raw.trim(), region);
  if (!number?.isValid()) return null;
  return { e164: number.number, mobile: isMobile(number) };
}

/** Builds a ranked candidate from a value read from a field or link. */
export function phoneFromValue(
  raw: string,
  source: PhoneSource,
  position: number,
  region: CountryCode = DEFAULT_REGION,
): FoundPhone | null {
  const parsed = parsePhone(raw, region);
  if (!parsed) return null;
  return { ...parsed, raw: clip(raw), source, nearKeyword: false, position };
}

/**
 * Every phone number written in `text` that survives the filters. `avoid` spans (order numbers)
 * are found in `text` itself when not given.
 */
export function findPhonesInText(
  text: string,
  options: { source?: PhoneSource; region?: CountryCode; avoid?: readonly Span[]; firstPosition?: number } = {},
): FoundPhone[] {
  const { source = 'text', region = DEFAULT_REGION, firstPosition = 0 } = options;
  const key = `${source}|${region}|${text}`;
  let found = options.avoid ? undefined : recentScans.get(key);
  if (!found) {
    found = scan(text.slice(0, MAX_SCAN_CHARS), source, region, options.avoid);
    if (!options.avoid) remember(key, found);
  }
  return found.map((phone, index) => ({ ...phone, position: firstPosition + index }));
}

// The content script re-reads the page after every burst of DOM changes, and most bursts leave the
// conversation text as it was: remember the last few scans instead of parsing it all again.
const recentScans = new Map<string, FoundPhone[]>();
const RECENT_SCANS = 8;
function remember(key: string, found: FoundPhone[]): void {
  recentScans.delete(key);
  recentScans.set(key, found);
  for (const oldest of recentScans.keys()) {
    if (recentScans.size <= RECENT_SCANS) break;
    recentScans.delete(oldest);
  }
}

function scan(text: string, source: PhoneSource, region: CountryCode, avoidSpans?: readonly Span[]): FoundPhone[] {
  const avoid = avoidSpans ?? findOrderNumbers(text);
  const found: FoundPhone[] = [];
  let offset = 0;
  for (const segment of text.split(SEGMENT_SEPARATOR)) {
    // A phone number is a run of at least 7 digits, possibly spaced or punctuated: segments
    // without one skip libphonenumber, which dominates the cost of a read.
    if (PHONE_LIKE_RUN.test(segment)) {
      for (const match of findPhoneNumbersInText(segment, region)) {
        const start = offset + match.startsAt;
        const end = offset + match.endsAt;
        if (!standsAlone(text, start, end)) continue;
        if (avoid.some((span) => span.start < end && start < span.end)) continue;
        if (!match.number.isValid()) continue;
        found.push({
          e164: match.number.number,
          raw: clip(segment.slice(match.startsAt, match.endsAt)),
          source,
          nearKeyword: PHONE_KEYWORD.test(text.slice(Math.max(0, start - KEYWORD_WINDOW), start)),
          mobile: isMobile(match.number),
          position: found.length,
        });
      }
    }
    offset += segment.length + 1;
  }
  return found;
}

const SOURCE_RANK: Record<PhoneSource, number> = { field: 0, tel_link: 1, text: 2 };

/**
 * Best first (profile field > tel: link > text; then near a keyword; then mobile; then first
 * seen), one entry per number, at most `TICKET_LIMITS.listItems`.
 */
export function rankPhones(found: readonly FoundPhone[]): PhoneCandidate[] {
  const sorted = [...found].sort(
    (a, b) =>
      SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
      Number(b.nearKeyword) - Number(a.nearKeyword) ||
      Number(b.mobile) - Number(a.mobile) ||
      a.position - b.position,
  );
  const seen = new Set<string>();
  const ranked: PhoneCandidate[] = [];
  for (const { e164, raw, source } of sorted) {
    if (seen.has(e164)) continue;
    seen.add(e164);
    ranked.push({ e164, raw, source });
  }
  return ranked.slice(0, TICKET_LIMITS.listItems);
}

function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - KEYWORD_WINDOW), start);
  const after = text.slice(end, end + KEYWORD_WINDOW);
  if (ID_CHAR.test(before.slice(-1)) || ID_CHAR.test(after.slice(0, 1))) return false;
  // Part of a longer run of digit groups (IBAN, card or tracking number written in blocks).
  if (JOINED_DIGIT_BEFORE.test(before) || JOINED_DIGIT_AFTER.test(after)) return false;
  return !AMOUNT_BEFORE.test(before) && !AMOUNT_AFTER.test(after);
}

function isMobile(number: PhoneNumber): boolean {
  const type = number.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

function clip(value: string): string {
  return value.trim().replace(/\s+/g, ' ').slice(0, TICKET_LIMITS.text);
}
