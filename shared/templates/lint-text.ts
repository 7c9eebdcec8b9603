/**
 * Words of a template text for the wording check: each word keeps its place in the original text
 * (so findings can quote it as written) and a folded form for matching — lower-case with Turkish
 * İ/I/ı all folded to `i` and accents dropped, so `İNDİRİM`, `indirim` and `ındırım` compare equal
 * and a stem such as `kampanya\w*` also covers `kampanyamız`.
 *
 * Placeholders become a word of their own (`{{}}`) so no phrase matches across a value.
 *
 * @module
 */
import { foldText } from './variable-kind';

export type Word = { text: string; folded: string; start: number; end: number };

// Letters/digits, with inner apostrophes kept (`don't`, `Köprü'den`).
const WORD = /\{\{[^{}]*\}\}|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export const PLACEHOLDER_WORD = '{{}}';

export function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => {
    const raw = match[0];
    const folded = raw.startsWith('{{') ? PLACEHOLDER_WORD : foldText(raw).replace(/’/g, "'");
    return { text: raw, folded, start: match.index, end: match.index + raw.length };
  });
}

/** Compiles `['satin', 'al(in)?']` into anchored per-word patterns. */
export const phrase = (parts: readonly string[]): RegExp[] => parts.map((part) => new RegExp(`^(?:${part})$`));

/** Where `pattern` matches consecutive words starting at `at`, or -1. */
export function matchesAt(list: readonly Word[], at: number, pattern: readonly RegExp[]): boolean {
  return pattern.every((re, offset) => {
    const word = list[at + offset];
    return word !== undefined && re.test(word.folded);
  });
}

/** Up to `count` folded words before `at`, joined by spaces. */
export const foldedBefore = (list: readonly Word[], at: number, count = 2): string =>
  list.slice(Math.max(0, at - count), at).map((w) => w.folded).join(' ');

/** Up to `count` folded words from `at` on, joined by spaces. */
export const foldedAfter = (list: readonly Word[], at: number, count = 2): string =>
  list.slice(at, at + count).map((w) => w.folded).join(' ');
