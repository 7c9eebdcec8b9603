/**
 * The utility-wording check: finds what makes Meta treat a template as marketing (reference
 * §6.3) in the header, body, footer, button labels and button URLs, in Turkish and English, and
 * says whether the wording is promotional overall.
 *
 * Promotional = any strong signal (see `marketing-signals.ts`), or an excited tone in a message
 * that refers to no transaction at all ("Harika haberler!!! 🎉" with nothing specific).
 *
 * @module
 */
import type { LintFinding } from '../schemas/lint';
import { buttonPlace, lintWarning } from './lint-finding';
import { scanPlaceholders } from './lint-placeholders';
import type { DraftTexts } from './lint-shape';
import { foldedAfter, foldedBefore, matchesAt, phrase, words, type Word } from './lint-text';
import {
  EXCITED_EMOJI,
  NEUTRAL_PERCENT_CONTEXT,
  RULE_REASONS,
  SIGNALS,
  TRANSACTION_WORDS,
  type Signal,
  type Strength,
  type WordingRule,
} from './marketing-signals';
import { inferTextKind } from './variable-kind';

export type WordingVerdict = { findings: LintFinding[]; promotional: boolean; transactional: boolean };

type Segment = { component: string; text: string; list: Word[]; fromUrl: boolean };
type Hit = { rule: WordingRule; strength: Strength; component: string; evidence: string; ifTransactional?: Signal['ifTransactional'] };

const compiled = (signals: readonly Signal[]) => signals.map((signal) => ({ signal, pattern: phrase(signal.words) }));
const MARKETING = compiled(SIGNALS);
const TRANSACTION = compiled(TRANSACTION_WORDS);

/** Kinds of placeholder values that are themselves a transaction reference. */
const TRANSACTION_KINDS = new Set(['order_number', 'ticket_id', 'date', 'amount']);

function segments(texts: DraftTexts): Segment[] {
  const list: Array<Omit<Segment, 'list'>> = [];
  if (texts.header !== undefined) list.push({ component: 'HEADER', text: texts.header, fromUrl: false });
  if (texts.body !== undefined) list.push({ component: 'BODY', text: texts.body, fromUrl: false });
  if (texts.footer !== undefined) list.push({ component: 'FOOTER', text: texts.footer, fromUrl: false });
  for (const button of texts.buttons) {
    if (button.text !== undefined) list.push({ component: buttonPlace(button.index), text: button.text, fromUrl: false });
    // Only the path and query say what a link is for; the host is often a shop's own domain.
    if (button.url !== undefined) {
      const path = button.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/\{\{[^{}]*\}\}/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ');
      list.push({ component: buttonPlace(button.index), text: path, fromUrl: true });
    }
  }
  return list.map((segment) => ({ ...segment, list: words(segment.text) }));
}

function matches(segment: Segment, table: ReturnType<typeof compiled>): Hit[] {
  const hits: Hit[] = [];
  const { list } = segment;
  for (let at = 0; at < list.length; at += 1) {
    for (const { signal, pattern } of table) {
      if (!matchesAt(list, at, pattern)) continue;
      if (signal.unlessBefore?.test(foldedBefore(list, at))) continue;
      if (signal.unlessAfter?.test(foldedAfter(list, at + pattern.length, 3))) continue;
      const last = list[at + pattern.length - 1] as Word;
      const evidence = segment.text.slice((list[at] as Word).start, last.end);
      hits.push({ rule: signal.rule, strength: signal.strength, component: segment.component, evidence, ...(signal.ifTransactional ? { ifTransactional: signal.ifTransactional } : {}) });
    }
  }
  return hits;
}

/** Does any placeholder hold an order number, ticket id, date or amount? */
function hasTransactionVariable(texts: DraftTexts, exampleFor: (name: string) => string | undefined): boolean {
  return [texts.header, texts.body].some((text) => {
    if (text === undefined) return false;
    const { valid } = scanPlaceholders(text);
    return valid.some((occurrence, i) => {
      const before = text.slice(valid[i - 1]?.end ?? 0, occurrence.start);
      const after = text.slice(occurrence.end, valid[i + 1]?.start ?? text.length);
      const example = exampleFor(occurrence.name);
      return TRANSACTION_KINDS.has(inferTextKind({ name: occurrence.name, before, after, ...(example === undefined ? {} : { example }) }));
    });
  });
}

