/**
 * Order numbers in free text (helpdesks.md §4): keyword-anchored patterns, including Turkish
 * ("Sipariş no: 784512", "784512 numaralı siparişim"), plus a few shapes that need no keyword
 * (`#TR-10482`, `#1001`, `ORD-2024-000917`, Amazon's `123-1234567-1234567`).
 *
 * @module
 */
import { TICKET_LIMITS } from '../../shared/schemas/ticket-context-consts';

export type Span = { start: number; end: number };
export type OrderMatch = Span & { value: string };

// Turkish capitals: `İ` does not case-fold to `i` in JS regexes, so spell the variants out.
const I = '[iİıI]';
const KEYWORD = [
  String.raw`order(?:\s*(?:no|nr|number|num|id|ref))?`,
  String.raw`pedido(?:\s*n[º°o]\.?)?`,
  'encomenda',
  'orden',
  String.raw`commande(?:\s*n[°o]\.?)?`,
  String.raw`bestell(?:ung|nummer)`,
  'ordine',
  String.raw`ref(?:erence|erans)?(?:\s*no)?`,
  // "sipariş", "siparişim", "siparişinizin" … optionally followed by "no" / "numarası" / "kodu".
  String.raw`s${I}par${I}[şs][a-zçğıöşü]*(?:\s+(?:no|numaras${I}|numaram|numaran${I}z|kodu))?`,
].join('|');
const VALUE = String.raw`#?[A-Za-z]{0,4}-?\d[\dA-Za-z-]{2,}\d`;
// An id ends where letters/digits stop and no further digit group follows ("0532 418…" is a phone).
const VALUE_END = String.raw`(?![\p{L}\p{N}])(?![ .]\d)`;

// Named with a keyword: trusted even next to a ticket reference.
const KEYWORD_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${KEYWORD})(?![\p{L}])\.?\s*(?:[:#]\s*)?(${VALUE})${VALUE_END}`, 'giu'),
  // "784512 numaralı siparişim", "784512 nolu sipariş"
  new RegExp(String.raw`(?<![\p{L}\p{N}#-])(\d{4,})\s+(?:numaral${I}|nolu|no'lu)\s+s${I}par${I}[şs]`, 'giu'),
];
// Shapes alone: dropped when they are a ticket reference ("Talep #5521", "Ticket #4711").
const SHAPE_PATTERNS: readonly RegExp[] = [
  // Shopify-style "#1001", "#TR-10482", "#A-10482"
  new RegExp(String.raw`(?<![\p{L}\p{N}&#])#([A-Za-z]{0,4}-?\d{3,})${VALUE_END}`, 'gu'),
  // "ORD-2024-000917", "TR-10482"
  new RegExp(String.raw`(?<![\p{L}\p{N}#-])([A-Z]{2,5}-\d{4,}(?:-\d+)*)(?![\p{L}\p{N}-])`, 'gu'),
  // Amazon
  new RegExp(String.raw`(?<![\p{N}-])(\d{3}-\d{7}-\d{7})(?![\p{N}-])`, 'gu'),
];
const TICKET_REFERENCE = new RegExp(
  String.raw`(?<![\p{L}])(?:talep|ticket|case|vaka|request|konu[şs]ma|conversation)(?:\s+(?:no|numaras${I}))?\.?\s*[:#]?\s*#?\d+`,
  'giu',
);

/** `#tr-10482` → `TR-10482`: the form we store and compare. */
export function normalizeOrderNumber(value: string): string {
  return value.trim().replace(/^#/, '').toUpperCase().slice(0, TICKET_LIMITS.orderNumber);
}

/** Every order number in `text` with its span (the whole phrase, so phones inside it are dropped). */
export function findOrderNumbers(text: string): OrderMatch[] {
  const references = [...text.matchAll(TICKET_REFERENCE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const matches: OrderMatch[] = [];
  for (const pattern of [...KEYWORD_PATTERNS, ...SHAPE_PATTERNS]) {
    const keyword = KEYWORD_PATTERNS.includes(pattern);
    for (const m of text.matchAll(pattern)) {
      const id = m[1];
      if (id === undefined) continue;
      const span = { start: m.index, end: m.index + m[0].length };
      if (!keyword && references.some((ref) => ref.start < span.end && span.start < ref.end)) continue;
      matches.push({ ...span, value: normalizeOrderNumber(id) });
    }
  }
  // Overlaps ("#TR-10482" matches two patterns): keep the earliest, then the longest.
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: OrderMatch[] = [];
  for (const match of matches) {
    const last = kept.at(-1);
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

/**
 * Distinct order numbers in the texts, in order of appearance, never one of the ticket's own
 * numbers (`exclude`): a ticket's "#4711" in its own subject is not an order.
 */
export function orderNumbersIn(texts: readonly string[], exclude: readonly string[] = []): string[] {
  const skip = new Set(exclude.map(normalizeOrderNumber));
  const result: string[] = [];
  for (const text of texts) {
    for (const { value } of findOrderNumbers(text)) {
      if (skip.has(value) || result.includes(value)) continue;
      result.push(value);
    }
  }
  return result.slice(0, TICKET_LIMITS.listItems);
}
