/**
 * Meta's placeholder rules for a draft (reference §2.6, §2.9; codes 2388293 and 2388299):
 * well-formed `{{…}}`, one format per template, positional numbers without gaps, no placeholder at
 * the very start or end of the body, none side by side, enough words per placeholder, at most one
 * in the header, and an example for each.
 *
 * "Enough words" is the ratio integrators observed behind 2388293 — words + placeholders ≥
 * 3 × placeholders + 1 — not a number Meta publishes.
 *
 * @module
 */
import type { LintFinding } from '../schemas/lint';
import type { BodyComponent, HeaderComponent, NamedParamExample, ParameterFormat } from '../schemas/template';
import { lintError, type FindingPlace } from './lint-finding';
import { isPositionalName } from './placeholders';

export type Occurrence = { name: string; start: number; end: number };
export type PlaceholderScan = { valid: Occurrence[]; malformed: string[]; unbalanced: string[] };

const ANY_DOUBLE_BRACE = /\{\{([^{}]*)\}\}/g;
const NAMED = /^[a-z_][a-z0-9_]*$/;

const isValidName = (name: string): boolean => isPositionalName(name) || NAMED.test(name);

/** Every `{{…}}` in `text`: well-formed placeholders with positions, malformed ones, and stray braces. */
export function scanPlaceholders(text: string): PlaceholderScan {
  const scan: PlaceholderScan = { valid: [], malformed: [], unbalanced: [] };
  for (const match of text.matchAll(ANY_DOUBLE_BRACE)) {
    const name = match[1] as string;
    if (isValidName(name)) scan.valid.push({ name, start: match.index, end: match.index + match[0].length });
    else scan.malformed.push(match[0]);
  }
  const leftover = text.replace(ANY_DOUBLE_BRACE, ' ');
  // `{{1}` or `{1}}`: a brace pair that never closes; show the text around it as evidence.
  for (const stray of leftover.matchAll(/\S{0,12}(\{\{|\}\})\S{0,12}/g)) scan.unbalanced.push(stray[0]);
  return scan;
}

const distinctNames = (scan: PlaceholderScan): string[] => [...new Set(scan.valid.map((o) => o.name))];

function wellFormed(scan: PlaceholderScan, component: string): LintFinding[] {
  return [
    ...scan.malformed.map((evidence) =>
      lintError(
        'special-chars-in-placeholder',
        `${evidence} is not a placeholder Meta accepts: use {{1}}, {{2}}… or lower-case names such as {{order_id}}, with no spaces or characters like #, $ or %.`,
        { component, evidence },
      ),
    ),
    ...scan.unbalanced.map((evidence) =>
      lintError('mismatched-braces', `"${evidence}" has a brace pair that is not closed; Meta rejects templates with mismatched {{ }}.`, { component, evidence }),
    ),
  ];
}

function sequential(scan: PlaceholderScan, component: string): LintFinding[] {
  const numbers = distinctNames(scan).filter(isPositionalName).map(Number).sort((a, b) => a - b);
  const gap = numbers.findIndex((n, i) => n !== i + 1);
  if (gap < 0) return [];
  const missing = gap + 1;
  return [
    lintError(
      'params-not-sequential',
      `Positional placeholders must be numbered 1, 2, 3… without gaps; {{${missing}}} is missing (found ${numbers.map((n) => `{{${n}}}`).join(', ')}).`,
      { component, evidence: `{{${numbers[gap]}}}` },
    ),
  ];
}