const PERCENT = /%\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?%/g;
const PROMO_PERCENT_CONTEXT = /^(off|indirim\w*|discount\w*|save|tasarruf\w*|varan|kadar|up|upto)$/;

/** A percentage reads as a discount unless it sits next to tax/interest/progress words. */
function percentages(segment: Segment): Hit[] {
  const hits: Hit[] = [];
  for (const match of segment.text.matchAll(PERCENT)) {
    const end = match.index + match[0].length;
    const near = segment.list.filter((w) => w.end <= match.index || w.start >= end);
    const around = [
      ...near.filter((w) => w.end <= match.index).slice(-2),
      ...near.filter((w) => w.start >= end).slice(0, 3),
    ].map((w) => w.folded.replace(/'.*$/, ''));
    if (around.some((w) => NEUTRAL_PERCENT_CONTEXT.test(w))) continue;
    const strong = around.some((w) => PROMO_PERCENT_CONTEXT.test(w));
    hits.push({ rule: 'promo-discount', strength: strong ? 'strong' : 'weak', component: segment.component, evidence: match[0] });
  }
  return hits;
}

const ACRONYMS = new Set(['IBAN', 'SWIFT', 'HTTP', 'HTTPS', 'EFT', 'HAVALE', 'OTP', 'PIN', 'UTC', 'GMT']);

function tone(segment: Segment): Hit[] {
  const hits: Hit[] = [];
  const marks = segment.text.match(/!/g)?.length ?? 0;
  if (marks >= 3 || /!{2,}/.test(segment.text)) hits.push({ rule: 'excitement', strength: 'weak', component: segment.component, evidence: segment.text.match(/!{2,}/)?.[0] ?? '!'.repeat(marks) });
  const emoji = EXCITED_EMOJI.exec(segment.text);
  if (emoji) hits.push({ rule: 'excitement', strength: 'weak', component: segment.component, evidence: emoji[0] });
  // Shouting: two or more all-capital words of four letters or more (brand names live in the footer, which is skipped).
  if (segment.component !== 'FOOTER') {
    const shouted = segment.list.filter(
      (w) => /^\p{L}{4,}$/u.test(w.text) && w.text === w.text.toLocaleUpperCase('tr') && w.text !== w.text.toLocaleLowerCase('tr') && !ACRONYMS.has(w.text),
    );
    if (shouted.length >= 2) hits.push({ rule: 'excitement', strength: 'weak', component: segment.component, evidence: shouted.map((w) => w.text).join(' ') });
  }
  return hits;
}

function finding(hit: Hit): LintFinding {
  const hint = hit.strength === 'weak' ? ' On its own this is a hint, not decisive.' : '';
  return lintWarning(hit.rule, `"${hit.evidence}": ${RULE_REASONS[hit.rule]}.${hint}`, { component: hit.component, evidence: hit.evidence });
}

export function lintWording(texts: DraftTexts, exampleFor: (name: string) => string | undefined = () => undefined): WordingVerdict {
  const all = segments(texts);
  const transactional = all.some((segment) => matches(segment, TRANSACTION).length > 0) || hasTransactionVariable(texts, exampleFor);

  const hits: Hit[] = [];
  for (const segment of all) {
    for (const hit of matches(segment, MARKETING)) {
      const downgrade = transactional ? hit.ifTransactional : undefined;
      if (downgrade === 'ignore') continue;
      hits.push(downgrade === 'weak' ? { ...hit, strength: 'weak' } : hit);
    }
    if (!segment.fromUrl) hits.push(...percentages(segment), ...tone(segment));
  }

  const seen = new Set<string>();
  const unique = hits.filter((hit) => {
    const key = `${hit.rule}|${hit.component}|${hit.evidence.toLocaleLowerCase('tr')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const findings = unique.map(finding);
  if (!transactional && texts.body !== undefined) {
    findings.push(lintWarning('no-transaction-reference', `Nothing refers to a transaction: ${RULE_REASONS['no-transaction-reference']}. Name the order, payment, appointment or ticket, or add a variable for it.`, { component: 'BODY' }));
  }
  const excited = unique.some((hit) => hit.rule === 'excitement');
  const promotional = unique.some((hit) => hit.strength === 'strong') || (excited && !transactional);
  return { findings, promotional, transactional };
}
