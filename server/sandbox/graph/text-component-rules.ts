/**
 * Creation rules for HEADER, BODY and FOOTER text (reference §2.7, §2.9): lengths, placeholder
 * syntax, sequential positional numbering, examples for every variable, no variable at the very
 * start or end of the body, no adjacent variables, and not too many variables for the length.
 *
 * @module
 */
import type { ParameterFormat, TemplateComponent } from '../../../shared/schemas/template';
import type { GraphError } from '../graph-errors';
import { createError, SUBCODE } from './create-errors';
import type { Placeholder } from './placeholders';
import { findPlaceholders, placeholderKeys } from './placeholders';

type HeaderText = Extract<TemplateComponent, { type: 'HEADER'; format: 'TEXT' }>;
type Body = Extract<TemplateComponent, { type: 'BODY' }>;
type Footer = Extract<TemplateComponent, { type: 'FOOTER' }>;

const POSITIONAL_KEY = /^[1-9][0-9]*$/;
const NAMED_KEY = /^[a-z_][a-z0-9_]*$/;

/** Checks placeholder syntax for the template's format; special characters (`#`, `$`, spaces…) fail. */
function checkKeys(placeholders: Placeholder[], format: ParameterFormat, subcode: number, where: string) {
  const pattern = format === 'NAMED' ? NAMED_KEY : POSITIONAL_KEY;
  const bad = placeholders.find((p) => !pattern.test(p.key));
  if (!bad) return undefined;
  const expected =
    format === 'NAMED'
      ? 'lower-case letters, digits and underscores (parameter_format NAMED)'
      : 'a number such as {{1}} (parameter_format POSITIONAL)';
  return createError(
    subcode,
    'Invalid variable',
    `${where} variable {{${bad.key}}} is not valid: a variable must be ${expected}, without special characters.`,
  );
}

function checkSequential(keys: string[], subcode: number, where: string) {
  const ok = keys.every((k, i) => k === String(i + 1));
  if (ok) return undefined;
  return createError(
    subcode,
    'Variables are not sequential',
    `${where} variables must be numbered in order starting at {{1}} (found ${keys.map((k) => `{{${k}}}`).join(', ')}).`,
  );
}

function namedExamplesMatch(keys: string[], examples: Array<{ param_name: string; example: string }> | undefined) {
  if (!examples) return keys.length === 0;
  const names = examples.map((e) => e.param_name);
  return (
    names.length === keys.length &&
    keys.every((k) => names.includes(k)) &&
    examples.every((e) => e.example.trim().length > 0)
  );
}

export function checkHeaderText(h: HeaderText, format: ParameterFormat): GraphError | undefined {
  const S = SUBCODE.HEADER_FORMAT;
  if (h.text.trim().length === 0) return createError(S, 'Header text missing', 'A TEXT header needs text.');
  if (h.text.length > 60) {
    return createError(SUBCODE.TOO_LONG, 'Header text too long', `Header text can have at most 60 characters (this one has ${h.text.length}).`);
  }
  const placeholders = findPlaceholders(h.text);
  const keyError = checkKeys(placeholders, format, S, 'Header');
  if (keyError) return keyError;
  const keys = placeholderKeys(h.text);
  if (placeholders.length > 1) return createError(S, 'Too many header variables', 'A TEXT header can have at most 1 variable.');
  if (keys.length === 0) return undefined;
  if (format === 'POSITIONAL') {
    const seq = checkSequential(keys, S, 'Header');
    if (seq) return seq;
    const example = h.example?.header_text;
    if (!example || example.length !== 1 || !example[0]?.trim()) {
      return createError(S, 'Missing example', 'The header has a variable, so add example.header_text with one sample value.');
    }
  } else if (!namedExamplesMatch(keys, h.example?.header_text_named_params)) {
    return createError(S, 'Missing example', 'The header has a named variable, so add example.header_text_named_params with a sample for it.');
  }
  return undefined;
}

export function checkBody(b: Body, format: ParameterFormat): GraphError | undefined {
  const S = SUBCODE.BODY_FORMAT;
  const text = b.text;
  if (text.trim().length === 0) return createError(S, 'Body text missing', 'The BODY component needs text.');
  if (text.length > 1024) {
    return createError(SUBCODE.TOO_LONG, 'Body text too long', `Body text can have at most 1,024 characters (this one has ${text.length}).`);
  }
  const placeholders = findPlaceholders(text);
  const keyError = checkKeys(placeholders, format, S, 'Body');
  if (keyError) return keyError;
  const keys = placeholderKeys(text);
  if (format === 'POSITIONAL') {
    const seq = checkSequential(keys, S, 'Body');
    if (seq) return seq;
    const example = b.example?.body_text?.[0];
    if (keys.length > 0 && (!example || example.length !== keys.length || example.some((v) => !v.trim()))) {
      return createError(
        S,
        'Missing examples',
        `The body has ${keys.length} variable(s), so add example.body_text with exactly ${keys.length} sample value(s).`,
      );
    }
  } else if (!namedExamplesMatch(keys, b.example?.body_text_named_params)) {
    return createError(S, 'Missing examples', 'Add example.body_text_named_params with one sample for every named variable.');
  }
  if (placeholders.length === 0) return undefined;
  const first = placeholders[0]!;
  const last = placeholders[placeholders.length - 1]!;
  if (first.start === text.length - text.trimStart().length || last.end === text.trimEnd().length) {
    return createError(
      SUBCODE.DANGLING_VARIABLE,
      "Variables can't be at the start or end of the template",
      'Variables can’t be at the very start or end of the body. Add text before the first and after the last variable.',
    );
  }
  for (let i = 1; i < placeholders.length; i += 1) {
    if (text.slice(placeholders[i - 1]!.end, placeholders[i]!.start).trim() === '') {
      return createError(
        S,
        "Variables can't be next to each other",
        'Two variables are placed next to each other (like {{1}}{{2}}). Put words between them.',
      );
    }
  }
  // Meta rejects bodies that are mostly variables; the sandbox asks for 2 words of text per variable.
  const words = text
    .replace(/\{\{[^{}]*\}\}/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < 2 * placeholders.length) {
    return createError(
      SUBCODE.TOO_MANY_VARIABLES,
      'Too many variables for the message length',
      `This template has ${placeholders.length} variables but only ${words} words of text. Reduce the variables or write a longer message.`,
    );
  }
  return undefined;
}

export function checkFooter(f: Footer): GraphError | undefined {
  if (f.text.length > 60) {
    return createError(SUBCODE.TOO_LONG, 'Footer text too long', `Footer text can have at most 60 characters (this one has ${f.text.length}).`);
  }
  if (f.text.trim().length === 0) return createError(SUBCODE.FOOTER_FORMAT, 'Footer text missing', 'A FOOTER needs text.');
  if (findPlaceholders(f.text).length > 0) {
    return createError(SUBCODE.FOOTER_FORMAT, 'Invalid footer', 'Footers can’t contain variables.');
  }
  return undefined;
}