const LEADING = /^[\s*_~"'“‘(¡¿-]*/;
const TRAILING = /[\s.,!?;:…)"'”’*_~-]*$/;

function bodyPlacement(text: string, scan: PlaceholderScan): LintFinding[] {
  const findings: LintFinding[] = [];
  const start = text.match(LEADING)?.[0].length ?? 0;
  const end = text.length - (text.match(TRAILING)?.[0].length ?? 0);
  const first = scan.valid.find((o) => o.start === start);
  const last = scan.valid.find((o) => o.end === end);
  const why = 'Meta rejects a body that starts or ends with a placeholder (2388299); trailing punctuation does not help. Add words before or after it.';
  if (first) findings.push(lintError('param-at-start-or-end', `The body starts with {{${first.name}}}. ${why}`, { component: 'BODY', evidence: `{{${first.name}}}` }));
  if (last && last !== first) findings.push(lintError('param-at-start-or-end', `The body ends with {{${last.name}}}. ${why}`, { component: 'BODY', evidence: `{{${last.name}}}` }));
  for (let i = 1; i < scan.valid.length; i += 1) {
    const before = scan.valid[i - 1] as Occurrence;
    const after = scan.valid[i] as Occurrence;
    if (/^\s*$/.test(text.slice(before.end, after.start))) {
      findings.push(
        lintError('adjacent-params', `{{${before.name}}} and {{${after.name}}} have no words between them; Meta rejects placeholders next to each other. Put text between them or merge them into one.`, {
          component: 'BODY',
          evidence: text.slice(before.start, after.end),
        }),
      );
    }
  }
  const words = text.replace(ANY_DOUBLE_BRACE, ' ').split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
  const params = scan.valid.length;
  if (params > 0 && words + params < 3 * params + 1) {
    findings.push(
      lintError(
        'too-many-params-for-length',
        `The body has ${params} placeholder(s) but only ${words} fixed word(s); Meta rejects templates with too many variables for their length (2388293). Aim for at least ${2 * params + 1} words besides the placeholders.`,
        { component: 'BODY' },
      ),
    );
  }
  return findings;
}

type ExampleSource = { positional?: readonly string[] | undefined; named?: readonly NamedParamExample[] | undefined };

function examples(scan: PlaceholderScan, source: ExampleSource, where: FindingPlace & { component: string }): LintFinding[] {
  const missing = distinctNames(scan).filter((name) => {
    const value = isPositionalName(name) ? source.positional?.[Number(name) - 1] : source.named?.find((e) => e.param_name === name)?.example;
    return value === undefined || value.trim() === '';
  });
  if (missing.length === 0) return [];
  const list = missing.map((name) => `{{${name}}}`).join(', ');
  return [lintError('missing-example', `Meta needs an example value for every placeholder; ${list} in ${where.component} has none.`, { ...where, evidence: list })];
}

/** The format the placeholders themselves use, or `mixed`. */
function usedFormat(scans: PlaceholderScan[]): ParameterFormat | 'mixed' | undefined {
  const names = scans.flatMap(distinctNames);
  if (names.length === 0) return undefined;
  const positional = names.filter(isPositionalName).length;
  if (positional === names.length) return 'POSITIONAL';
  return positional === 0 ? 'NAMED' : 'mixed';
}

export function lintPlaceholders(parts: { header?: HeaderComponent; body?: BodyComponent }, declared: ParameterFormat): LintFinding[] {
  const findings: LintFinding[] = [];
  const header = parts.header?.format === 'TEXT' ? parts.header : undefined;
  const headerScan = header ? scanPlaceholders(header.text) : undefined;
  const bodyScan = parts.body ? scanPlaceholders(parts.body.text) : undefined;

  if (headerScan && header) {
    findings.push(...wellFormed(headerScan, 'HEADER'));
    if (headerScan.valid.length > 1) {
      findings.push(lintError('header-too-many-params', `A text header can hold at most one placeholder; this one has ${headerScan.valid.length}.`, { component: 'HEADER', evidence: header.text }));
    }
    findings.push(...sequential(headerScan, 'HEADER'));
    findings.push(...examples(headerScan, { positional: header.example?.header_text, named: header.example?.header_text_named_params }, { component: 'HEADER' }));
  }
  if (bodyScan && parts.body) {
    findings.push(...wellFormed(bodyScan, 'BODY'));
    findings.push(...sequential(bodyScan, 'BODY'));
    findings.push(...bodyPlacement(parts.body.text, bodyScan));
    findings.push(...examples(bodyScan, { positional: parts.body.example?.body_text?.[0], named: parts.body.example?.body_text_named_params }, { component: 'BODY' }));
  }

  const used = usedFormat([headerScan, bodyScan].filter((s): s is PlaceholderScan => s !== undefined));
  if (used === 'mixed') {
    findings.push(lintError('mixed-parameter-formats', 'The header and body mix numbered placeholders ({{1}}) with named ones ({{order_id}}); Meta needs one format for the whole template.', {}));
  } else if (used !== undefined && used !== declared) {
    const fix = used === 'NAMED' ? 'set parameter_format to NAMED' : 'drop parameter_format NAMED (or rename the placeholders)';
    findings.push(lintError('mixed-parameter-formats', `The placeholders are ${used.toLowerCase()} but the draft declares parameter_format ${declared}; ${fix}.`, { component: 'parameter_format' }));
  }
  return findings;
}
